package org.racelab.stress.litmus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Store buffering with opaque accesses ({@link VarHandle#setOpaque}, {@link VarHandle#getOpaque}):
 * Java's counterpart of C++/Rust {@code relaxed} atomics and of the catalogue's {@code
 * litmus/store-buffering-relaxed} scenario. No data race, but no ordering between a thread's store
 * and its later load either, so {@code (0, 0)} is allowed.
 */
@JCStressTest
@Outcome(
    id = {"0, 1", "1, 0", "1, 1"},
    expect = Expect.ACCEPTABLE,
    desc = "Sequentially consistent.")
@Outcome(
    id = "0, 0",
    expect = Expect.ACCEPTABLE_INTERESTING,
    desc = "Both loads passed the other store: allowed for relaxed (opaque) accesses.")
@State
public class StoreBufferingOpaque {
  private static final VarHandle X;
  private static final VarHandle Y;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      X = l.findVarHandle(StoreBufferingOpaque.class, "x", int.class);
      Y = l.findVarHandle(StoreBufferingOpaque.class, "y", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  int x;
  int y;

  /** Writes x, then reads y, both opaque. */
  @Actor
  public void actor1(II_Result r) {
    X.setOpaque(this, 1);
    r.r1 = (int) Y.getOpaque(this);
  }

  /** Writes y, then reads x, both opaque. */
  @Actor
  public void actor2(II_Result r) {
    Y.setOpaque(this, 1);
    r.r2 = (int) X.getOpaque(this);
  }
}
