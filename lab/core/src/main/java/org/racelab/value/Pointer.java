package org.racelab.value;

import java.util.Locale;

/**
 * A raw pointer: an address, plus (as in Miri) the <em>provenance</em> of the allocation it was
 * derived from, so that a stale pointer into memory that has since been reused is still known to
 * dangle. A fat (slice) pointer also carries a length in elements.
 *
 * @param pointee the type read or written through the pointer
 * @param address the numeric address; 0 is null
 * @param provenance the id of the allocation the pointer was derived from; 0 for none
 * @param length the slice length in elements, or -1 for a thin pointer
 * @param tag the borrow tag of a reference made with {@code &mut} or {@code &shared} (Stacked
 *     Borrows); 0 for a raw pointer or an owner, which the aliasing model does not restrict
 */
public record Pointer(Type pointee, long address, int provenance, long length, long tag)
    implements Value {

  /** A raw pointer (no borrow tag). */
  public Pointer(Type pointee, long address, int provenance, long length) {
    this(pointee, address, provenance, length, 0);
  }

  /** A null pointer to {@code pointee}. */
  public static Pointer nullTo(Type pointee) {
    return new Pointer(pointee, 0, 0, -1);
  }

  /** Whether this is a fat slice pointer. */
  public boolean fat() {
    return length >= 0;
  }

  /** Whether the address is 0. */
  public boolean isNull() {
    return address == 0;
  }

  @Override
  public Type type() {
    return new PtrType(pointee, fat());
  }

  /** The same pointer moved by {@code elements} elements of its pointee type, as a thin pointer. */
  public Pointer offset(long elements) {
    return new Pointer(pointee, address + elements * pointee.size(), provenance, -1, tag);
  }

  /** The same address, read as another type (a thin pointer). */
  public Pointer cast(Type newPointee) {
    return new Pointer(newPointee, address, provenance, -1, tag);
  }

  /** The same pointer carrying another borrow tag. */
  public Pointer withTag(long newTag) {
    return new Pointer(pointee, address, provenance, length, newTag);
  }

  @Override
  public String display() {
    String addr = address == 0 ? "null" : String.format(Locale.ROOT, "0x%x", address);
    return fat() ? addr + " + len " + length : addr;
  }

  @Override
  public String toString() {
    return display();
  }
}
