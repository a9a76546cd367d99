package org.racelab.clock;

/**
 * An epoch {@code c@t}: the {@code c}-th step of thread {@code t}, one entry of a vector clock.
 *
 * <p>FastTrack (Flanagan &amp; Freund, PLDI 2009) records the last write to a location, and the
 * last read while reads stay totally ordered, as an epoch instead of a full vector clock: {@code
 * c@t ⪯ V} iff {@code c <= V[t]}, a constant-time check. The detectors keep epochs packed into one
 * {@code long} ({@link #pack}) so that shadow memory is a primitive array; this record is the
 * readable form used in results and tests.
 *
 * <p>Invariants: {@code thread >= 0} and {@code clock >= 0}. Clock 0 is the epoch of "never": it is
 * covered by every vector clock ({@link #NONE} packs to 0).
 *
 * @param thread the thread id
 * @param clock the thread's own counter at that step
 */
public record Epoch(int thread, int clock) {

  /** The packed form of an epoch that is before everything. */
  public static final long NONE = 0L;

  /** Checks the invariants. */
  public Epoch {
    if (thread < 0 || clock < 0) {
      throw new IllegalArgumentException("epoch needs thread >= 0 and clock >= 0");
    }
  }

  /** Packs {@code clock@thread} into a long: clock in the high word, thread in the low word. */
  public static long pack(int thread, int clock) {
    return ((long) clock << 32) | (thread & 0xFFFF_FFFFL);
  }

  /** The thread of a packed epoch. */
  public static int threadOf(long packed) {
    return (int) packed;
  }

  /** The clock of a packed epoch. */
  public static int clockOf(long packed) {
    return (int) (packed >>> 32);
  }

  /** Unpacks. */
  public static Epoch unpack(long packed) {
    return new Epoch(threadOf(packed), clockOf(packed));
  }

  /** This epoch packed into a long. */
  public long packed() {
    return pack(thread, clock);
  }

  /** {@code this ⪯ v}: the step is known to (happens before or is) the point with clock v. */
  public boolean happensBefore(VectorClock v) {
    return v.covers(this);
  }

  @Override
  public String toString() {
    return clock + "@" + thread;
  }
}
