package org.racelab.sync;

/**
 * What an atomic load read.
 *
 * @param bits the value read
 * @param provenance the provenance stored with it (atomic pointers), 0 for none
 * @param options how many stores the load could have read from
 * @param staleness 0 when it read the latest store, k when it read the k-th newest before that
 * @param tag the tag given to the store it read (-1 for the initial value)
 */
public record LoadResult(long bits, int provenance, int options, int staleness, int tag) {

  /** Whether the load returned an older value than the latest store (a weak-memory outcome). */
  public boolean outdated() {
    return staleness > 0;
  }
}
