package org.racelab.sync;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.racelab.clock.VectorClock;
import org.racelab.detect.ClockTable;

/**
 * A readers-writer lock and its happens-before edges, as C++ {@code std::shared_mutex} specifies
 * them and ThreadSanitizer implements them ({@code MutexReadUnlock} releases into a separate read
 * clock that only write locks acquire):
 *
 * <ul>
 *   <li>a write unlock happens before every later lock, of either kind;
 *   <li>every read unlock happens before the next write lock;
 *   <li>readers do not synchronise with each other: a read lock acquires only the write unlocks.
 * </ul>
 *
 * <p>Two clocks hold this: {@code writeUnlocked}, the clock of the last write unlock, which every
 * lock acquires, and {@code readUnlocks}, the join of the read unlocks since then, which only a
 * write lock acquires. A write unlock resets {@code readUnlocks}, since the writer had acquired it
 * and so publishes it again in its own clock.
 *
 * <p>Where this deviates from Miri: Miri (src/concurrency/sync.rs) copies the readers' joined clock
 * into the clock that read locks acquire once the last reader leaves, so a reader that comes after
 * another reader (with no writer between) learns its history. Real implementations often give that
 * edge too, since readers update one atomic word, but neither C++ nor Rust promises it, so RaceLab
 * reports what relies on it as a race.
 *
 * <p>A thread may hold several read locks (a count); the lock does not prefer writers (a reader may
 * enter while a writer waits), which is what most teaching examples assume. Blocking is the
 * interpreter's business: {@link #available} says whether a lock would proceed now.
 */
public final class RwLockState {
  private final String name;
  private int writer = -1;
  private final Map<Integer, Integer> readers = new LinkedHashMap<>(); // thread -> hold count
  private VectorClock writeUnlocked = VectorClock.ZERO;
  private VectorClock readUnlocks = VectorClock.ZERO;

  /** A free lock. */
  public RwLockState(String name) {
    this.name = name;
  }

  /** The declared name. */
  public String name() {
    return name;
  }

  /** The writing thread, or -1. */
  public int writer() {
    return writer;
  }

  /** The threads holding it for reading, in the order they took it. */
  public List<Integer> readers() {
    return List.copyOf(readers.keySet());
  }

  /** Whether a lock of this kind would proceed now. */
  public boolean available(boolean write) {
    return write ? writer < 0 && readers.isEmpty() : writer < 0;
  }

  /** Whether thread t holds it in the given mode. */
  public boolean heldBy(int t, boolean write) {
    return write ? writer == t : readers.containsKey(t);
  }

  /**
   * Takes the lock for reading or writing: a reader learns the last write unlock, a writer also
   * every read unlock since.
   */
  public void lock(int t, boolean write, ClockTable clocks) {
    if (!available(write)) {
      throw new IllegalStateException(name + " is not available");
    }
    if (write) {
      writer = t;
      clocks.acquire(t, readUnlocks);
    } else {
      readers.merge(t, 1, Integer::sum);
    }
    clocks.acquire(t, writeUnlocked);
  }

  /** Releases a hold of the given kind. */
  public void unlock(int t, boolean write, ClockTable clocks) {
    if (write) {
      if (writer != t) {
        throw new IllegalStateException(name + " is not write-locked by thread " + t);
      }
      writeUnlocked = clocks.snapshot(t);
      readUnlocks = VectorClock.ZERO;
      writer = -1;
    } else {
      Integer n = readers.get(t);
      if (n == null) {
        throw new IllegalStateException(name + " is not read-locked by thread " + t);
      }
      readUnlocks = readUnlocks.join(clocks.snapshot(t));
      if (n == 1) {
        readers.remove(t);
      } else {
        readers.put(t, n - 1);
      }
    }
    clocks.tick(t);
  }
}
