package org.racelab.stress.litmus;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * A racy counter (the catalogue's {@code litmus/racy-counter} scenario): two threads each do {@code
 * counter++} on a plain field, a read followed by a write. Result: the counter after both. When
 * both read before either writes, one increment is lost and the counter is 1.
 */
@JCStressTest
@Outcome(id = "2", expect = Expect.ACCEPTABLE, desc = "Both increments counted.")
@Outcome(
    id = "1",
    expect = Expect.ACCEPTABLE_INTERESTING,
    desc = "A lost update: both threads read 0 and wrote 1.")
@State
public class RacyCounter {
  int counter;

  /** Increments. */
  @Actor
  public void actor1() {
    counter++;
  }

  /** Increments too. */
  @Actor
  public void actor2() {
    counter++;
  }

  /** Reads the result after both. */
  @Arbiter
  public void result(I_Result r) {
    r.r1 = counter;
  }
}
