package org.racelab.value;

/**
 * A fixed-length array {@code [T; N]}.
 *
 * @param element the element type
 * @param length the number of elements, at least 1
 */
public record ArrayType(Type element, int length) implements Type {

  /** Checks the length. */
  public ArrayType {
    if (length < 1) {
      throw new IllegalArgumentException("array length must be at least 1");
    }
  }

  @Override
  public int size() {
    return element.size() * length;
  }

  @Override
  public String display() {
    return "[" + element.display() + "; " + length + "]";
  }
}
