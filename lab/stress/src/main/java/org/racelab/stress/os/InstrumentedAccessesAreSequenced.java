package org.racelab.stress.os;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;
import org.racelab.detect.AccessKind;
import org.racelab.detect.ClockTable;
import org.racelab.detect.Detectors;
import org.racelab.os.SequencedDetector;
import org.racelab.os.Sequencer;

/**
 * Two threads access the same variable, unsynchronised, through the sequenced detector, each access
 * as one step (as {@code --threads os} does): a write by thread 0 and a read by thread 1. Result:
 * thread 0's sequence number and verdict (1 = racing), then thread 1's. Whichever comes second
 * races with the first, so exactly the access numbered 1 is racing: the detector's shadow state saw
 * the accesses in the order of their sequence numbers.
 */
@JCStressTest
@Outcome(
    id = {"0, 0, 1, 1", "1, 1, 0, 0"},
    expect = Expect.ACCEPTABLE,
    desc = "The second access in sequence order is the racing one.")
@Outcome(
    expect = Expect.FORBIDDEN,
    desc = "Verdicts that do not match the sequence order, or duplicate numbers.")
@State
public class InstrumentedAccessesAreSequenced {
  private final Sequencer sequencer = new Sequencer();
  private final ClockTable clocks = new ClockTable();
  private final SequencedDetector detector;

  /** Two threads, one detector, one variable. */
  public InstrumentedAccessesAreSequenced() {
    clocks.ensureThread(1);
    detector = new SequencedDetector(sequencer, Detectors.create("djit", clocks));
    sequencer.register(0);
    sequencer.register(1);
  }

  /** Writes variable 0 as thread 0. */
  @Actor
  public void writer(IIII_Result r) {
    boolean[] racing = new boolean[1];
    r.r1 = (int) sequencer.step(0, () -> racing[0] = detector.access(0, 0, 1, AccessKind.WRITE));
    r.r2 = racing[0] ? 1 : 0;
  }

  /** Reads variable 0 as thread 1. */
  @Actor
  public void reader(IIII_Result r) {
    boolean[] racing = new boolean[1];
    r.r3 = (int) sequencer.step(1, () -> racing[0] = detector.access(1, 0, 2, AccessKind.READ));
    r.r4 = racing[0] ? 1 : 0;
  }
}
