package org.racelab.sync;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * The stores to one atomic location, oldest first, as far back as a load may still read (at most
 * {@value #LIMIT}, Miri's bound). The newest element is always the location's current value.
 */
final class StoreBuffer {
  static final int LIMIT = 128;

  private final Deque<StoreElement> stores = new ArrayDeque<>();

  StoreBuffer(StoreElement initial) {
    stores.addLast(initial);
  }

  /** How many stores are newer than {@code e} in modification order. */
  int newerThan(StoreElement e) {
    int k = 0;
    Iterator<StoreElement> it = stores.descendingIterator();
    while (it.hasNext() && it.next() != e) {
      k++;
    }
    return k;
  }

  StoreElement latest() {
    return stores.getLast();
  }

  void push(StoreElement e, int[] storerRow) {
    if (stores.size() >= LIMIT) {
      stores.removeFirst();
    }
    stores.addLast(e);
    if (e.seqCst) {
      // Every store that happens before an SC store is ordered before it in S, so a later SC
      // load must not read past this one to reach them (Lidbury & Donaldson §4.5).
      for (StoreElement old : stores) {
        if (old.happensBefore(storerRow)) {
          old.seqCst = true;
        }
      }
    }
  }

  /**
   * The stores a load may read from, newest first (Miri's {@code fetch_store}). Walking back in
   * modification order, the walk stops after the first store the load may not read past: one that
   * happens before the load (write-read coherence), one some load before us already read (read-read
   * coherence), an SC store before our last SC fence, or, for an SC load, a store an SC load has
   * seen or one before the last SC fence. An SC load also skips every SC store but the newest.
   */
  List<StoreElement> candidates(ThreadAtomics me, int[] row, boolean seqCst) {
    List<StoreElement> out = new ArrayList<>();
    boolean seenSc = false;
    Iterator<StoreElement> it = stores.descendingIterator();
    while (it.hasNext()) {
      StoreElement e = it.next();
      boolean stop =
          e.happensBefore(row)
              || e.loadedBefore(row)
              || (e.seqCst && e.timestamp <= me.writeSeqCst.get(e.thread))
              || (seqCst && e.timestamp <= me.readSeqCst.get(e.thread))
              || (seqCst && e.scLoaded);
      boolean include = true;
      if (seqCst && e.seqCst) {
        include = !seenSc;
        seenSc = true;
      }
      if (include) {
        out.add(e);
      }
      if (stop) {
        break;
      }
    }
    return out;
  }
}
