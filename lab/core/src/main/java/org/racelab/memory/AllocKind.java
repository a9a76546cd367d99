package org.racelab.memory;

/** Where an allocation lives and how it must be freed. */
public enum AllocKind {
  /** A {@code shared} or {@code atomic} declaration: lives for the whole run. */
  STATIC("static"),
  /** One thread's instance of a {@code thread_local}. */
  THREAD_LOCAL("thread-local"),
  /** A {@code local} in a stack frame: popped at the end of its scope. */
  STACK("stack"),
  /** Raw heap memory from {@code alloc}: freed only by {@code free}. */
  HEAP("heap"),
  /** A Box's heap memory: freed when its owner drops it. */
  BOX("box"),
  /** A Vec's heap buffer: freed when the Vec is dropped or moved by a push. */
  VEC("vec buffer");

  private final String label;

  AllocKind(String label) {
    this.label = label;
  }

  /** How reports name the kind. */
  public String label() {
    return label;
  }

  /** Whether memory of this kind lives on the heap (and can leak). */
  public boolean heap() {
    return this == HEAP || this == BOX || this == VEC;
  }
}
