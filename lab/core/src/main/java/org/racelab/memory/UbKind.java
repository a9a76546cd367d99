package org.racelab.memory;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of undefined behaviour RaceLab names (DESIGN section 1). UB is a state the language no
 * longer defines, not a crash: the program may appear to work.
 */
public enum UbKind {
  /** An access through a pointer to memory that was freed, popped, or moved by a Vec. */
  USE_AFTER_FREE("use-after-free"),
  /** An access outside its allocation or slice, or through null. */
  OUT_OF_BOUNDS("out-of-bounds"),
  /** Freeing memory a second time. */
  DOUBLE_FREE("double-free"),
  /** Freeing what you do not own: a stack slot, an interior pointer, a Box with free. */
  INVALID_FREE("invalid-free"),
  /** Reading memory that was never written. */
  UNINITIALIZED_READ("uninitialized-read"),
  /** Reading bytes as a type they are not valid for: 2 as a bool, a surrogate as a char. */
  INVALID_VALUE("invalid-value"),
  /** Mutation while an incompatible borrow is live. */
  ALIASING("aliasing"),
  /** Two unordered accesses to one location, one a write, one non-atomic. */
  DATA_RACE("data-race");

  private final String label;

  UbKind(String label) {
    this.label = label;
  }

  /** The kebab-case name used in expectations, JSON and reports. */
  public String label() {
    return label;
  }

  /** Looks a kind up by its label. */
  public static Optional<UbKind> byLabel(String label) {
    for (UbKind k : values()) {
      if (k.label.equals(label.toLowerCase(Locale.ROOT))) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /** Every label, for messages. */
  public static String labels() {
    StringBuilder sb = new StringBuilder();
    for (UbKind k : values()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(k.label);
    }
    return sb.toString();
  }
}
