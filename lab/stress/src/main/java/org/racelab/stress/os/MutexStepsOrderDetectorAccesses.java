package org.racelab.stress.os;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;
import org.racelab.detect.AccessKind;
import org.racelab.detect.ClockTable;
import org.racelab.detect.Detectors;
import org.racelab.os.SequencedDetector;
import org.racelab.os.Sequencer;
import org.racelab.sync.MutexState;

/**
 * Two threads each lock a simulated mutex (blocking through the sequencer while the other holds it,
 * as {@code --threads os} does), write the same variable through the sequenced detector outside any
 * step, and unlock. The mutex's happens-before edge must reach the detector: neither write may be
 * racing, in whichever order the threads got the mutex.
 */
@JCStressTest
@Outcome(id = "false, false", expect = Expect.ACCEPTABLE, desc = "Both writes synchronised.")
@Outcome(expect = Expect.FORBIDDEN, desc = "A write protected by the mutex was called racing.")
@State
public class MutexStepsOrderDetectorAccesses {
  private final Sequencer sequencer = new Sequencer();
  private final ClockTable clocks = new ClockTable();
  private final MutexState mutex = new MutexState("m");
  private final SequencedDetector detector;

  /** Two threads, one mutex, one variable. */
  public MutexStepsOrderDetectorAccesses() {
    clocks.ensureThread(1);
    detector = new SequencedDetector(sequencer, Detectors.create("djit", clocks));
    sequencer.register(0);
    sequencer.register(1);
  }

  private boolean critical(int t) {
    sequencer.await(
        t,
        mutex::available,
        () -> {
          mutex.lock(t, 1, clocks);
          detector.acquired(t, 0, false);
        });
    boolean racing = detector.access(t, 0, 2, AccessKind.WRITE);
    sequencer.step(
        t,
        () -> {
          mutex.unlock(t, clocks);
          detector.released(t, 0);
        });
    return racing;
  }

  /** Thread 0's critical section. */
  @Actor
  public void first(ZZ_Result r) {
    r.r1 = critical(0);
  }

  /** Thread 1's critical section. */
  @Actor
  public void second(ZZ_Result r) {
    r.r2 = critical(1);
  }
}
