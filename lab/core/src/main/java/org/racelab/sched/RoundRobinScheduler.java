package org.racelab.sched;

import java.util.List;
import org.racelab.exec.Machine;

/**
 * Round-robin: each thread takes {@code quantum} steps in turn, in id order; loads read the latest
 * store. The most "polite" interleaving, useful as a baseline next to random ones.
 */
public final class RoundRobinScheduler implements Scheduler {
  private final int quantum;
  private int current = -1;
  private int used;

  /** Switches thread after {@code quantum} steps (at least 1). */
  public RoundRobinScheduler(int quantum) {
    this.quantum = Math.max(1, quantum);
  }

  @Override
  public String kind() {
    return "round-robin";
  }

  @Override
  public int pickThread(List<Integer> enabled, Machine machine) {
    if (enabled.contains(current) && used < quantum) {
      used++;
      return current;
    }
    int next = enabled.get(0);
    for (int t : enabled) {
      if (t > current) {
        next = t;
        break;
      }
    }
    current = next;
    used = 1;
    return next;
  }

  @Override
  public int choose(int thread, int options) {
    return 0;
  }
}
