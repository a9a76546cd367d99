package org.racelab.sched;

import java.util.List;
import java.util.SplittableRandom;
import org.racelab.exec.Machine;

/**
 * Uniformly random: at every step any enabled thread is equally likely, and a weak load reads any
 * store coherence allows with equal probability (as Miri does). Deterministic for a seed.
 */
public final class RandomScheduler implements Scheduler {
  private final SplittableRandom random;

  /** A scheduler drawing from the given seed. */
  public RandomScheduler(long seed) {
    this.random = new SplittableRandom(seed);
  }

  @Override
  public String kind() {
    return "random";
  }

  @Override
  public int pickThread(List<Integer> enabled, Machine machine) {
    return enabled.get(random.nextInt(enabled.size()));
  }

  @Override
  public int choose(int thread, int options) {
    return random.nextInt(options);
  }
}
