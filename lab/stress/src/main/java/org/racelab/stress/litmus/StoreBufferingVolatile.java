package org.racelab.stress.litmus;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Store buffering with {@code volatile} fields (the catalogue's {@code
 * litmus/store-buffering-seq-cst} scenario): volatile accesses are sequentially consistent, so at
 * least one load sees the other thread's store and {@code (0, 0)} is forbidden. The JIT pays for it
 * with a full fence after each volatile store on x86.
 */
@JCStressTest
@Outcome(
    id = {"0, 1", "1, 0", "1, 1"},
    expect = Expect.ACCEPTABLE,
    desc = "Sequentially consistent.")
@Outcome(
    id = "0, 0",
    expect = Expect.FORBIDDEN,
    desc = "Both loads passed the other store: forbidden for volatile.")
@State
public class StoreBufferingVolatile {
  volatile int x;
  volatile int y;

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
