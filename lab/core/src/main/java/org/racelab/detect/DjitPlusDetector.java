package org.racelab.detect;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DJIT+ (Pozniansky &amp; Schuster, "Efficient on-the-fly data race detection in multithreaded C++
 * programs", PPoPP 2003): happens-before race detection with full vector clocks per variable.
 *
 * <p>For every variable x it keeps a read clock {@code R_x} and a write clock {@code W_x}, where
 * {@code R_x[u]} is the epoch clock of thread u's latest read of x (0 if none), and likewise for
 * writes. An access by thread t with clock {@code C_t} races when some earlier conflicting access
 * is not covered: a read checks {@code W_x ⊑ C_t}, a write checks {@code R_x ⊑ C_t} and {@code W_x
 * ⊑ C_t}. Because each entry stands for the thread's latest access and a thread's accesses are in
 * program order, the check is exact: an access is reported iff some earlier conflicting access is
 * not happens-before ordered with it. This is what RAPID's HB engine and {@code gen_std_trace.py
 * --check} compute, so the counts agree with them.
 *
 * <p>Atomics: atomic reads and writes get their own clocks {@code AR_x} and {@code AW_x}, allocated
 * only for variables that see atomic accesses. A plain read checks {@code W_x} and {@code AW_x}; a
 * plain write checks all four; an atomic read checks {@code W_x}; an atomic write checks {@code
 * R_x} and {@code W_x}. Atomic–atomic pairs never race (C++20, Rust).
 *
 * <p>Unlike the paper, the "first access in this epoch" shortcut is not taken: another thread may
 * have written x since this thread's earlier read in the same epoch, and RAPID counts that second
 * read as racy too. Every check is a loop over the threads, O(n) per access; {@link
 * FastTrackDetector} gives the same answers in O(1) for most accesses.
 *
 * <p>Guarantees, relative to the happens-before relation of the observed trace: no false positives
 * and no false negatives. Memory: four ints per variable and thread, independent of trace length.
 */
public final class DjitPlusDetector implements Detector {
  private final ClockTable clocks;
  private int[][] reads = new int[64][];
  private int[][] writes = new int[64][];
  private int[][] atomicReads = new int[64][];
  private int[][] atomicWrites = new int[64][];
  private ConflictSink sink = ConflictSink.NONE;
  private AccessHistory history;

  private final long[] accesses = new long[4];
  private final long[] races = new long[4];
  private long partners;

  /** A detector reading thread clocks from {@code clocks}. */
  public DjitPlusDetector(ClockTable clocks) {
    this.clocks = clocks;
  }

  @Override
  public String name() {
    return "djit";
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
    if (variable >= reads.length) {
      grow(variable);
    }
    int x = variable;
    boolean racy;
    switch (kind) {
      case AccessKind.READ -> {
        racy = exceeds(writes[x], c, n) || exceeds(atomicWrites[x], c, n);
        reads[x] = set(reads[x], thread, c[thread], n);
      }
      case AccessKind.WRITE -> {
        racy =
            exceeds(writes[x], c, n)
                || exceeds(reads[x], c, n)
                || exceeds(atomicWrites[x], c, n)
                || exceeds(atomicReads[x], c, n);
        writes[x] = set(writes[x], thread, c[thread], n);
      }
      case AccessKind.ATOMIC_READ -> {
        racy = exceeds(writes[x], c, n);
        atomicReads[x] = set(atomicReads[x], thread, c[thread], n);
      }
      case AccessKind.ATOMIC_WRITE -> {
        racy = exceeds(writes[x], c, n) || exceeds(reads[x], c, n);
        atomicWrites[x] = set(atomicWrites[x], thread, c[thread], n);
      }
      default -> throw new IllegalArgumentException("unknown access kind " + kind);
    }
    accesses[kind]++;
    if (history != null) {
      if (racy) {
        partners += history.report(x, thread, kind, c, n, sink);
      }
      history.record(x, thread, kind, c[thread], site);
    }
    if (racy) {
      races[kind]++;
    }
    return racy;
  }

  /** Whether some entry of {@code v} is not covered by {@code c}: an unordered earlier access. */
  private static boolean exceeds(int[] v, int[] c, int n) {
    if (v == null) {
      return false;
    }
    int m = Math.min(v.length, n);
    for (int u = 0; u < m; u++) {
      if (v[u] > c[u]) {
        return true;
      }
    }
    return false;
  }

  private static int[] set(int[] v, int t, int clock, int n) {
    if (v == null) {
      v = new int[Math.max(n, 8)];
    } else if (t >= v.length) {
      v = Arrays.copyOf(v, Math.max(t + 1, v.length * 2));
    }
    v[t] = clock;
    return v;
  }

  private void grow(int x) {
    int size = Math.max(x + 1, reads.length * 2);
    reads = Arrays.copyOf(reads, size);
    writes = Arrays.copyOf(writes, size);
    atomicReads = Arrays.copyOf(atomicReads, size);
    atomicWrites = Arrays.copyOf(atomicWrites, size);
  }

  @Override
  public Map<String, Long> statistics() {
    Map<String, Long> s = new LinkedHashMap<>();
    s.put("reads", accesses[AccessKind.READ]);
    s.put("writes", accesses[AccessKind.WRITE]);
    s.put("atomicReads", accesses[AccessKind.ATOMIC_READ]);
    s.put("atomicWrites", accesses[AccessKind.ATOMIC_WRITE]);
    s.put("racyReads", races[AccessKind.READ]);
    s.put("racyWrites", races[AccessKind.WRITE]);
    s.put("racyAtomicReads", races[AccessKind.ATOMIC_READ]);
    s.put("racyAtomicWrites", races[AccessKind.ATOMIC_WRITE]);
    s.put("reportedPartners", partners);
    return s;
  }
}
