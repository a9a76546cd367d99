package org.racelab.detect;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.racelab.clock.Epoch;

/**
 * FastTrack (Flanagan &amp; Freund, "FastTrack: efficient and precise dynamic race detection", PLDI
 * 2009), adapted so that it gives exactly the verdicts of {@link DjitPlusDetector} on every access.
 *
 * <p>The idea of the paper: most accesses are totally ordered, so the set of earlier accesses of a
 * kind can be summarised by the latest one, an {@link Epoch} {@code c@t} (checked in O(1) with
 * {@code c <= C_u[t]}), and a full vector clock is needed only while reads are concurrent
 * ("read-shared"). Here each of the four access sets of a variable — plain reads, plain writes,
 * atomic reads, atomic writes — is an epoch or, when its members are mutually unordered, a vector
 * clock; an empty set is epoch 0, which everything covers. The rules that fire are counted in
 * {@link #statistics()}: read same-epoch, read exclusive (the previous read is ordered before this
 * one: replace the epoch), read share (epoch becomes a clock), read shared (update one entry),
 * write same-epoch, write exclusive (O(1) checks), write shared (some set is a clock: O(n)).
 *
 * <p><b>Deviation from the paper, and why.</b> The original loses information after a race: a write
 * that races with an earlier write replaces the write epoch, and a write that races with earlier
 * reads discards them. Later accesses that are unordered only with the forgotten accesses then go
 * unreported, and the same-epoch fast paths skip checks that RAPID (which counts racy
 * <em>events</em>) still makes. This version instead keeps every set <em>exact up to
 * domination</em>: an element may be dropped only when it happens before an element of a set that
 * every later check of the dropped one also checks. Concretely: a write keeps a write vector clock
 * ("write-shared") as long as the writes are unordered, and returns to an epoch only when a later
 * write is ordered after all of them; a plain write drops from the read and atomic sets only the
 * accesses ordered before it, keeping the unordered ones (every check of those sets also checks the
 * plain writes, which now contain this write); the same-epoch paths still check the write (for a
 * read) or the remaining reads (for a write). Since a check of a set against {@code C_t} answers
 * the same for the kept elements as for all elements, every access gets DJIT+'s verdict.
 *
 * <p><b>Guarantee.</b> Relative to the happens-before relation of the observed trace, no false
 * positives and no false negatives, access by access: the racy events and their count are those of
 * DJIT+, RAPID's HB engine and {@code gen_std_trace.py --check}. When a {@link ConflictSink} is
 * installed, the partners of a race come from an {@link AccessHistory} (epochs alone cannot list
 * forgotten-but-unordered accesses); without a sink no history is kept.
 *
 * <p>Memory: two longs per variable, plus vector clocks only for variables whose accesses are
 * concurrent; arrays are reused when a variable returns to epoch mode, so steady state allocates
 * nothing.
 */
public final class FastTrackDetector implements Detector {
  /** Marks a set held in its vector clock rather than in the epoch slot. */
  private static final long SHARED = -1L;

  private final ClockTable clocks;
  private long[] writeEpoch = new long[64];
  private long[] readEpoch = new long[64];
  private int[][] writeClock = new int[64][];
  private int[][] readClock = new int[64][];
  // Atomic sets: allocated on the first atomic access to any variable.
  private long[] atomicWriteEpoch;
  private long[] atomicReadEpoch;
  private int[][] atomicWriteClock;
  private int[][] atomicReadClock;

  private ConflictSink sink = ConflictSink.NONE;
  private AccessHistory history;

  private long readSameEpoch;
  private long readExclusive;
  private long readShare;
  private long readShared;
  private long writeSameEpoch;
  private long writeExclusive;
  private long writeShared;
  private long atomicReads;
  private long atomicWrites;
  private final long[] races = new long[4];
  private long partners;

  /** A detector reading thread clocks from {@code clocks}. */
  public FastTrackDetector(ClockTable clocks) {
    this.clocks = clocks;
  }

  @Override
  public String name() {
    return "fasttrack";
  }

  @Override
  public void setConflictSink(ConflictSink sink) {
    this.sink = sink;
    if (sink != ConflictSink.NONE && history == null) {
      history = new AccessHistory();
    } else if (sink == ConflictSink.NONE) {
      history = null;
    }
  }

  @Override
  public boolean access(int thread, int variable, int site, int kind) {
    int[] c = clocks.row(thread);
    int n = clocks.threadCount();
    if (variable >= writeEpoch.length) {
      grow(variable);
    }
    boolean racy =
        switch (kind) {
          case AccessKind.READ -> read(thread, variable, c, n);
          case AccessKind.WRITE -> write(thread, variable, c, n);
          case AccessKind.ATOMIC_READ -> atomicRead(thread, variable, c, n);
          case AccessKind.ATOMIC_WRITE -> atomicWrite(thread, variable, c, n);
          default -> throw new IllegalArgumentException("unknown access kind " + kind);
        };
    if (history != null) {
      if (racy) {
        partners += history.report(variable, thread, kind, c, n, sink);
      }
      history.record(variable, thread, kind, c[thread], site);
    }
    if (racy) {
      races[kind]++;
    }
    return racy;
  }

  private boolean read(int t, int x, int[] c, int n) {
    boolean racy = unordered(writeEpoch[x], writeClock[x], c, n);
    if (atomicWriteEpoch != null && unordered(atomicWriteEpoch[x], atomicWriteClock[x], c, n)) {
      racy = true;
    }
    long now = Epoch.pack(t, c[t]);
    long r = readEpoch[x];
    if (r == now) {
      readSameEpoch++;
    } else if (r == SHARED) {
      readShared++;
      readClock[x] = put(readClock[x], t, c[t]);
    } else if (Epoch.clockOf(r) <= c[Epoch.threadOf(r)]) {
      readExclusive++;
      readEpoch[x] = now;
    } else {
      readShare++;
      readClock[x] = share(readClock[x], r, t, c[t], n);
      readEpoch[x] = SHARED;
    }
    return racy;
  }

  private boolean write(int t, int x, int[] c, int n) {
    long now = Epoch.pack(t, c[t]);
    long w = writeEpoch[x];
    long r = readEpoch[x];
    boolean atomics = atomicWriteEpoch != null;
    boolean racy;
    if (w == now) {
      // The write set is this very epoch: only reads (or atomics) since can race.
      writeSameEpoch++;
      racy = unordered(r, readClock[x], c, n);
    } else {
      if (w == SHARED || r == SHARED) {
        writeShared++;
      } else {
        writeExclusive++;
      }
      racy = unordered(w, writeClock[x], c, n) | unordered(r, readClock[x], c, n);
      writeEpoch[x] =
          w == SHARED || Epoch.clockOf(w) > c[Epoch.threadOf(w)] ? addWrite(x, t, c, n) : now;
    }
    if (r != 0) {
      readEpoch[x] = prune(r, readClock[x], c, n);
    }
    if (atomics) {
      long ar = atomicReadEpoch[x];
      long aw = atomicWriteEpoch[x];
      if (unordered(ar, atomicReadClock[x], c, n) | unordered(aw, atomicWriteClock[x], c, n)) {
        racy = true;
      }
      if (ar != 0) {
        atomicReadEpoch[x] = prune(ar, atomicReadClock[x], c, n);
      }
      if (aw != 0) {
        atomicWriteEpoch[x] = prune(aw, atomicWriteClock[x], c, n);
      }
    }
    return racy;
  }

  private long addWrite(int x, int t, int[] c, int n) {
    long w = writeEpoch[x];
    if (w != SHARED) {
      writeClock[x] = share(writeClock[x], w, t, c[t], n);
      return SHARED;
    }
    int[] v = writeClock[x];
    long kept = prune(SHARED, v, c, n);
    if (kept == 0) {
      return Epoch.pack(t, c[t]);
    }
    v = keepAsClock(kept, v, n);
    writeClock[x] = put(v, t, c[t]);
    return SHARED;
  }

  private boolean atomicRead(int t, int x, int[] c, int n) {
    ensureAtomics();
    atomicReads++;
    boolean racy = unordered(writeEpoch[x], writeClock[x], c, n);
    long now = Epoch.pack(t, c[t]);
    long r = atomicReadEpoch[x];
    if (r == now) {
      return racy;
    } else if (r == SHARED) {
      atomicReadClock[x] = put(atomicReadClock[x], t, c[t]);
    } else if (Epoch.clockOf(r) <= c[Epoch.threadOf(r)]) {
      atomicReadEpoch[x] = now;
    } else {
      atomicReadClock[x] = share(atomicReadClock[x], r, t, c[t], n);
      atomicReadEpoch[x] = SHARED;
    }
    return racy;
  }

  private boolean atomicWrite(int t, int x, int[] c, int n) {
    ensureAtomics();
    atomicWrites++;
    boolean racy =
        unordered(writeEpoch[x], writeClock[x], c, n) | unordered(readEpoch[x], readClock[x], c, n);
    long now = Epoch.pack(t, c[t]);
    long w = atomicWriteEpoch[x];
    if (w == now) {
      return racy;
    }
    // Earlier atomic writes ordered before this one are dominated by it: drop them.
    long kept = prune(w, atomicWriteClock[x], c, n);
    if (kept == 0) {
      atomicWriteEpoch[x] = now;
    } else {
      int[] v = keepAsClock(kept, atomicWriteClock[x], n);
      atomicWriteClock[x] = put(v, t, c[t]);
      atomicWriteEpoch[x] = SHARED;
    }
    return racy;
  }

  /** Whether the set (epoch e, or clock v when e is SHARED) has a member not covered by c. */
  private static boolean unordered(long e, int[] v, int[] c, int n) {
    if (e != SHARED) {
      return Epoch.clockOf(e) > c[Epoch.threadOf(e)];
    }
    int m = Math.min(v.length, n);
    for (int u = 0; u < m; u++) {
      if (v[u] > c[u]) {
        return true;
      }
    }
    return false;
  }

  /**
   * Drops the members covered by c. Returns the new epoch slot: 0 when none is left, the epoch of
   * the single member left, or SHARED with the clock {@code v} updated in place.
   */
  private static long prune(long e, int[] v, int[] c, int n) {
    if (e != SHARED) {
      return Epoch.clockOf(e) <= c[Epoch.threadOf(e)] ? 0L : e;
    }
    int left = 0;
    int last = 0;
    int m = Math.min(v.length, n);
    for (int u = 0; u < m; u++) {
      if (v[u] != 0) {
        if (v[u] <= c[u]) {
          v[u] = 0;
        } else {
          left++;
          last = u;
        }
      }
    }
    if (left == 0) {
      return 0L;
    }
    if (left == 1) {
      long single = Epoch.pack(last, v[last]);
      v[last] = 0;
      return single;
    }
    return SHARED;
  }

  /** The clock holding the kept members (a single epoch is spread into a cleared clock). */
  private static int[] keepAsClock(long kept, int[] v, int n) {
    if (kept == SHARED) {
      return v;
    }
    int[] out = cleared(v, n);
    out[Epoch.threadOf(kept)] = Epoch.clockOf(kept);
    return out;
  }

  /** A clock with the two epochs {@code e} and {@code c@t}, reusing {@code v} when possible. */
  private static int[] share(int[] v, long e, int t, int clock, int n) {
    int[] out = cleared(v, Math.max(n, t + 1));
    out[Epoch.threadOf(e)] = Epoch.clockOf(e);
    out[t] = clock;
    return out;
  }

  private static int[] cleared(int[] v, int n) {
    if (v == null || v.length < n) {
      return new int[Math.max(n, 8)];
    }
    Arrays.fill(v, 0);
    return v;
  }

  private static int[] put(int[] v, int t, int clock) {
    if (t >= v.length) {
      v = Arrays.copyOf(v, Math.max(t + 1, v.length * 2));
    }
    v[t] = clock;
    return v;
  }

  private void ensureAtomics() {
    if (atomicWriteEpoch == null) {
      int size = writeEpoch.length;
      atomicWriteEpoch = new long[size];
      atomicReadEpoch = new long[size];
      atomicWriteClock = new int[size][];
      atomicReadClock = new int[size][];
    }
  }

  private void grow(int x) {
    int size = Math.max(x + 1, writeEpoch.length * 2);
    writeEpoch = Arrays.copyOf(writeEpoch, size);
    readEpoch = Arrays.copyOf(readEpoch, size);
    writeClock = Arrays.copyOf(writeClock, size);
    readClock = Arrays.copyOf(readClock, size);
    if (atomicWriteEpoch != null) {
      atomicWriteEpoch = Arrays.copyOf(atomicWriteEpoch, size);
      atomicReadEpoch = Arrays.copyOf(atomicReadEpoch, size);
      atomicWriteClock = Arrays.copyOf(atomicWriteClock, size);
      atomicReadClock = Arrays.copyOf(atomicReadClock, size);
    }
  }

  @Override
  public Map<String, Long> statistics() {
    Map<String, Long> s = new LinkedHashMap<>();
    s.put("readSameEpoch", readSameEpoch);
    s.put("readExclusive", readExclusive);
    s.put("readShared", readShared);
    s.put("readShare", readShare);
    s.put("writeSameEpoch", writeSameEpoch);
    s.put("writeExclusive", writeExclusive);
    s.put("writeShared", writeShared);
    s.put("atomicReads", atomicReads);
    s.put("atomicWrites", atomicWrites);
    s.put("racyReads", races[AccessKind.READ]);
    s.put("racyWrites", races[AccessKind.WRITE]);
    s.put("racyAtomicReads", races[AccessKind.ATOMIC_READ]);
    s.put("racyAtomicWrites", races[AccessKind.ATOMIC_WRITE]);
    s.put("reportedPartners", partners);
    return s;
  }
}
