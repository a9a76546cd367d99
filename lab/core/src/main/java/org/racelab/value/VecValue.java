package org.racelab.value;

import java.util.Locale;

/**
 * The header of a Vec as it lives in a local: pointer to the heap buffer, length and capacity.
 * Pushing beyond the capacity moves the buffer, so the header is replaced, never mutated.
 *
 * @param buffer the heap buffer (its pointee is the element type)
 * @param length the number of initialised elements
 * @param capacity the number of elements the buffer holds
 * @param owned whether this local still owns the buffer
 */
public record VecValue(Pointer buffer, int length, int capacity, boolean owned) implements Value {
  @Override
  public Type type() {
    return new VecType(buffer.pointee());
  }

  @Override
  public String display() {
    return String.format(
        Locale.ROOT, "Vec(%s + len %d + cap %d)", buffer.display(), length, capacity);
  }
}
