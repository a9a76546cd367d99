package org.racelab.value;

import java.util.Locale;
import java.util.Optional;

/** The C++20 / Rust memory orderings of atomic accesses and fences. */
public enum Ordering {
  /** Atomic, but creates no happens-before edge. */
  RELAXED,
  /** A load that synchronises with the release store it reads from. */
  ACQUIRE,
  /** A store that a later acquire load can synchronise with. */
  RELEASE,
  /** Both, for read-modify-writes and fences. */
  ACQ_REL,
  /** Acquire and release, plus one total order over all seq_cst operations. */
  SEQ_CST;

  /** The spelling in the language: {@code relaxed}, {@code acq_rel}, ... */
  public String display() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Looks an ordering up by its spelling. */
  public static Optional<Ordering> byName(String s) {
    for (Ordering o : values()) {
      if (o.display().equals(s)) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }

  /** Whether a load (or the read half of an RMW) with this ordering acquires. */
  public boolean acquires() {
    return this == ACQUIRE || this == ACQ_REL || this == SEQ_CST;
  }

  /** Whether a store (or the write half of an RMW) with this ordering releases. */
  public boolean releases() {
    return this == RELEASE || this == ACQ_REL || this == SEQ_CST;
  }
}
