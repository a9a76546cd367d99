package org.racelab.sched;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.racelab.exec.Footprint;
import org.racelab.value.Value;

/**
 * Recognises threads that spin: a step is <em>futile</em> when it only touches memory cells that
 * the thread has accessed before, whose values have not changed since, and that its last access
 * left unchanged (a re-read of a flag nobody wrote, a {@code swap(true)} on a lock that is still
 * taken, a failing compare-exchange). A write is predicted futile only when the thread's previous
 * access of the cell was a write that changed nothing, so a read followed by a write ({@code x = x
 * + 1}) never counts; a futile step that turns out to change a value is not counted either.
 *
 * <p>A thread whose last {@code bound} steps were futile and whose next step is futile again is
 * <em>spin-blocked</em>: schedulers that need termination (exhaustive exploration) or progress
 * (PCT's strict priorities) do not run it while another thread can move, because running it cannot
 * show anything new until some other thread writes what it reads. This is the await-loop treatment
 * of stateless model checkers (GenMC and Nidhugg turn such loops into blocking assumptions), with a
 * bound instead of a loop analysis. A condvar waiter that would wake spuriously more than {@code
 * max(1, bound)} times in a run is held back the same way.
 *
 * <p>It also bounds weak-memory staleness. C++20 ([intro.progress], [atomics.order]) asks that
 * stores become visible to loads in finite time, so a spinning load beyond the bound reads the
 * latest store, and so does a load that would read an outdated store for the {@code bound + 2}-th
 * time in a row from a cell whose latest value has not changed meanwhile ({@link
 * #staleLimitReached}), even when the loop around it writes something every iteration.
 */
final class SpinWatch {
  private final int bound;
  private final List<Map<Long, Value>> seen = new ArrayList<>();
  private final List<Set<Long>> changedByMe = new ArrayList<>();
  private final List<Set<Long>> wroteLast = new ArrayList<>();
  private final List<Map<Long, Integer>> staleRuns = new ArrayList<>();
  private int[] futile = new int[8];
  private int[] spurious = new int[8];
  private boolean bounded;

  /** Watches with the given bound (at least 0). */
  SpinWatch(int bound) {
    this.bound = Math.max(0, bound);
  }

  private void ensure(int t) {
    while (seen.size() <= t) {
      seen.add(new HashMap<>());
      changedByMe.add(new HashSet<>());
      wroteLast.add(new HashSet<>());
      staleRuns.add(new HashMap<>());
    }
    if (futile.length <= t) {
      futile = java.util.Arrays.copyOf(futile, Math.max(t + 1, futile.length * 2));
      spurious = java.util.Arrays.copyOf(spurious, futile.length);
    }
  }

  /** Whether thread t's pending step with footprint {@code f} would be futile now. */
  boolean futile(int t, Footprint f) {
    if (!f.memoryOnly()) {
      return false;
    }
    ensure(t);
    Map<Long, Value> mine = seen.get(t);
    List<Value> now = f.values();
    if (now.size() != f.size()) {
      return false;
    }
    for (int i = 0; i < f.size(); i++) {
      long k = f.key(i);
      if (!mine.containsKey(k)
          || changedByMe.get(t).contains(k)
          || !Objects.equals(mine.get(k), now.get(i))) {
        return false;
      }
      // a write is predicted to change nothing only after the same kind of access changed nothing
      // (a swap on a taken lock, a failing compare-exchange), not after a read (x = x + 1)
      if (f.mode(i) != Footprint.Mode.READ && !wroteLast.get(t).contains(k)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the thread spins: {@code bound} futile steps in a row and the next one futile too. */
  boolean blocked(int t, Footprint f) {
    ensure(t);
    if (f.spuriousWake()) {
      return spurious[t] >= Math.max(1, bound);
    }
    return futile[t] >= bound && futile(t, f);
  }

  /** The futile steps the thread took in a row. */
  int futileSteps(int t) {
    ensure(t);
    return futile[t];
  }

  /**
   * Records a step of thread t.
   *
   * @param f its footprint, computed before it
   * @param before the values of its cells before it ({@link Footprint#values})
   * @param wasFutile what {@link #futile} said before it
   */
  void stepped(int t, Footprint f, List<Value> before, boolean wasFutile) {
    ensure(t);
    if (f.spuriousWake()) {
      spurious[t]++;
    }
    if (f.isEmpty()) {
      return;
    }
    List<Value> after = f.values();
    boolean changed = !after.equals(before);
    futile[t] = wasFutile && !changed ? futile[t] + 1 : 0;
    if (after.size() == f.size()) {
      for (int i = 0; i < f.size(); i++) {
        long k = f.key(i);
        seen.get(t).put(k, after.get(i));
        boolean mine = i >= before.size() || !Objects.equals(before.get(i), after.get(i));
        if (mine) {
          changedByMe.get(t).add(k);
        } else {
          changedByMe.get(t).remove(k);
        }
        if (f.mode(i) == Footprint.Mode.READ) {
          wroteLast.get(t).remove(k);
        } else {
          wroteLast.get(t).add(k);
        }
      }
    }
  }

  /**
   * Whether thread t's pending load (footprint {@code f}) has read an outdated store {@code bound +
   * 1} times in a row from a cell whose latest value has not changed since: then it must read the
   * latest store. Two stale reads in a row stay possible with the default bound (the coherent
   * outcome where a thread reads the same old value twice), an endless run of them is not, even in
   * a loop that writes on every iteration.
   */
  boolean staleLimitReached(int t, Footprint f) {
    if (!f.memoryOnly() || f.size() != 1) {
      return false;
    }
    ensure(t);
    long k = f.key(0);
    Integer run = staleRuns.get(t).get(k);
    if (run == null || run <= bound) {
      return false;
    }
    List<Value> now = f.values();
    return seen.get(t).containsKey(k)
        && !now.isEmpty()
        && Objects.equals(seen.get(t).get(k), now.get(0));
  }

  /** Records which option thread t's load took (0: the latest store). */
  void chose(int t, Footprint f, int option) {
    if (!f.memoryOnly() || f.size() != 1) {
      return;
    }
    ensure(t);
    long k = f.key(0);
    List<Value> now = f.values();
    boolean unchanged =
        seen.get(t).containsKey(k)
            && !now.isEmpty()
            && Objects.equals(seen.get(t).get(k), now.get(0));
    if (option == 0) {
      staleRuns.get(t).remove(k);
    } else {
      staleRuns.get(t).merge(k, 1, (a, b) -> unchanged ? a + b : 1);
    }
  }

  /** Notes that the bound held a thread back or forced a load, in this run. */
  void noteBounded() {
    bounded = true;
  }

  /** Whether the bound held a thread back or forced a load in this run. */
  boolean bounded() {
    return bounded;
  }
}
