package org.racelab.detect;

/**
 * The kinds of access a {@link Detector} distinguishes, as int constants so that the hot paths pass
 * primitives.
 */
public final class AccessKind {
  /** A plain (non-atomic) read. */
  public static final int READ = 0;

  /** A plain (non-atomic) write; allocation, deallocation and a scope's pop count as writes. */
  public static final int WRITE = 1;

  /** An atomic load, or a failed compare-exchange. */
  public static final int ATOMIC_READ = 2;

  /** An atomic store, or a read-modify-write (swap, fetch_add, successful compare-exchange). */
  public static final int ATOMIC_WRITE = 3;

  private AccessKind() {}

  /** Whether the kind writes. */
  public static boolean isWrite(int kind) {
    return kind == WRITE || kind == ATOMIC_WRITE;
  }

  /** Whether the kind is atomic. */
  public static boolean isAtomic(int kind) {
    return kind == ATOMIC_READ || kind == ATOMIC_WRITE;
  }

  /** Whether two accesses of these kinds conflict (one writes and at least one is plain). */
  public static boolean conflicts(int a, int b) {
    return (isWrite(a) || isWrite(b)) && !(isAtomic(a) && isAtomic(b));
  }

  /** A lower-case name: {@code read}, {@code write}, {@code atomic read}, {@code atomic write}. */
  public static String name(int kind) {
    return switch (kind) {
      case READ -> "read";
      case WRITE -> "write";
      case ATOMIC_READ -> "atomic read";
      case ATOMIC_WRITE -> "atomic write";
      default -> throw new IllegalArgumentException("unknown access kind " + kind);
    };
  }
}
