package org.racelab.value;

/**
 * A type of the scenario language: a primitive, a pointer, an array, or one of the owning handles
 * that only live in locals (a Box, a Vec).
 */
public sealed interface Type permits Prim, PtrType, ArrayType, BoxType, VecType {

  /** Bytes the type occupies in memory. */
  int size();

  /** The type as the language writes it, e.g. {@code ptr<i32>} or {@code [u8; 4]}. */
  String display();

  /** Whether values of this type can be stored in memory (handles cannot). */
  default boolean storable() {
    return true;
  }
}
