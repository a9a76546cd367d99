package org.racelab.value;

/**
 * A raw pointer to {@code target}. Thin pointers are 8 bytes (an address); fat slice pointers carry
 * a length too and take 16 bytes when stored.
 *
 * @param target what the pointer points to
 * @param fat whether it is a slice pointer with a length
 */
public record PtrType(Type target, boolean fat) implements Type {

  /** A thin pointer. */
  public static PtrType to(Type target) {
    return new PtrType(target, false);
  }

  @Override
  public int size() {
    return fat ? 16 : 8;
  }

  @Override
  public String display() {
    return fat ? "ptr<[" + target.display() + "]>" : "ptr<" + target.display() + ">";
  }
}
