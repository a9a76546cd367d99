package org.racelab.sync;

import org.racelab.clock.VectorClock;

/**
 * Per-thread clocks of the C++20 fence rules, as Miri keeps them: what a later acquire fence will
 * acquire (everything relaxed loads have read), what the last release fence released, and the SC
 * bookkeeping that limits which old stores later loads may still see.
 */
final class ThreadAtomics {
  VectorClock fenceAcquire = VectorClock.ZERO;
  VectorClock fenceRelease = VectorClock.ZERO;
  VectorClock writeSeqCst = VectorClock.ZERO;
  VectorClock readSeqCst = VectorClock.ZERO;
}
