package org.racelab.stress.litmus;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Message passing with a {@code volatile} flag (the catalogue's {@code
 * litmus/message-passing-release-acquire} scenario): the volatile write of {@code ready} releases,
 * the volatile read acquires, so a consumer that sees the flag sees the data. Result: (ready,
 * data); {@code (1, 0)} is forbidden.
 */
@JCStressTest
@Outcome(
    id = {"0, 0", "0, 42", "1, 42"},
    expect = Expect.ACCEPTABLE,
    desc = "Consistent with some interleaving.")
@Outcome(
    id = "1, 0",
    expect = Expect.FORBIDDEN,
    desc = "Saw the flag but not the data: forbidden with a volatile flag.")
@State
public class MessagePassingVolatile {
  int data;
  volatile int ready;

  /** Writes the data, then sets the flag (a release). */
  @Actor
  public void producer() {
    data = 42;
    ready = 1;
  }

  /** Reads the flag (an acquire), then the data. */
  @Actor
  public void consumer(II_Result r) {
    r.r1 = ready;
    r.r2 = data;
  }
}
