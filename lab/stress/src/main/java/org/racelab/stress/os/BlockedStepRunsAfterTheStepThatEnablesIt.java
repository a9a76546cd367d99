package org.racelab.stress.os;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.racelab.os.Sequencer;

/**
 * The first thread's step can only happen once a flag is set (as a lock step waits for its mutex);
 * the second thread sets the flag in a step and then finishes. Whoever runs first, the waiting step
 * must run, and after the enabling one: no lost wake-up (the first thread would hang, a JCStress
 * error) and no false deadlock when the second thread retires (the first would get {@code -1}).
 */
@JCStressTest
@Outcome(
    id = "1, 0",
    expect = Expect.ACCEPTABLE,
    desc = "The enabling step ran first; the waiting step after it.")
@Outcome(
    id = "-1, 0",
    expect = Expect.FORBIDDEN,
    desc = "A deadlock was declared although the waiting step had become possible.")
@Outcome(expect = Expect.FORBIDDEN, desc = "The waiting step ran before it was enabled.")
@State
public class BlockedStepRunsAfterTheStepThatEnablesIt {
  private final Sequencer sequencer = new Sequencer();
  private boolean flag;

  /** Registers both participants. */
  public BlockedStepRunsAfterTheStepThatEnablesIt() {
    sequencer.register(0);
    sequencer.register(1);
  }

  /** Waits for the flag, then steps. */
  @Actor
  public void waiter(II_Result r) {
    r.r1 = (int) sequencer.await(0, () -> flag, () -> {});
  }

  /** Sets the flag in a step, then finishes. */
  @Actor
  public void enabler(II_Result r) {
    r.r2 = (int) sequencer.step(1, () -> flag = true);
    sequencer.retire(1);
  }
}
