package org.racelab.detect;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Eraser's lockset algorithm (Savage, Burrows, Nelson, Sobalvarro &amp; Anderson, "Eraser: a
 * dynamic data race detector for multithreaded programs", SOSP 1997): a variable must be protected
 * by some lock held at every access; races are reported when no common lock is left.
 *
 * <p>Each variable moves through Eraser's states: <em>virgin</em> (never accessed),
 * <em>exclusive</em> (accessed by one thread only, so initialisation without locks is not
 * reported), <em>shared</em> (read by other threads: the candidate set is refined but nothing is
 * reported, since read-only data needs no lock) and <em>shared-modified</em> (written after being
 * shared: a race is reported when the candidate set becomes empty). The candidate set starts as the
 * locks held at the access that leaves the exclusive state and is intersected at every later access
 * with the locks held: a read refines with the locks held in any mode, a write with the locks held
 * in write mode only, so read locks protect reads only (the paper's read-write lock extension).
 *
 * <p>Atomics: an atomic access needs no lock, the hardware orders it. It is modelled as holding a
 * per-variable pseudo-lock that plain accesses never hold: atomic–atomic never empties the set,
 * while a variable accessed both atomically and plainly without a common lock does race.
 *
 * <p>What it reports: the <em>first</em> access that empties a shared-modified variable's candidate
 * set; after that the variable stays quiet (as Eraser, which warns once per location). The partner
 * given to a {@link ConflictSink} is the latest access to the variable by another thread, with that
 * thread's epoch clock at the time: locksets have no happens-before, so that is the natural
 * witness.
 *
 * <p>Deliberate blind spots: it ignores fork and join and every other synchronisation that is not a
 * lock (the engine's {@link ClockTable} is read only for the clocks in reports). So a hand-off
 * through fork/join, a channel or a barrier — the parent writes x, forks a child that writes x,
 * joins it and writes x again — is the classic Eraser false alarm, and a race on a location that
 * happens to be protected by an unrelated lock's ordering is not a race for it. Compared with the
 * happens-before detectors it has false positives (unlocked but ordered accesses) and false
 * negatives (the exclusive state forgives the first thread, and each variable is reported once),
 * but it finds lock-discipline violations that a particular interleaving happened to order.
 */
public final class LocksetDetector implements Detector {
  private static final byte VIRGIN = 0;
  private static final byte EXCLUSIVE = 1;
  private static final byte SHARED = 2;
  private static final byte SHARED_MODIFIED = 3;

  private final ClockTable clocks;

  // per variable
  private byte[] state = new byte[64];
  private int[] owner = new int[64];
  private long[][] candidates = new long[64][];
  private boolean[] atomicCandidate = new boolean[64];
  private boolean[] reported = new boolean[64];
  // per variable, the latest access and the latest access by a different thread (reports only)
  private int[] last = new int[0];
  private int[] other = new int[0];
  private static final int REC = 4; // thread+1, kind, site, clock

  // per thread: locks held in any mode / in write mode (bit sets), and hold depths per lock
  private long[][] heldAny = new long[0][];
  private long[][] heldWrite = new long[0][];
  private int[][] writeDepth = new int[0][];
  private int[][] readDepth = new int[0][];
  private int lockWords = 1;

  private ConflictSink sink = ConflictSink.NONE;
  private boolean tracking;

  private long exclusiveAccesses;
  private long sharedAccesses;
  private long sharedModifiedAccesses;
  private long races;

  /** A lockset detector; {@code clocks} only supplies the epoch clocks in conflict reports. */
  public LocksetDetector(ClockTable clocks) {
    this.clocks = clocks;
  }

  @Override
  public String name() {
    return "lockset";
  }

  @Override
  public void setConflictSink(ConflictSink sink) {
    this.sink = sink;
    this.tracking = sink != ConflictSink.NONE;
  }

  @Override
  public void acquired(int thread, int lock, boolean shared) {
    ensureThreadLock(thread, lock);
    if (shared) {
      readDepth[thread][lock]++;
    } else {
      writeDepth[thread][lock]++;
      setBit(heldWrite[thread], lock);
    }
    setBit(heldAny[thread], lock);
  }

  @Override
  public void released(int thread, int lock) {
    ensureThreadLock(thread, lock);
    released(thread, lock, writeDepth[thread][lock] == 0);
  }

  @Override
  public void released(int thread, int lock, boolean shared) {
    ensureThreadLock(thread, lock);
    if (shared) {
      if (readDepth[thread][lock] > 0) {
        readDepth[thread][lock]--;
      }
    } else if (writeDepth[thread][lock] > 0 && --writeDepth[thread][lock] == 0) {
      clearBit(heldWrite[thread], lock);
    }
    if (readDepth[thread][lock] == 0 && writeDepth[thread][lock] == 0) {
      clearBit(heldAny[thread], lock);
    }
  }

  @Override
  public boolean access(int thread, int variable, int site, int kind) {
    if (variable >= state.length) {
      grow(variable);
    }
    ensureThreadLock(thread, 0);
    int x = variable;
    boolean write = AccessKind.isWrite(kind);
    boolean atomic = AccessKind.isAtomic(kind);
    long[] held = write ? heldWrite[thread] : heldAny[thread];
    boolean racy = false;
    switch (state[x]) {
      case VIRGIN -> {
        state[x] = EXCLUSIVE;
        owner[x] = thread;
        exclusiveAccesses++;
      }
      case EXCLUSIVE -> {
        if (owner[x] == thread) {
          exclusiveAccesses++;
        } else {
          candidates[x] = Arrays.copyOf(held, lockWords);
          atomicCandidate[x] = atomic;
          state[x] = write ? SHARED_MODIFIED : SHARED;
          if (write) {
            racy = check(x);
          } else {
            sharedAccesses++;
          }
        }
      }
      case SHARED -> {
        refine(x, held, atomic);
        if (write) {
          state[x] = SHARED_MODIFIED;
          racy = check(x);
        } else {
          sharedAccesses++;
        }
      }
      default -> {
        refine(x, held, atomic);
        racy = check(x);
      }
    }
    if (racy) {
      races++;
      if (tracking) {
        report(x, thread);
      }
    }
    if (tracking) {
      remember(x, thread, kind, site);
    }
    return racy;
  }

  private boolean check(int x) {
    sharedModifiedAccesses++;
    if (reported[x] || atomicCandidate[x]) {
      return false;
    }
    for (long word : candidates[x]) {
      if (word != 0) {
        return false;
      }
    }
    reported[x] = true;
    return true;
  }

  private void refine(int x, long[] held, boolean atomic) {
    long[] cand = candidates[x];
    for (int i = 0; i < cand.length; i++) {
      cand[i] &= i < held.length ? held[i] : 0;
    }
    atomicCandidate[x] &= atomic;
  }

  private void report(int x, int thread) {
    int base = x * REC;
    if (base >= last.length) {
      return;
    }
    int[] rec = last[base] - 1 == thread ? other : last;
    if (rec[base] != 0) {
      sink.conflict(rec[base] - 1, rec[base + 1], rec[base + 2], rec[base + 3]);
    }
  }

  private void remember(int x, int thread, int kind, int site) {
    int base = x * REC;
    if (base + REC > last.length) {
      int size = Math.max(base + REC, last.length * 2);
      last = Arrays.copyOf(last, size);
      other = Arrays.copyOf(other, size);
    }
    if (last[base] != 0 && last[base] - 1 != thread) {
      System.arraycopy(last, base, other, base, REC);
    }
    last[base] = thread + 1;
    last[base + 1] = kind;
    last[base + 2] = site;
    last[base + 3] = clocks.row(thread)[thread];
  }

  private void ensureThreadLock(int thread, int lock) {
    if (thread >= heldAny.length) {
      int size = Math.max(thread + 1, heldAny.length * 2);
      heldAny = Arrays.copyOf(heldAny, size);
      heldWrite = Arrays.copyOf(heldWrite, size);
      writeDepth = Arrays.copyOf(writeDepth, size);
      readDepth = Arrays.copyOf(readDepth, size);
    }
    if (lock >= lockWords * 64) {
      lockWords = lock / 64 + 1;
    }
    if (heldAny[thread] == null || heldAny[thread].length < lockWords) {
      heldAny[thread] = copy(heldAny[thread], lockWords);
      heldWrite[thread] = copy(heldWrite[thread], lockWords);
    }
    if (writeDepth[thread] == null || writeDepth[thread].length <= lock) {
      int size = Math.max(lock + 1, 16);
      writeDepth[thread] = copy(writeDepth[thread], size);
      readDepth[thread] = copy(readDepth[thread], size);
    }
  }

  private static long[] copy(long[] a, int size) {
    return a == null ? new long[size] : Arrays.copyOf(a, Math.max(size, a.length));
  }

  private static int[] copy(int[] a, int size) {
    return a == null ? new int[size] : Arrays.copyOf(a, Math.max(size, a.length * 2));
  }

  private static void setBit(long[] bits, int i) {
    bits[i >>> 6] |= 1L << i;
  }

  private static void clearBit(long[] bits, int i) {
    bits[i >>> 6] &= ~(1L << i);
  }

  private void grow(int x) {
    int size = Math.max(x + 1, state.length * 2);
    state = Arrays.copyOf(state, size);
    owner = Arrays.copyOf(owner, size);
    candidates = Arrays.copyOf(candidates, size);
    atomicCandidate = Arrays.copyOf(atomicCandidate, size);
    reported = Arrays.copyOf(reported, size);
  }

  @Override
  public Map<String, Long> statistics() {
    Map<String, Long> s = new LinkedHashMap<>();
    s.put("exclusiveAccesses", exclusiveAccesses);
    s.put("sharedAccesses", sharedAccesses);
    s.put("sharedModifiedAccesses", sharedModifiedAccesses);
    s.put("reportedVariables", races);
    return s;
  }
}
