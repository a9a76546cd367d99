package org.racelab.stress.os;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.racelab.os.Sequencer;

/**
 * Two threads each wait for something that never happens (two threads each waiting for a mutex the
 * other holds). Whichever blocks last must see that nobody is left running and declare the
 * deadlock, waking the other: both calls return {@link Sequencer#STOPPED}. A watchdog that misses
 * the moment would leave both threads blocked forever (a JCStress timeout).
 */
@JCStressTest
@Outcome(
    id = "-1, -1",
    expect = Expect.ACCEPTABLE,
    desc = "The deadlock was declared and both threads left.")
@Outcome(expect = Expect.FORBIDDEN, desc = "A step ran although it could never happen.")
@State
public class EveryoneBlockedIsADeadlock {
  private final Sequencer sequencer = new Sequencer();

  /** Registers both participants. */
  public EveryoneBlockedIsADeadlock() {
    sequencer.register(0);
    sequencer.register(1);
  }

  /** Waits forever. */
  @Actor
  public void first(II_Result r) {
    r.r1 = (int) sequencer.await(0, () -> false, () -> {});
  }

  /** Waits forever too. */
  @Actor
  public void second(II_Result r) {
    r.r2 = (int) sequencer.await(1, () -> false, () -> {});
  }
}
