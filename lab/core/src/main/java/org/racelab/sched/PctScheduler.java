package org.racelab.sched;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.racelab.exec.Footprint;
import org.racelab.exec.Machine;
import org.racelab.value.Value;

/**
 * Probabilistic Concurrency Testing (Burckhardt, Kothari, Musuvathi, Nagarakatte, "A Randomized
 * Scheduler with Probabilistic Guarantees of Finding Bugs", ASPLOS 2010).
 *
 * <p>Every thread gets a random priority at least {@code d}; {@code d − 1} <em>priority change
 * points</em> k<sub>1</sub>..k<sub>d−1</sub> are drawn uniformly from the steps 1..k, where k is
 * the (estimated) length of a run, and k<sub>i</sub> carries the priority value {@code d − i},
 * lower than every initial priority. At each step the enabled thread with the highest priority
 * runs; when the run reaches step k<sub>i</sub>, the thread about to run drops to priority {@code d
 * − i} and the highest enabled thread is chosen again. A bug of <em>depth</em> d (one that needs d
 * ordering constraints between steps to show) is then found by one run with probability at least
 * 1/(n · k<sup>d−1</sup>) for n threads (the paper's Theorem 7); depth 1 runs threads one after the
 * other in random priority order.
 *
 * <p>Deviations, both needed for the guarantee to mean something here: a thread created by {@code
 * spawn} gets its random priority when it appears; and a spinning thread (see {@link SpinWatch}) is
 * passed over while another thread can move, since strict priorities would otherwise let a
 * high-priority spin loop starve the thread it waits for. Which store a weak load reads is drawn
 * uniformly, as {@link RandomScheduler} does. Deterministic for (seed, d, k).
 */
public final class PctScheduler implements Scheduler {
  private final SplittableRandom random;
  private final int depth;
  private final int[] changeStep;
  private final SpinWatch spin;
  private long[] priority = new long[0];
  private int step;
  private int last = -1;
  private Footprint lastFootprint = Footprint.NONE;
  private List<Value> lastValues = List.of();
  private boolean lastFutile;

  /**
   * A PCT scheduler.
   *
   * @param seed the seed of its random choices
   * @param depth the bug depth d it targets (at least 1): d − 1 change points
   * @param steps the estimated number of steps k of a run (at least 1)
   * @param spinBound futile steps in a row after which a spinning thread is passed over
   */
  public PctScheduler(long seed, int depth, int steps, int spinBound) {
    this.random = new SplittableRandom(seed);
    this.depth = Math.max(1, depth);
    int k = Math.max(1, steps);
    this.changeStep = new int[this.depth - 1];
    for (int i = 0; i < changeStep.length; i++) {
      changeStep[i] = 1 + random.nextInt(k);
    }
    this.spin = new SpinWatch(spinBound);
  }

  @Override
  public String kind() {
    return "pct";
  }

  /** The steps (1-based) at which a priority drops, in the order of the values d−1, d−2, .... */
  public int[] changePoints() {
    return changeStep.clone();
  }

  @Override
  public int pickThread(List<Integer> enabled, Machine machine) {
    if (last >= 0) {
      spin.stepped(last, lastFootprint, lastValues, lastFutile);
    }
    step++;
    int n = machine.threadCount();
    if (priority.length < n) {
      int old = priority.length;
      priority = Arrays.copyOf(priority, n);
      for (int t = old; t < n; t++) {
        // distinct random priorities above every change-point value (ties broken by id below)
        priority[t] = depth + (random.nextLong() >>> 2);
      }
    }
    List<Integer> movable = movable(enabled, machine);
    int t = highest(movable);
    for (int i = 0; i < changeStep.length; i++) {
      if (changeStep[i] == step) {
        priority[t] = depth - 1 - i;
        t = highest(movable);
      }
    }
    last = t;
    lastFootprint = machine.footprint(t);
    lastValues = lastFootprint.values();
    lastFutile = spin.futile(t, lastFootprint);
    return t;
  }

  private List<Integer> movable(List<Integer> enabled, Machine machine) {
    List<Integer> out = new ArrayList<>(enabled.size());
    for (int t : enabled) {
      if (!spin.blocked(t, machine.footprint(t))) {
        out.add(t);
      }
    }
    return out.isEmpty() ? enabled : out;
  }

  private int highest(List<Integer> threads) {
    int best = threads.get(0);
    for (int t : threads) {
      if (priority[t] > priority[best]) {
        best = t;
      }
    }
    return best;
  }

  @Override
  public int choose(int thread, int options) {
    return random.nextInt(options);
  }
}
