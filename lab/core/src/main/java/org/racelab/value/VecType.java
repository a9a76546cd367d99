package org.racelab.value;

/**
 * A growable vector ({@code vec T cap N}); its header (pointer, length, capacity) lives in a local
 * and its buffer on the heap.
 *
 * @param element the element type
 */
public record VecType(Type element) implements Type {
  @Override
  public int size() {
    return 24;
  }

  @Override
  public String display() {
    return "vec<" + element.display() + ">";
  }

  @Override
  public boolean storable() {
    return false;
  }
}
