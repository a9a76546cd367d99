package org.racelab.stress.os;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.racelab.os.Sequencer;

/**
 * Two threads each take one step through the sequencer; each step appends to a plain,
 * unsynchronised log. Result: the two sequence numbers, then the log read as digits (1 = the first
 * actor's entry). The steps must get the numbers 0 and 1, and the log must list them in exactly
 * that order with nothing lost: the sequence numbers are a linearization of the steps.
 */
@JCStressTest
@Outcome(
    id = {"0, 1, 12", "1, 0, 21"},
    expect = Expect.ACCEPTABLE,
    desc = "One step after the other, numbered in the order they ran.")
@Outcome(
    expect = Expect.FORBIDDEN,
    desc = "Duplicate numbers, a lost log entry, or numbers not matching the order.")
@State
public class SequencedStepsAreLinearizable {
  private final Sequencer sequencer = new Sequencer();
  private final int[] log = new int[2];
  private int next;

  /** Registers both participants, as a launcher does before starting their threads. */
  public SequencedStepsAreLinearizable() {
    sequencer.register(0);
    sequencer.register(1);
  }

  /** Participant 0's step. */
  @Actor
  public void first(III_Result r) {
    r.r1 = (int) sequencer.step(0, () -> log[next++] = 1);
  }

  /** Participant 1's step. */
  @Actor
  public void second(III_Result r) {
    r.r2 = (int) sequencer.step(1, () -> log[next++] = 2);
  }

  /** Reads the log after both steps. */
  @Arbiter
  public void log(III_Result r) {
    sequencer.holding(() -> r.r3 = log[0] * 10 + log[1]);
  }
}
