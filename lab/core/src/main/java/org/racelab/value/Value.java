package org.racelab.value;

/** A run-time value: a scalar, a pointer, or one of the local-only owning handles. */
public sealed interface Value permits Scalar, Pointer, BoxValue, VecValue {

  /** The value's type. */
  Type type();

  /** The value as a user would write it: {@code 42}, {@code true}, {@code 'a'}, {@code 0x1000}. */
  String display();
}
