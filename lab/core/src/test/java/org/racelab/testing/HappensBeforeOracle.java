package org.racelab.testing;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.racelab.detect.AccessKind;
import org.racelab.testing.TestTrace.Op;

/**
 * Happens-before by brute force, independent of vector clocks: builds the graph of a whole trace
 * and closes it transitively, then lists, for each access, the earlier conflicting accesses it is
 * not ordered with.
 *
 * <p>Edges: program order between consecutive events of a thread; every write release of a lock to
 * every later acquire of it (write or read); every read release to every later write acquire; every
 * send to a synchronisation object to every later receive from it; fork to the child's start, the
 * child's start to its first event; the child's last event to its end, its end to every join of it.
 * The start and end nodes stand for the thread itself, so a thread forked and joined without events
 * of its own still carries the fork's knowledge to the joiner, as vector clocks do.
 */
public final class HappensBeforeOracle {

  /**
   * An earlier access that races with a later one.
   *
   * @param thread its thread
   * @param kind its {@link AccessKind}
   * @param site its site
   */
  public record Partner(int thread, int kind, int site) {}

  /**
   * The oracle's answer for one access.
   *
   * @param index the access's position in the trace
   * @param racy whether some earlier conflicting access is unordered with it
   * @param partners per other thread, its latest earlier conflicting access unordered with this one
   */
  public record Verdict(int index, boolean racy, Set<Partner> partners) {}

  private HappensBeforeOracle() {}

  /** One verdict per access, in trace order. */
  public static List<Verdict> verdicts(TestTrace trace) {
    List<Op> ops = trace.ops();
    int n = ops.size();
    int threads = 1;
    for (Op op : ops) {
      threads = Math.max(threads, op.thread() + 1);
      if (op.type() == TestTrace.Type.FORK || op.type() == TestTrace.Type.JOIN) {
        threads = Math.max(threads, op.target() + 1);
      }
    }
    int start = n;
    int end = n + threads;
    int nodes = n + 2 * threads;
    List<List<Integer>> preds = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      preds.add(new ArrayList<>());
    }
    int[] lastOf = new int[threads];
    java.util.Arrays.fill(lastOf, -1);
    boolean[] forked = new boolean[threads];
    for (int i = 0; i < n; i++) {
      Op op = ops.get(i);
      int t = op.thread();
      if (lastOf[t] >= 0) {
        preds.get(i).add(lastOf[t]);
      } else if (forked[t]) {
        preds.get(i).add(start + t);
      }
      lastOf[t] = i;
      switch (op.type()) {
        case FORK -> {
          forked[op.target()] = true;
          preds.get(start + op.target()).add(i);
        }
        case JOIN -> preds.get(i).add(end + op.target());
        case ACQUIRE, READ_ACQUIRE -> {
          for (int j = 0; j < i; j++) {
            Op r = ops.get(j);
            if (r.target() == op.target()
                && (r.type() == TestTrace.Type.RELEASE
                    || (r.type() == TestTrace.Type.READ_RELEASE
                        && op.type() == TestTrace.Type.ACQUIRE))) {
              preds.get(i).add(j);
            }
          }
        }
        case RECEIVE -> {
          for (int j = 0; j < i; j++) {
            Op s = ops.get(j);
            if (s.type() == TestTrace.Type.SEND && s.target() == op.target()) {
              preds.get(i).add(j);
            }
          }
        }
        default -> {}
      }
    }
    for (int u = 0; u < threads; u++) {
      if (lastOf[u] >= 0) {
        preds.get(end + u).add(lastOf[u]);
      } else if (forked[u]) {
        preds.get(end + u).add(start + u);
      }
    }
    BitSet[] ancestors = new BitSet[nodes];
    for (int i = 0; i < nodes; i++) {
      close(i, preds, ancestors);
    }

    List<Verdict> out = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      Op b = ops.get(j);
      if (!b.type().isAccess()) {
        continue;
      }
      Op[] latest = new Op[threads];
      for (int i = 0; i < j; i++) {
        Op a = ops.get(i);
        if (a.type().isAccess()
            && a.target() == b.target()
            && a.thread() != b.thread()
            && AccessKind.conflicts(a.type().kind(), b.type().kind())
            && !ancestors[j].get(i)) {
          latest[a.thread()] = a;
        }
      }
      Set<Partner> partners = new HashSet<>();
      for (Op a : latest) {
        if (a != null) {
          partners.add(new Partner(a.thread(), a.type().kind(), a.site()));
        }
      }
      out.add(new Verdict(j, !partners.isEmpty(), partners));
    }
    return out;
  }

  private static BitSet close(int i, List<List<Integer>> preds, BitSet[] ancestors) {
    if (ancestors[i] != null) {
      return ancestors[i];
    }
    BitSet set = new BitSet();
    for (int p : preds.get(i)) {
      set.set(p);
      set.or(close(p, preds, ancestors));
    }
    ancestors[i] = set;
    return set;
  }
}
