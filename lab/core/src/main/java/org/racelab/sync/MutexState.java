package org.racelab.sync;

import org.racelab.clock.VectorClock;
import org.racelab.detect.ClockTable;

/**
 * A mutex: an unlock happens before every later lock of the same mutex. The clock of the last
 * unlock is kept; the next owner joins it. A thread that panics while holding the mutex poisons it,
 * as Rust's {@code std::sync::Mutex} does.
 */
public final class MutexState {
  private final String name;
  private int owner = -1;
  private VectorClock released = VectorClock.ZERO;
  private boolean poisoned;
  private int lockLine;

  /** A free mutex. */
  public MutexState(String name) {
    this.name = name;
  }

  /** The declared name. */
  public String name() {
    return name;
  }

  /** The owning thread, or -1 when free. */
  public int owner() {
    return owner;
  }

  /** The line where the current owner locked it (0 when free). */
  public int lockLine() {
    return lockLine;
  }

  /** Whether a thread panicked while holding it. */
  public boolean poisoned() {
    return poisoned;
  }

  /** Marks the mutex poisoned (its owner panicked). */
  public void poison() {
    poisoned = true;
  }

  /** Whether {@code lock} would proceed now. */
  public boolean available() {
    return owner < 0;
  }

  /** Takes the mutex: the new owner learns everything before the last unlock. */
  public void lock(int t, int line, ClockTable clocks) {
    if (owner >= 0) {
      throw new IllegalStateException(name + " is held by thread " + owner);
    }
    owner = t;
    lockLine = line;
    clocks.acquire(t, released);
  }

  /** Gives the mutex back: publishes the owner's clock for the next owner. */
  public void unlock(int t, ClockTable clocks) {
    if (owner != t) {
      throw new IllegalStateException(name + " is not held by thread " + t);
    }
    released = clocks.snapshot(t);
    clocks.tick(t);
    owner = -1;
    lockLine = 0;
  }
}
