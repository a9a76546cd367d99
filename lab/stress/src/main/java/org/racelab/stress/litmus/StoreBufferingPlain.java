package org.racelab.stress.litmus;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Store buffering with plain fields (the catalogue's {@code store-buffering} scenario): each actor
 * writes its own field and reads the other's. Under sequential consistency at least one read sees
 * 1; with plain fields the JMM allows, and x86 store buffers produce, {@code (0, 0)}.
 */
@JCStressTest
@Outcome(
    id = {"0, 1", "1, 0", "1, 1"},
    expect = Expect.ACCEPTABLE,
    desc = "Sequentially consistent.")
@Outcome(
    id = "0, 0",
    expect = Expect.ACCEPTABLE_INTERESTING,
    desc = "Both loads passed the other store: a store buffer at work.")
@State
public class StoreBufferingPlain {
  int x;
  int y;

  /** Writes x, then reads y. */
  @Actor
  public void actor1(II_Result r) {
    x = 1;
    r.r1 = y;
  }

  /** Writes y, then reads x. */
  @Actor
  public void actor2(II_Result r) {
    y = 1;
    r.r2 = x;
  }
}
