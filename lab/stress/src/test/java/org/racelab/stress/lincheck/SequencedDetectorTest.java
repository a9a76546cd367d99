package org.racelab.stress.lincheck;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;
import org.racelab.detect.AccessKind;
import org.racelab.detect.ClockTable;
import org.racelab.detect.Detectors;
import org.racelab.os.SequencedDetector;
import org.racelab.os.Sequencer;

/**
 * The sequenced detector is linearizable: concurrent accesses, lock acquisitions and releases by
 * several simulated threads get exactly the verdicts the detector gives for some sequential order
 * of the same calls. Clock updates (a release publishes, an acquire joins) go through the same
 * lock, as in OS-threads mode. The detector's shadow state is a sequential algorithm; without the
 * wrapper's lock, concurrent calls would corrupt it: an access interleaved with another between its
 * check and its update misses the race, which no sequential order explains (removing the lock from
 * {@code access} makes this test fail).
 */
@Param(name = "thread", gen = IntGen.class, conf = "0:2")
public class SequencedDetectorTest {
  private final Sequencer sequencer = new Sequencer();
  private final ClockTable clocks = new ClockTable();
  private final SequencedDetector detector;

  /**
   * Three simulated threads, one variable (so that every pair of accesses can conflict), one lock.
   */
  public SequencedDetectorTest() {
    clocks.ensureThread(2);
    detector = new SequencedDetector(sequencer, Detectors.create("djit", clocks));
  }

  /** A plain write of the variable; true when racing. */
  @Operation
  public boolean write(@Param(name = "thread") int t) {
    return detector.access(t, 0, 1, AccessKind.WRITE);
  }

  /** A plain read of the variable; true when racing. */
  @Operation
  public boolean read(@Param(name = "thread") int t) {
    return detector.access(t, 0, 2, AccessKind.READ);
  }

  /** An atomic write of it (never races with atomics, races with plain accesses). */
  @Operation
  public boolean atomicWrite(@Param(name = "thread") int t) {
    return detector.access(t, 0, 3, AccessKind.ATOMIC_WRITE);
  }

  /** Releases lock 0: publishes the thread's clock. */
  @Operation
  public void release(@Param(name = "thread") int t) {
    sequencer.holding(
        () -> {
          clocks.release(t, 0);
          detector.released(t, 0);
        });
  }

  /** Acquires lock 0: learns the last release's clock. */
  @Operation
  public void acquire(@Param(name = "thread") int t) {
    sequencer.holding(
        () -> {
          clocks.acquire(t, 0);
          detector.acquired(t, 0, false);
        });
  }

  @Test
  void detectorVerdictsAreLinearizable() {
    LincheckSizes.modelChecking().check(getClass());
  }
}
