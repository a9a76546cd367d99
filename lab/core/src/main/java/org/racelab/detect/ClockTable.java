package org.racelab.detect;

import java.util.Arrays;
import org.racelab.clock.VectorClock;

/**
 * The happens-before state of one execution: a vector clock per thread and per lock, kept in
 * primitive rows so that the trace analyser and the simulator share one fast implementation.
 *
 * <p>The rules are the classic ones (Lamport 1978; DJIT+, Pozniansky &amp; Schuster 2003): a thread
 * starts with its own entry at 1; a release publishes the thread's clock into the lock and then
 * increments the thread's own entry; an acquire joins the lock's clock into the thread's; a fork
 * joins the parent's clock into the child's and increments the parent; a join joins the child's
 * clock into the joiner's. As in RAPID, a thread's own entry only grows at releases and forks, so
 * every access between two releases shares one epoch, which is what FastTrack's same-epoch fast
 * path relies on.
 *
 * <p>Read-write locks (Lamport's readers/writers; ThreadSanitizer keeps the same two clocks per
 * mutex): a write release publishes into the lock's clock as above; a read release ({@link
 * #releaseRead}) joins into a separate <em>reader clock</em>; a read acquire ({@link #acquireRead})
 * joins only the lock's (writer) clock, so two readers are not ordered with each other; a write
 * acquire ({@link #acquire(int, int)}) joins both, so a writer comes after every earlier reader.
 * Tables that never see read locks never allocate reader clocks.
 *
 * <p>Synchronisation objects (RaceLab's {@code send}/{@code recv} events) are a release and an
 * acquire without ownership: {@link #send} joins the thread's clock into the object's and ticks,
 * {@link #receive} joins the object's clock into the thread's. A channel message is an object sent
 * once and received once; a barrier phase one that every party sends to before any receives. Object
 * ids are their own dense range from 0, apart from lock ids.
 *
 * <p>Locks are dense ids from 0. The simulator also synchronises through clocks that are not locks
 * (an atomic store's release clock, a channel message, a fence): for those it uses {@link
 * #snapshot}, {@link #acquire(int, VectorClock)} and {@link #tick}.
 *
 * <p>Threads and locks are added on first use; growing re-lays the rows, so callers should not keep
 * references to them.
 */
public final class ClockTable {

  private int threads;
  private int width; // capacity of every row
  private int[][] threadRows = new int[0][];
  private int[][] lockRows = new int[0][];
  private int[][] readerRows = new int[0][];
  private int[][] objectRows = new int[0][];

  /** An empty table; threads appear as they are used. */
  public ClockTable() {
    this.width = 8;
  }

  /** How many threads are known (ids 0 to threadCount()-1). */
  public int threadCount() {
    return threads;
  }

  /** Makes sure thread {@code t} exists; a new thread's clock is 1 in its own entry only. */
  public void ensureThread(int t) {
    if (t < threads) {
      return;
    }
    if (t >= width) {
      int newWidth = Math.max(width * 2, t + 1);
      for (int i = 0; i < threadRows.length; i++) {
        if (threadRows[i] != null) {
          threadRows[i] = Arrays.copyOf(threadRows[i], newWidth);
        }
      }
      for (int i = 0; i < lockRows.length; i++) {
        if (lockRows[i] != null) {
          lockRows[i] = Arrays.copyOf(lockRows[i], newWidth);
        }
      }
      for (int i = 0; i < readerRows.length; i++) {
        if (readerRows[i] != null) {
          readerRows[i] = Arrays.copyOf(readerRows[i], newWidth);
        }
      }
      for (int i = 0; i < objectRows.length; i++) {
        if (objectRows[i] != null) {
          objectRows[i] = Arrays.copyOf(objectRows[i], newWidth);
        }
      }
      width = newWidth;
    }
    if (t >= threadRows.length) {
      threadRows = Arrays.copyOf(threadRows, Math.max(threadRows.length * 2, t + 1));
    }
    for (int u = threads; u <= t; u++) {
      int[] row = new int[width];
      row[u] = 1;
      threadRows[u] = row;
    }
    threads = t + 1;
  }

  private int[] lockRow(int lock) {
    if (lock >= lockRows.length) {
      lockRows = Arrays.copyOf(lockRows, Math.max(lockRows.length * 2, lock + 1));
    }
    int[] row = lockRows[lock];
    if (row == null) {
      row = new int[width];
      lockRows[lock] = row;
    }
    return row;
  }

  private int[] readerRow(int lock) {
    if (lock >= readerRows.length) {
      readerRows = Arrays.copyOf(readerRows, Math.max(readerRows.length * 2, lock + 1));
    }
    int[] row = readerRows[lock];
    if (row == null) {
      row = new int[width];
      readerRows[lock] = row;
    }
    return row;
  }

  /** {@code C_t[u]}: how much of thread u's history thread t has seen. */
  public int get(int t, int u) {
    return u < width ? threadRows[t][u] : 0;
  }

  /** {@code C_t[t]}: thread t's current epoch clock. */
  public int epochClock(int t) {
    return threadRows[t][t];
  }

  /**
   * The live row of thread t, for detectors' inner loops; valid until the next {@link
   * #ensureThread} that grows the table. Entries at and beyond {@link #threadCount()} are 0.
   */
  public int[] row(int t) {
    if (t >= threads) {
      ensureThread(t);
    }
    return threadRows[t];
  }

  /** Fork: the child starts knowing everything the parent did; the parent moves on. */
  public void fork(int parent, int child) {
    ensureThread(Math.max(parent, child));
    joinInto(threadRows[child], threadRows[parent]);
    threadRows[parent][parent]++;
  }

  /** Join: the joiner learns everything the child did. */
  public void join(int joiner, int child) {
    ensureThread(Math.max(joiner, child));
    joinInto(threadRows[joiner], threadRows[child]);
  }

  /**
   * Acquire of a lock (in write mode, for a read-write lock): {@code C_t := C_t ⊔ L_m}, and {@code
   * ⊔ R_m} when readers have released it ({@link #releaseRead}).
   */
  public void acquire(int t, int lock) {
    ensureThread(t);
    if (lock < lockRows.length && lockRows[lock] != null) {
      joinInto(threadRows[t], lockRows[lock]);
    }
    if (lock < readerRows.length && readerRows[lock] != null) {
      joinInto(threadRows[t], readerRows[lock]);
    }
  }

  /**
   * Acquire of a read lock: {@code C_t := C_t ⊔ L_m}, the writers' clock only, so readers are not
   * ordered with each other.
   */
  public void acquireRead(int t, int lock) {
    ensureThread(t);
    if (lock < lockRows.length && lockRows[lock] != null) {
      joinInto(threadRows[t], lockRows[lock]);
    }
  }

  /**
   * Release of a read lock: {@code R_m := R_m ⊔ C_t; C_t[t]++}. Every later write acquire joins
   * {@code R_m}, so it comes after all earlier readers.
   */
  public void releaseRead(int t, int lock) {
    ensureThread(t);
    joinInto(readerRow(lock), threadRows[t]);
    threadRows[t][t]++;
  }

  /** Release of a lock: {@code L_m := C_t; C_t[t]++}. */
  public void release(int t, int lock) {
    ensureThread(t);
    System.arraycopy(threadRows[t], 0, lockRow(lock), 0, threads);
    threadRows[t][t]++;
  }

  /**
   * A release that adds to the lock's clock instead of replacing it, {@code L_m := L_m ⊔ C_t;
   * C_t[t]++}: several readers of a read-write lock, or several arrivals at a barrier, each publish
   * into one clock.
   */
  public void releaseShared(int t, int lock) {
    ensureThread(t);
    joinInto(lockRow(lock), threadRows[t]);
    threadRows[t][t]++;
  }

  /**
   * Send to a synchronisation object: {@code S_o := S_o ⊔ C_t; C_t[t]++}. Everything t did so far
   * happens before every later {@link #receive} of o.
   */
  public void send(int t, int object) {
    ensureThread(t);
    if (object >= objectRows.length) {
      objectRows = Arrays.copyOf(objectRows, Math.max(objectRows.length * 2, object + 1));
    }
    int[] row = objectRows[object];
    if (row == null) {
      row = new int[width];
      objectRows[object] = row;
    }
    joinInto(row, threadRows[t]);
    threadRows[t][t]++;
  }

  /** Receive from a synchronisation object: {@code C_t := C_t ⊔ S_o} (nothing if never sent to). */
  public void receive(int t, int object) {
    ensureThread(t);
    if (object < objectRows.length && objectRows[object] != null) {
      joinInto(threadRows[t], objectRows[object]);
    }
  }

  /** Acquire from an arbitrary clock (an atomic store's release clock, a message, a fence). */
  public void acquire(int t, VectorClock clock) {
    ensureThread(Math.max(t, clock.width() - 1));
    int[] row = threadRows[t];
    for (int u = 0; u < clock.width(); u++) {
      int v = clock.get(u);
      if (v > row[u]) {
        row[u] = v;
      }
    }
  }

  /** Thread t's clock now, as an immutable value. */
  public VectorClock snapshot(int t) {
    ensureThread(t);
    return VectorClock.copyOf(threadRows[t], threads);
  }

  /** Lock m's clock now (zero if never released). */
  public VectorClock lockSnapshot(int lock) {
    if (lock >= lockRows.length || lockRows[lock] == null) {
      return VectorClock.ZERO;
    }
    return VectorClock.copyOf(lockRows[lock], threads);
  }

  /** Increments thread t's own entry: what follows is a new epoch. */
  public void tick(int t) {
    ensureThread(t);
    threadRows[t][t]++;
  }

  /** Whether {@code clock ⊑ C_t}. */
  public boolean covers(int t, VectorClock clock) {
    int[] row = threadRows[t];
    for (int u = 0; u < clock.width(); u++) {
      if (clock.get(u) > (u < width ? row[u] : 0)) {
        return false;
      }
    }
    return true;
  }

  private void joinInto(int[] into, int[] from) {
    for (int u = 0; u < threads; u++) {
      if (from[u] > into[u]) {
        into[u] = from[u];
      }
    }
  }
}
