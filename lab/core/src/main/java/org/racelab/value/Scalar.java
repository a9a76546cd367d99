package org.racelab.value;

import java.util.Locale;

/**
 * A primitive value. Integers are kept sign- or zero-extended in {@code bits}; a bool is 0 or 1; a
 * char is its code point; an f64 is its IEEE-754 bits.
 *
 * @param type the primitive type
 * @param bits the value's bits, extended to 64
 */
public record Scalar(Prim type, long bits) implements Value {

  /** {@code true}. */
  public static final Scalar TRUE = new Scalar(Prim.BOOL, 1);

  /** {@code false}. */
  public static final Scalar FALSE = new Scalar(Prim.BOOL, 0);

  /** An i64. */
  public static Scalar of(long v) {
    return new Scalar(Prim.I64, v);
  }

  /** A bool. */
  public static Scalar of(boolean b) {
    return b ? TRUE : FALSE;
  }

  /** An f64. */
  public static Scalar ofDouble(double d) {
    return new Scalar(Prim.F64, Double.doubleToRawLongBits(d));
  }

  /** The bool value (any non-zero is true). */
  public boolean asBool() {
    return bits != 0;
  }

  /** The value as a double (integers converted). */
  public double asDouble() {
    return type == Prim.F64 ? Double.longBitsToDouble(bits) : (double) bits;
  }

  @Override
  public String display() {
    return switch (type) {
      case BOOL -> bits == 0 ? "false" : "true";
      case CHAR -> charDisplay();
      case F64 -> Double.toString(Double.longBitsToDouble(bits));
      case U64, USIZE -> Long.toUnsignedString(bits);
      default -> Long.toString(bits);
    };
  }

  private String charDisplay() {
    int c = (int) bits;
    if (Character.isValidCodePoint(c) && !Character.isSurrogate((char) c) && c >= 0x20) {
      return "'" + new String(Character.toChars(c)) + "'";
    }
    return String.format(Locale.ROOT, "'\\u{%x}'", c);
  }

  @Override
  public String toString() {
    return display();
  }
}
