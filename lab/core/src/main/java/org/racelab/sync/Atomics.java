package org.racelab.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.racelab.clock.VectorClock;
import org.racelab.detect.ClockTable;
import org.racelab.value.Ordering;

/**
 * The C++20 memory model of atomic accesses and fences, as Miri models it.
 *
 * <p><b>Happens-before.</b> A release store publishes the storing thread's clock as the store's
 * <em>sync clock</em>; an acquire load that reads the store joins it. A relaxed store publishes
 * only what the thread's last release fence released, and cuts any release sequence (C++20, P0982:
 * only read-modify-writes continue a release sequence, so an RMW's sync clock is the one it read
 * joined with its own). A relaxed load remembers the sync clock it read for a later acquire fence.
 * A seq_cst fence acts like an acq_rel RMW on one global location (Miri's model: stronger than C++
 * in rare cases, never weaker).
 *
 * <p><b>Weak memory.</b> A load may read any store that coherence allows, not only the latest
 * ({@link StoreBuffer#candidates}); which one is a choice made by the scheduler, so that a seeded
 * run, a replay and an exhaustive exploration see the same options. Read-modify-writes and failed
 * compare-exchanges always read the latest store (atomicity). Seq_cst accesses are further limited
 * so that they agree with one total order. This emulation never produces an outcome C++20 forbids,
 * but not every outcome it allows (no load buffering, no out-of-thin-air).
 *
 * <p>Every atomic operation ends with a tick of the thread's own clock, so each store has a
 * distinct timestamp. Race checks against plain accesses are not done here: the caller asks the
 * detector first, with the thread's clock as it was before the operation.
 */
public final class Atomics {
  private final ClockTable clocks;
  private final List<ThreadAtomics> threads = new ArrayList<>();
  private VectorClock lastScFence = VectorClock.ZERO;
  private VectorClock lastScWrites = VectorClock.ZERO;

  /** Atomics over the threads of one clock table. */
  public Atomics(ClockTable clocks) {
    this.clocks = clocks;
  }

  private ThreadAtomics of(int t) {
    while (threads.size() <= t) {
      threads.add(new ThreadAtomics());
    }
    return threads.get(t);
  }

  /** A new atomic location whose only store so far is its current value. */
  public AtomicLocation location(long bits, int provenance) {
    return new AtomicLocation(bits, provenance);
  }

  /**
   * An atomic load.
   *
   * @param choose given the number of stores the load may read (newest first), picks one; index 0
   *     is the latest store
   */
  public LoadResult load(int t, AtomicLocation loc, Ordering order, IntUnaryOperator choose) {
    ThreadAtomics me = of(t);
    boolean sc = order == Ordering.SEQ_CST;
    if (sc) {
      me.readSeqCst = me.readSeqCst.join(lastScFence);
    }
    List<StoreElement> options = loc.buffer.candidates(me, clocks.row(t), sc);
    int pick = options.size() == 1 ? 0 : choose.applyAsInt(options.size());
    if (pick < 0 || pick >= options.size()) {
      throw new IllegalArgumentException("read-from choice " + pick + " of " + options.size());
    }
    StoreElement e = options.get(pick);
    acquireFrom(t, me, e.sync, order.acquires());
    e.recordLoad(t, clocks.epochClock(t), sc);
    clocks.tick(t);
    return new LoadResult(e.bits, e.provenance, options.size(), staleness(loc, e), e.tag);
  }

  private static int staleness(AtomicLocation loc, StoreElement e) {
    return loc.buffer.newerThan(e);
  }

  /**
   * An atomic store.
   *
   * @param tag an opaque label for the store (the interpreter's step number), returned to loads
   *     that read it
   */
  public void store(int t, AtomicLocation loc, Ordering order, long bits, int provenance, int tag) {
    ThreadAtomics me = of(t);
    boolean sc = order == Ordering.SEQ_CST;
    if (sc) {
      lastScWrites = lastScWrites.with(t, clocks.epochClock(t));
    }
    VectorClock sync = order.releases() ? clocks.snapshot(t) : me.fenceRelease;
    loc.buffer.push(
        new StoreElement(t, clocks.epochClock(t), sync, sc, bits, provenance, tag), clocks.row(t));
    clocks.tick(t);
  }

  /**
   * The read half of a read-modify-write: reads the latest store with the acquire half of {@code
   * order}. Must be followed by {@link #rmwWrite} with the same order.
   */
  public LoadResult rmwRead(int t, AtomicLocation loc, Ordering order) {
    ThreadAtomics me = of(t);
    boolean sc = order == Ordering.SEQ_CST;
    if (sc) {
      me.readSeqCst = me.readSeqCst.join(lastScFence);
      lastScWrites = lastScWrites.with(t, clocks.epochClock(t));
    }
    StoreElement latest = loc.buffer.latest();
    acquireFrom(t, me, latest.sync, order.acquires());
    latest.recordLoad(t, clocks.epochClock(t), sc);
    return new LoadResult(latest.bits, latest.provenance, 1, 0, latest.tag);
  }

  /** The write half of a read-modify-write: continues the release sequence it read from. */
  public void rmwWrite(
      int t, AtomicLocation loc, Ordering order, long bits, int provenance, int tag) {
    ThreadAtomics me = of(t);
    VectorClock read = loc.buffer.latest().sync;
    VectorClock own = order.releases() ? clocks.snapshot(t) : me.fenceRelease;
    loc.buffer.push(
        new StoreElement(
            t,
            clocks.epochClock(t),
            read.join(own),
            order == Ordering.SEQ_CST,
            bits,
            provenance,
            tag),
        clocks.row(t));
    clocks.tick(t);
  }

  /**
   * A compare-exchange that failed: an atomic load of the latest store with the failure ordering
   * (C++20 [atomics.types.operations]).
   */
  public LoadResult failedCompareExchange(int t, AtomicLocation loc, Ordering failure) {
    ThreadAtomics me = of(t);
    boolean sc = failure == Ordering.SEQ_CST;
    if (sc) {
      me.readSeqCst = me.readSeqCst.join(lastScFence);
    }
    StoreElement latest = loc.buffer.latest();
    acquireFrom(t, me, latest.sync, failure.acquires());
    latest.recordLoad(t, clocks.epochClock(t), sc);
    clocks.tick(t);
    return new LoadResult(latest.bits, latest.provenance, 1, 0, latest.tag);
  }

  /** A fence: acquire fences take in what earlier relaxed loads read; release fences publish. */
  public void fence(int t, Ordering order) {
    ThreadAtomics me = of(t);
    if (order != Ordering.RELEASE) {
      clocks.acquire(t, me.fenceAcquire);
    }
    if (order == Ordering.SEQ_CST) {
      lastScFence = lastScFence.join(clocks.snapshot(t));
      clocks.acquire(t, lastScFence);
      me.writeSeqCst = me.writeSeqCst.join(lastScWrites);
    }
    if (order != Ordering.ACQUIRE) {
      me.fenceRelease = clocks.snapshot(t);
      clocks.tick(t);
    }
  }

  private void acquireFrom(int t, ThreadAtomics me, VectorClock sync, boolean acquire) {
    if (acquire) {
      clocks.acquire(t, sync);
    } else {
      me.fenceAcquire = me.fenceAcquire.join(sync);
    }
  }
}
