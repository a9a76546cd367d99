package org.racelab.scenario;

import java.util.List;
import java.util.Set;

/**
 * The atomic methods a location has in the language, named as Rust's atomics name them; one list,
 * so that the compiler, the strategies and the messages cannot disagree about them.
 */
public final class AtomicMethods {
  private AtomicMethods() {}

  /** Methods that read, compute and write in one step, returning the old value. */
  public static final List<String> READ_MODIFY_WRITES =
      List.of(
          "swap",
          "fetch_add",
          "fetch_sub",
          "fetch_and",
          "fetch_or",
          "fetch_xor",
          "fetch_max",
          "fetch_min");

  /** The compare-exchanges, which return whether they succeeded. */
  public static final List<String> COMPARE_EXCHANGES =
      List.of("compare_exchange", "compare_exchange_weak");

  private static final Set<String> ALL =
      Set.copyOf(
          java.util.stream.Stream.of(
                  List.of("load", "store"), READ_MODIFY_WRITES, COMPARE_EXCHANGES)
              .flatMap(List::stream)
              .toList());

  /** Whether {@code method} is an atomic method. */
  public static boolean contains(String method) {
    return ALL.contains(method);
  }

  /** Whether {@code method} returns the location's old value ({@code load} or an RMW). */
  public static boolean returnsOldValue(String method) {
    return method.equals("load") || READ_MODIFY_WRITES.contains(method);
  }

  /** Every method, for messages: "load, store, swap, ...". */
  public static String listing() {
    return "load, store, "
        + String.join(", ", READ_MODIFY_WRITES)
        + ", "
        + String.join(", ", COMPARE_EXCHANGES);
  }
}
