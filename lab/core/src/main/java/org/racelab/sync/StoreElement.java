package org.racelab.sync;

import java.util.HashMap;
import java.util.Map;
import org.racelab.clock.VectorClock;

/**
 * One store in an atomic location's modification order, as Miri's weak-memory emulation keeps it
 * (after Lidbury &amp; Donaldson, "Dynamic race detection for C++11", POPL 2017).
 *
 * <p>{@code timestamp} is the storing thread's own clock entry at the store, so "this store happens
 * before thread u's current point" is {@code timestamp <= C_u[thread]}. {@code sync} is the
 * release-sequence clock an acquire load that reads this store joins into its own. For each thread,
 * the clock of its first load from this store is kept (later loads by the same thread are later
 * anyway), which is enough to enforce read-read coherence.
 */
final class StoreElement {
  final int thread;
  final int timestamp;
  final VectorClock sync;
  boolean seqCst;
  final long bits;
  final int provenance;
  final int tag;
  private final Map<Integer, Integer> firstLoads = new HashMap<>();
  boolean scLoaded;

  StoreElement(
      int thread,
      int timestamp,
      VectorClock sync,
      boolean seqCst,
      long bits,
      int provenance,
      int tag) {
    this.thread = thread;
    this.timestamp = timestamp;
    this.sync = sync;
    this.seqCst = seqCst;
    this.bits = bits;
    this.provenance = provenance;
    this.tag = tag;
  }

  /** The initial value of a location: before everything, synchronising with nothing. */
  static StoreElement initial(long bits, int provenance) {
    return new StoreElement(0, 0, VectorClock.ZERO, false, bits, provenance, -1);
  }

  /** Whether this store happens before the point whose clock row is {@code row}. */
  boolean happensBefore(int[] row) {
    return timestamp <= at(row, thread);
  }

  /** Whether some load from this store happens before the point with clock {@code row}. */
  boolean loadedBefore(int[] row) {
    for (Map.Entry<Integer, Integer> e : firstLoads.entrySet()) {
      if (e.getValue() <= at(row, e.getKey())) {
        return true;
      }
    }
    return false;
  }

  void recordLoad(int loader, int clock, boolean seqCstLoad) {
    firstLoads.putIfAbsent(loader, clock);
    scLoaded |= seqCstLoad;
  }

  static int at(int[] row, int thread) {
    return thread < row.length ? row[thread] : 0;
  }
}
