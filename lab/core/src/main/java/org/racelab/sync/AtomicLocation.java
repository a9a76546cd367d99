package org.racelab.sync;

/**
 * The atomic state of one memory cell: its store buffer. Created on the first atomic access, from
 * the cell's current value; dropped by a plain write, which (being race-free or reported as a race)
 * happens after every earlier store, so older values can no longer be read.
 */
public final class AtomicLocation {
  final StoreBuffer buffer;

  AtomicLocation(long bits, int provenance) {
    this.buffer = new StoreBuffer(StoreElement.initial(bits, provenance));
  }

  /** The value of the latest store in modification order. */
  public long latestBits() {
    return buffer.latest().bits;
  }

  /** The provenance of the latest store (for atomic pointers). */
  public int latestProvenance() {
    return buffer.latest().provenance;
  }
}
