package org.racelab.value;

/**
 * An owning heap pointer ({@code box T = e}); lives only in a local, frees its target when its
 * owner's scope ends.
 *
 * @param target the boxed type
 */
public record BoxType(Type target) implements Type {
  @Override
  public int size() {
    return 8;
  }

  @Override
  public String display() {
    return "box<" + target.display() + ">";
  }

  @Override
  public boolean storable() {
    return false;
  }
}
