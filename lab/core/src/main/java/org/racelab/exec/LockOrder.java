package org.racelab.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.racelab.clock.VectorClock;
import org.racelab.detect.ClockTable;

/**
 * The lock-order graph of one run and the potential deadlocks it shows, as ThreadSanitizer's
 * deadlock detector and Helgrind's lock-order checker build it: an edge L1 → L2 whenever a thread
 * takes (or waits to take) L2 while holding L1. A cycle in the graph means the locks are taken in
 * inconsistent orders, and in some schedule each thread of the cycle could hold its first lock and
 * wait for the next: a deadlock, even when this schedule did not run into it.
 *
 * <p>A cycle is only reported when it could really deadlock (the conditions of the iGoodlock
 * algorithm, Joshi, Park, Sen &amp; Naik, "A randomized dynamic program analysis technique for
 * detecting real deadlocks", PLDI 2009, which refine Havelund's GoodLock, SPIN 2000):
 *
 * <ul>
 *   <li>its edges come from distinct threads (one thread cannot wait twice at once, so a single
 *       thread taking A then B and later B then A is not flagged);
 *   <li>no two of its edges were made under a common <em>gate lock</em>: a lock both threads held
 *       exclusively at the time, which keeps them from ever being inside the cycle together;
 *   <li>each acquisition would really block on the next hold: two read holds of one rwlock do not
 *       exclude each other;
 *   <li>its edges are not ordered by fork and join: a section that ends before the other thread is
 *       spawned, or after it was joined, cannot overlap it. Only fork and join are used for this,
 *       because they order the same sections in every schedule, whereas the order that the locks
 *       themselves (or a channel, or a flag) gave this schedule is just what another schedule may
 *       change. Fork/join clocks are kept apart from the race clocks for this reason.
 * </ul>
 *
 * <p>Edges are recorded when the acquisition completes, and, for threads that are stuck when the
 * run ends, for the acquisition they wait for, so a schedule that did deadlock also shows the
 * inversion. Each distinct cycle of locks is reported once.
 */
final class LockOrder {
  /** At most this many locks in one cycle, and this many search steps per run. */
  private static final int MAX_CYCLE = 8;

  private static final int SEARCH_BUDGET = 200_000;

  /** A lock a thread holds: its key, display name, whether exclusively, and where it was taken. */
  record Held(String key, String name, boolean exclusive, int line) {}

  private record Hold(int line, VectorClock start) {}

  /**
   * One edge: thread {@code thread} took (or waited for) {@code to} while holding {@code from}; it
   * held every lock of {@code held} at that moment.
   */
  private record Edge(
      int thread,
      String threadName,
      Held from,
      String to,
      String toName,
      boolean toExclusive,
      int line,
      Map<String, Boolean> held,
      VectorClock start,
      int endEpoch) {}

  private final ClockTable forkJoin = new ClockTable();
  private final Map<Integer, Map<String, Hold>> holds = new HashMap<>();
  private final Map<String, List<Edge>> byFrom = new LinkedHashMap<>();
  private final Map<String, Boolean> seenEdges = new HashMap<>();

  /** A thread exists from the start of the run (or was just spawned). */
  void started(int thread) {
    forkJoin.ensureThread(thread);
  }

  /** {@code parent} spawned {@code child}. */
  void forked(int parent, int child) {
    forkJoin.fork(parent, child);
  }

  /** {@code joiner} joined {@code child}. */
  void joined(int joiner, int child) {
    forkJoin.join(joiner, child);
  }

  /**
   * Thread t takes (or, when it is stuck, waits for) a lock.
   *
   * @param held the locks t holds at this moment (not counting this one), oldest first
   * @param completed whether the acquisition happened (false: the thread waits for it)
   */
  void acquiring(
      int t,
      String threadName,
      String key,
      String name,
      boolean exclusive,
      int line,
      List<Held> held,
      boolean completed) {
    forkJoin.ensureThread(t);
    Map<String, Hold> mine = holds.computeIfAbsent(t, k -> new HashMap<>());
    Map<String, Boolean> heldModes = new LinkedHashMap<>();
    for (Held h : held) {
      heldModes.put(h.key(), h.exclusive());
    }
    int epoch = forkJoin.epochClock(t);
    for (Held h : held) {
      if (h.key().equals(key)) {
        continue; // a second read hold, or re-locking a held mutex: a self-deadlock, not an order
      }
      Hold hold = mine.get(h.key());
      VectorClock start = hold == null ? forkJoin.snapshot(t) : hold.start();
      int fromLine = hold == null ? h.line() : hold.line();
      String dedupe =
          String.format(
              Locale.ROOT,
              "%d|%s|%s|%d|%d|%d|%s",
              t,
              h.key(),
              key,
              fromLine,
              line,
              epoch,
              heldModes);
      if (seenEdges.putIfAbsent(dedupe, Boolean.TRUE) != null) {
        continue;
      }
      Held from = new Held(h.key(), h.name(), h.exclusive(), fromLine);
      byFrom
          .computeIfAbsent(h.key(), k -> new ArrayList<>())
          .add(
              new Edge(
                  t,
                  threadName,
                  from,
                  key,
                  name,
                  exclusive,
                  line,
                  Map.copyOf(heldModes),
                  start,
                  epoch));
    }
    if (completed && !heldModes.containsKey(key)) {
      mine.put(key, new Hold(line, forkJoin.snapshot(t)));
    }
  }

  /** The potential deadlocks: one warning per distinct cycle of locks. */
  List<Findings.Warning> warnings() {
    Map<String, Findings.Warning> out = new LinkedHashMap<>();
    int[] budget = {SEARCH_BUDGET};
    for (String start : byFrom.keySet()) {
      search(start, start, new ArrayList<>(), out, budget);
      if (budget[0] <= 0) {
        break;
      }
    }
    return List.copyOf(out.values());
  }

  private void search(
      String start, String at, List<Edge> path, Map<String, Findings.Warning> out, int[] budget) {
    for (Edge e : byFrom.getOrDefault(at, List.of())) {
      if (--budget[0] <= 0) {
        return;
      }
      if (!fits(path, e)) {
        continue;
      }
      if (e.to().equals(start)) {
        if (!path.isEmpty() && blocks(e, path.get(0))) {
          path.add(e);
          report(path, out);
          path.remove(path.size() - 1);
        }
        continue;
      }
      // Each cycle is found from its smallest lock only, and visits a lock at most once.
      if (e.to().compareTo(start) < 0 || visits(path, e.to()) || path.size() + 1 >= MAX_CYCLE) {
        continue;
      }
      path.add(e);
      search(start, e.to(), path, out, budget);
      path.remove(path.size() - 1);
    }
  }

  private static boolean visits(List<Edge> path, String lock) {
    for (Edge p : path) {
      if (p.from().key().equals(lock)) {
        return true;
      }
    }
    return false;
  }

  /** Whether e can follow the path: another thread, no gate lock, concurrent, really blocking. */
  private static boolean fits(List<Edge> path, Edge e) {
    if (!path.isEmpty() && !blocks(path.get(path.size() - 1), e)) {
      return false;
    }
    for (Edge p : path) {
      if (p.thread() == e.thread() || gated(p, e) || ordered(p, e) || ordered(e, p)) {
        return false;
      }
    }
    return true;
  }

  /** Whether a's wait for its lock would block on b's hold of it (not two read holds). */
  private static boolean blocks(Edge a, Edge b) {
    return a.toExclusive() || b.from().exclusive();
  }

  /** Whether both threads held a common lock, at least one of them exclusively. */
  private static boolean gated(Edge a, Edge b) {
    for (Map.Entry<String, Boolean> g : a.held().entrySet()) {
      Boolean other = b.held().get(g.getKey());
      if (other != null && (g.getValue() || other)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a's window (from taking its held lock to this acquisition) ends before b's begins. */
  private static boolean ordered(Edge a, Edge b) {
    return a.endEpoch() <= b.start().get(a.thread());
  }

  private static void report(List<Edge> cycle, Map<String, Findings.Warning> out) {
    List<String> locks = new ArrayList<>();
    List<Findings.LockEdge> edges = new ArrayList<>();
    StringBuilder how = new StringBuilder();
    for (Edge e : cycle) {
      locks.add(e.from().name());
      edges.add(
          new Findings.LockEdge(
              e.threadName(), e.from().name(), e.from().line(), e.toName(), e.line()));
      how.append(how.length() == 0 ? "" : "; ")
          .append(
              String.format(
                  Locale.ROOT,
                  "thread %s takes %s at line %d while holding %s (taken at line %d)",
                  e.threadName(),
                  e.toName(),
                  e.line(),
                  e.from().name(),
                  e.from().line()));
    }
    String key = String.join(" → ", locks);
    if (out.containsKey(key)) {
      return;
    }
    String message =
        String.format(
            Locale.ROOT,
            "potential deadlock: lock-order inversion on %s: %s. In a schedule where each of these"
                + " threads holds its first lock, each waits for the next forever; take the locks"
                + " in one global order to rule it out",
            String.join(", ", locks),
            how);
    out.put(
        key, new Findings.Warning(Findings.Warning.LOCK_ORDER_INVERSION, message, locks, edges));
  }
}
