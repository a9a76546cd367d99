package org.racelab.value;

/**
 * The value of a local that owns a heap Box. {@code owned} becomes false once the Box has been
 * dropped, moved (sent, passed to a spawned thread) or forgotten, so that scope end does not free
 * it again.
 *
 * @param pointer the address of the boxed value
 * @param owned whether this local still owns the allocation
 */
public record BoxValue(Pointer pointer, boolean owned) implements Value {
  @Override
  public Type type() {
    return new BoxType(pointer.pointee());
  }

  /** The same Box, no longer owned by this local. */
  public BoxValue disowned() {
    return new BoxValue(pointer, false);
  }

  @Override
  public String display() {
    return "Box(" + pointer.display() + ")";
  }
}
