package org.racelab.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.racelab.testing.TestTrace.Op;

/**
 * Seeded, reproducible random traces that are well formed: every thread but T0 is forked before its
 * first event and joined (at most once) only after its last; locks obey reader/writer discipline (a
 * write lock is held by one thread, reentrantly; read locks by any number of threads while no other
 * thread write-holds the lock); accesses mix plain and atomic reads and writes; any thread may send
 * to or receive from a synchronisation object at any time (a receive before any send is allowed and
 * orders nothing). Sizes are small (2-5 threads, 1-4 variables, 1-3 locks, 1-2 objects, up to 70
 * events) so that races, near-races and every synchronisation rule are frequent, and so that a
 * brute-force oracle stays cheap.
 */
public final class RandomTraces {
  private static final int UNFORKED = 0;
  private static final int RUNNING = 1;
  private static final int DONE = 2;
  private static final int JOINED = 3;

  private RandomTraces() {}

  /** The trace for this seed; the same seed always gives the same trace. */
  public static TestTrace generate(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int threads = 2 + rnd.nextInt(4);
    int vars = 1 + rnd.nextInt(4);
    int locks = 1 + rnd.nextInt(3);
    int length = 5 + rnd.nextInt(66);
    int atomicPercent = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(40);
    int syncPercent = 10 + rnd.nextInt(50);
    int sites = 1 + rnd.nextInt(12);
    int objects = 1 + rnd.nextInt(2);

    int[] state = new int[threads];
    state[0] = RUNNING;
    int[] writer = new int[locks];
    int[] writeDepth = new int[locks];
    int[][] readHolds = new int[locks][threads];
    java.util.Arrays.fill(writer, -1);
    List<Op> ops = new ArrayList<>();

    int attempts = 0;
    while (ops.size() < length && attempts++ < length * 20) {
      List<Integer> running = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        if (state[t] == RUNNING) {
          running.add(t);
        }
      }
      int t = running.get(rnd.nextInt(running.size()));
      int site = 1 + rnd.nextInt(sites);
      if (rnd.nextInt(100) >= syncPercent) {
        int x = rnd.nextInt(vars);
        boolean atomic = rnd.nextInt(100) < atomicPercent;
        boolean write = rnd.nextBoolean();
        TestTrace.Type type =
            atomic
                ? (write ? TestTrace.Type.ATOMIC_WRITE : TestTrace.Type.ATOMIC_READ)
                : (write ? TestTrace.Type.WRITE : TestTrace.Type.READ);
        ops.add(new Op(type, t, x, site));
        continue;
      }
      int l = rnd.nextInt(locks);
      switch (rnd.nextInt(9)) {
        case 0, 1 -> { // write acquire (reentrant)
          if ((writer[l] == -1 || writer[l] == t) && readers(readHolds[l]) == 0) {
            writer[l] = t;
            writeDepth[l]++;
            ops.add(new Op(TestTrace.Type.ACQUIRE, t, l, site));
          }
        }
        case 2 -> { // read acquire, also by the writer itself
          if (writer[l] == -1 || writer[l] == t) {
            readHolds[l][t]++;
            ops.add(new Op(TestTrace.Type.READ_ACQUIRE, t, l, site));
          }
        }
        case 3, 4 -> { // release something this thread holds
          if (writer[l] == t && (readHolds[l][t] == 0 || rnd.nextBoolean())) {
            if (--writeDepth[l] == 0) {
              writer[l] = -1;
            }
            ops.add(new Op(TestTrace.Type.RELEASE, t, l, site));
          } else if (readHolds[l][t] > 0) {
            readHolds[l][t]--;
            ops.add(new Op(TestTrace.Type.READ_RELEASE, t, l, site));
          }
        }
        case 7 -> ops.add(new Op(TestTrace.Type.SEND, t, rnd.nextInt(objects), site));
        case 8 -> ops.add(new Op(TestTrace.Type.RECEIVE, t, rnd.nextInt(objects), site));
        case 5 -> { // fork the next unforked thread
          for (int u = 1; u < threads; u++) {
            if (state[u] == UNFORKED) {
              state[u] = RUNNING;
              ops.add(new Op(TestTrace.Type.FORK, t, u, site));
              break;
            }
          }
        }
        default -> { // finish (no event) or join a finished thread
          if (t != 0 && holdsNothing(t, writer, readHolds) && rnd.nextBoolean()) {
            state[t] = DONE;
          } else {
            for (int u = 1; u < threads; u++) {
              if (state[u] == DONE && u != t) {
                state[u] = JOINED;
                ops.add(new Op(TestTrace.Type.JOIN, t, u, site));
                break;
              }
            }
          }
        }
      }
    }
    return new TestTrace(ops);
  }

  private static int readers(int[] holds) {
    int n = 0;
    for (int h : holds) {
      n += h;
    }
    return n;
  }

  private static boolean holdsNothing(int t, int[] writer, int[][] readHolds) {
    for (int l = 0; l < writer.length; l++) {
      if (writer[l] == t || readHolds[l][t] > 0) {
        return false;
      }
    }
    return true;
  }
}
