package org.racelab.stress.litmus;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Broken double-checked locking (the catalogue's {@code litmus/double-checked-locking-broken}
 * scenario): the instance field is plain, so a thread whose first, unlocked check sees the
 * reference has no happens-before edge to the constructor's write of {@code value}, and the JMM
 * allows it to read 0. Result: the value each thread saw through {@code get()}.
 *
 * <p>On x86 with HotSpot this is rarely or never observed (stores are not reordered with stores
 * there, and the JIT usually keeps the initialising store first); on weaker hardware (ARM, POWER)
 * it is. "Not observed" is not "correct": the catalogue scenario names the race either way.
 */
@JCStressTest
@Outcome(id = "42, 42", expect = Expect.ACCEPTABLE, desc = "Both saw the initialised object.")
@Outcome(
    id = {"0, 42", "42, 0", "0, 0"},
    expect = Expect.ACCEPTABLE_INTERESTING,
    desc = "Saw the object before its constructor's write: unsafe publication.")
@State
public class DoubleCheckedLockingPlain {

  /** The lazily created object; {@code value} is deliberately not final. */
  static final class Resource {
    int value;

    Resource() {
      value = 42;
    }
  }

  private Resource instance;

  @SuppressWarnings("DoubleCheckedLocking") // the broken idiom is what this litmus test shows
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
