package org.racelab.detect;

import java.util.Arrays;

/**
 * Per variable and per thread, the latest access of each {@link AccessKind}: its epoch clock, its
 * site, and the order in which the four kinds were last used. It answers the {@link ConflictSink}
 * question "which earlier accesses does this one race with?" exactly: for every other thread u, the
 * latest access of u whose kind conflicts with the current one is found through the recency order,
 * and it is reported when its clock is not covered by the current thread's clock ({@code c >
 * C_t[u]}). Earlier accesses of u need no look: they happen before u's latest one.
 *
 * <p>Detectors keep a history only while a sink is installed. FastTrack needs it because its epochs
 * deliberately forget accesses that are ordered before later ones, so they can decide
 * <em>whether</em> an access races but not list every partner; DJIT+ uses it for the sites.
 *
 * <p>Layout: one {@code int[]} per variable, {@value #STRIDE} ints per thread: four clocks, four
 * sites, and the recency order packed as four 2-bit kinds, most recent in the low bits.
 */
final class AccessHistory {
  private static final int STRIDE = 9;
  private static final int SITES = 4;
  private static final int RECENCY = 8;
  // Kinds 0,1,2,3 with 0 most recent; an all-zero int (never written) stands for this order.
  private static final int INITIAL_ORDER = 0b11_10_01_00;

  private int[][] rows = new int[16][];

  /** Records that thread t accessed x with this kind, at epoch clock {@code clock}, at site. */
  void record(int x, int t, int kind, int clock, int site) {
    int[] row = row(x, t);
    int base = t * STRIDE;
    row[base + kind] = clock;
    row[base + SITES + kind] = site;
    row[base + RECENCY] = moveToFront(order(row[base + RECENCY]), kind);
  }

  /**
   * Reports to the sink every other thread's latest access to x that conflicts with an access of
   * {@code kind} by thread t whose clock is {@code clock}, and is not covered by it.
   *
   * @return how many partners were reported
   */
  int report(int x, int t, int kind, int[] clock, int threads, ConflictSink sink) {
    if (x >= rows.length || rows[x] == null) {
      return 0;
    }
    int[] row = rows[x];
    int n = Math.min(threads, row.length / STRIDE);
    int found = 0;
    for (int u = 0; u < n; u++) {
      if (u == t) {
        continue;
      }
      int base = u * STRIDE;
      int order = order(row[base + RECENCY]);
      for (int slot = 0; slot < 4; slot++) {
        int k = (order >>> (2 * slot)) & 3;
        int c = row[base + k];
        if (c != 0 && AccessKind.conflicts(kind, k)) {
          if (c > clock[u]) {
            sink.conflict(u, k, row[base + SITES + k], c);
            found++;
          }
          break;
        }
      }
    }
    return found;
  }

  private int[] row(int x, int t) {
    if (x >= rows.length) {
      rows = Arrays.copyOf(rows, Math.max(rows.length * 2, x + 1));
    }
    int[] row = rows[x];
    int need = (t + 1) * STRIDE;
    if (row == null) {
      row = new int[Math.max(need, 8 * STRIDE)];
      rows[x] = row;
    } else if (row.length < need) {
      row = Arrays.copyOf(row, Math.max(need, row.length * 2));
      rows[x] = row;
    }
    return row;
  }

  private static int order(int stored) {
    return stored == 0 ? INITIAL_ORDER : stored;
  }

  private static int moveToFront(int order, int kind) {
    int out = kind;
    int shift = 2;
    for (int slot = 0; slot < 4; slot++) {
      int k = (order >>> (2 * slot)) & 3;
      if (k != kind) {
        out |= k << shift;
        shift += 2;
      }
    }
    return out;
  }
}
