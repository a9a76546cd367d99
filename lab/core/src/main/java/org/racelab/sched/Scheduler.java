package org.racelab.sched;

import java.util.List;
import org.racelab.exec.Machine;

/** Decides the interleaving of one run. */
public interface Scheduler {

  /** A short name for reports: {@code random}, {@code round-robin}, {@code replay}, ... */
  String kind();

  /**
   * Picks the thread that takes the next step.
   *
   * @param enabled the threads that can move, by id, increasing (never empty)
   * @param machine the machine, for schedulers that look at what threads will do
   */
  int pickThread(List<Integer> enabled, Machine machine);

  /** Picks one of {@code options} (at least 2) inside the current step of {@code thread}. */
  int choose(int thread, int options);

  /**
   * Called once when the run is over (no thread can move, or the run was cut short), with the
   * machine in its final state. Schedulers that learn from a run (exploration) look at it here.
   */
  default void finished(Machine machine) {}
}
