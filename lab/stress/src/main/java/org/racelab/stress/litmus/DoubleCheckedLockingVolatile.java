package org.racelab.stress.litmus;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Double-checked locking done right (the catalogue's {@code litmus/double-checked-locking-fixed}
 * scenario): the instance field is {@code volatile}, so publishing it releases the constructor's
 * write and the unlocked check acquires it. Result: the value each thread saw; anything but 42 is
 * forbidden.
 */
@JCStressTest
@Outcome(id = "42, 42", expect = Expect.ACCEPTABLE, desc = "Both saw the initialised object.")
@Outcome(
    id = {"0, 42", "42, 0", "0, 0"},
    expect = Expect.FORBIDDEN,
    desc = "Saw an uninitialised object through a volatile reference.")
@State
public class DoubleCheckedLockingVolatile {

  /** The lazily created object; {@code value} is deliberately not final. */
  static final class Resource {
    int value;

    Resource() {
      value = 42;
    }
  }

  private volatile Resource instance;

  private Resource get() {
    Resource r = instance;
    if (r == null) {
      synchronized (this) {
        r = instance;
        if (r == null) {
          r = new Resource();
          instance = r;
        }
      }
    }
    return r;
  }

  /** Gets the instance and reads its value. */
  @Actor
  public void actor1(II_Result r) {
    r.r1 = get().value;
  }

  /** Gets the instance and reads its value. */
  @Actor
  public void actor2(II_Result r) {
    r.r2 = get().value;
  }
}
