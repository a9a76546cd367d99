package org.racelab.sched;

import java.util.ArrayList;
import java.util.List;
import org.racelab.exec.Machine;

/** Wraps a scheduler and records every decision it makes, as a {@link Schedule}. */
public final class RecordingScheduler implements Scheduler {
  private final Scheduler inner;
  private final List<Schedule.Step> steps = new ArrayList<>();
  private int thread = -1;
  private List<Integer> choices = new ArrayList<>();

  /** Records what {@code inner} decides. */
  public RecordingScheduler(Scheduler inner) {
    this.inner = inner;
  }

  @Override
  public String kind() {
    return inner.kind();
  }

  @Override
  public int pickThread(List<Integer> enabled, Machine machine) {
    flush();
    thread = inner.pickThread(enabled, machine);
    return thread;
  }

  @Override
  public int choose(int t, int options) {
    int c = inner.choose(t, options);
    choices.add(c);
    return c;
  }

  @Override
  public void finished(Machine machine) {
    inner.finished(machine);
  }

  private void flush() {
    if (thread >= 0) {
      steps.add(new Schedule.Step(thread, List.copyOf(choices)));
      choices = new ArrayList<>();
      thread = -1;
    }
  }

  /** The decisions so far. */
  public Schedule schedule() {
    flush();
    return new Schedule(List.copyOf(steps));
  }
}
