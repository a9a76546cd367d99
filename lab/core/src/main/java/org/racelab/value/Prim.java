package org.racelab.value;

import java.util.Locale;
import java.util.Optional;

/** Primitive scalar types, with their sizes, ranges and which bit patterns are valid. */
public enum Prim implements Type {
  I8(1, true),
  I16(2, true),
  I32(4, true),
  I64(8, true),
  ISIZE(8, true),
  U8(1, false),
  U16(2, false),
  U32(4, false),
  U64(8, false),
  USIZE(8, false),
  F64(8, true),
  BOOL(1, false),
  CHAR(4, false);

  private final int size;
  private final boolean signed;

  Prim(int size, boolean signed) {
    this.size = size;
    this.signed = signed;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public String display() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this is one of the integer types. */
  public boolean isInteger() {
    return this != F64 && this != BOOL && this != CHAR;
  }

  /** Whether an integer type is signed. */
  public boolean signed() {
    return signed && isInteger();
  }

  /** Looks a type up by its language name ({@code i32}, {@code bool}, ...). */
  public static Optional<Prim> byName(String name) {
    for (Prim p : values()) {
      if (p.display().equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Whether the integer {@code v} is representable in this integer type. */
  public boolean fits(long v) {
    if (!isInteger()) {
      return true;
    }
    if (size == 8) {
      return signed || v >= 0 || this == U64 || this == USIZE;
    }
    long bits = 8L * size;
    if (signed) {
      long min = -(1L << (bits - 1));
      long max = (1L << (bits - 1)) - 1;
      return v >= min && v <= max;
    }
    return v >= 0 && v < (1L << bits);
  }

  /** Truncates {@code v} to this type's width and sign-extends or zero-extends it back. */
  public long wrap(long v) {
    if (size == 8) {
      return v;
    }
    int shift = 64 - 8 * size;
    return signed ? (v << shift) >> shift : (v << shift) >>> shift;
  }

  /**
   * Why the raw little-endian bits are not a valid value of this type, or empty when they are: a
   * {@code bool} must be 0 or 1, a {@code char} a Unicode scalar value (not a surrogate, at most
   * 0x10FFFF).
   */
  public Optional<String> invalidity(long raw) {
    return switch (this) {
      case BOOL ->
          raw == 0 || raw == 1
              ? Optional.empty()
              : Optional.of(
                  String.format(Locale.ROOT, "%d is not a valid bool (only 0 and 1 are)", raw));
      case CHAR -> {
        long c = raw & 0xFFFF_FFFFL;
        if (c >= 0xD800 && c <= 0xDFFF) {
          yield Optional.of(
              String.format(
                  Locale.ROOT, "0x%X is a surrogate, not a valid char (Unicode scalar value)", c));
        }
        yield c > 0x10FFFF
            ? Optional.of(
                String.format(Locale.ROOT, "0x%X is beyond U+10FFFF, not a valid char", c))
            : Optional.empty();
      }
      default -> Optional.empty();
    };
  }
}
