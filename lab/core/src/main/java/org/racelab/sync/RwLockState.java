package org.racelab.sync;

import java.util.LinkedHashMap;
import java.util.Map;
import org.racelab.clock.VectorClock;
import org.racelab.detect.ClockTable;

/**
 * A readers-writer lock, with Miri's happens-before rules: a write unlock happens before every
 * later lock of either kind; every read unlock happens before the next write lock; readers do not
 * synchronise with each other. The lock does not prefer writers (a reader may enter while a writer
 * waits), which is what most teaching examples assume.
 */
public final class RwLockState {
  private final String name;
  private int writer = -1;
  private final Map<Integer, Integer> readers = new LinkedHashMap<>(); // thread -> hold count
  private VectorClock unlocked = VectorClock.ZERO;
  private VectorClock currentReaders = VectorClock.ZERO;

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

  /** The threads holding it for reading. */
  public Iterable<Integer> readers() {
    return readers.keySet();
  }

  /** Whether a lock of this kind would proceed now. */
  public boolean available(boolean write) {
    return write ? writer < 0 && readers.isEmpty() : writer < 0;
  }

  /** Whether thread t holds it in the given mode. */
  public boolean heldBy(int t, boolean write) {
    return write ? writer == t : readers.containsKey(t);
  }

  /** Takes the lock for reading or writing. */
  public void lock(int t, boolean write, ClockTable clocks) {
    if (!available(write)) {
      throw new IllegalStateException(name + " is not available");
    }
    if (write) {
      writer = t;
    } else {
      readers.merge(t, 1, Integer::sum);
    }
    clocks.acquire(t, unlocked);
  }

  /** Releases a hold of the given kind. */
  public void unlock(int t, boolean write, ClockTable clocks) {
    if (write) {
      if (writer != t) {
        throw new IllegalStateException(name + " is not write-locked by thread " + t);
      }
      unlocked = clocks.snapshot(t);
      currentReaders = VectorClock.ZERO;
      writer = -1;
    } else {
      Integer n = readers.get(t);
      if (n == null) {
        throw new IllegalStateException(name + " is not read-locked by thread " + t);
      }
      currentReaders = currentReaders.join(clocks.snapshot(t));
      if (n == 1) {
        readers.remove(t);
      } else {
        readers.put(t, n - 1);
      }
      if (readers.isEmpty()) {
        unlocked = unlocked.join(currentReaders);
      }
    }
    clocks.tick(t);
  }
}
