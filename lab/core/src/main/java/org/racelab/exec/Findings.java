package org.racelab.exec;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.racelab.memory.UbKind;

/** The records a run produces besides its ledger. */
public final class Findings {
  private Findings() {}

  /**
   * A data race between two source accesses: reported once per pair of source accesses.
   *
   * @param location the first location it showed on
   * @param first the ledger index of the earlier access
   * @param second the ledger index of the later access
   * @param occurrences how many racing access pairs had this shape in the run
   */
  public record Race(String location, int first, int second, int occurrences) {}

  /**
   * An undefined behaviour where it happened.
   *
   * @param kind what kind
   * @param thread the thread's name
   * @param line the source line
   * @param location the location involved (or the pointer expression)
   * @param message one sentence that explains it
   * @param step the scheduling step
   * @param access the ledger index of the access, or -1
   */
  public record Ub(
      UbKind kind,
      String thread,
      int line,
      String location,
      String message,
      int step,
      int access) {}

  /** A thread that panicked: a failed assert, an index out of bounds, an overflow, a poison. */
  public record Panic(String thread, int line, String message) {}

  /** Memory still allocated after every thread finished (information, not an error). */
  public record Leak(
      String name, String kind, int bytes, String thread, int line, String address) {}

  /**
   * A thread that cannot move when the run ends.
   *
   * @param thread its name
   * @param line where it waits
   * @param waitsFor what it waits for, in words
   * @param heldBy the thread that holds what it waits for, if any
   */
  public record Blocked(String thread, int line, String waitsFor, @Nullable String heldBy) {}

  /** No thread could move: who waits for what, and the cycle of waiting when there is one. */
  public record Deadlock(List<Blocked> blocked, List<String> cycle) {}

  /**
   * One edge of a lock-order cycle: {@code thread} took {@code acquired} at {@code line} while
   * holding {@code held}, which it had taken at {@code heldLine}.
   */
  public record LockEdge(String thread, String held, int heldLine, String acquired, int line) {}

  /**
   * Something that did not go wrong in this schedule but can in another: a lock-order inversion (a
   * potential deadlock).
   *
   * @param kind what kind of warning ({@link #LOCK_ORDER_INVERSION})
   * @param message one paragraph that explains it
   * @param locks the locks of the cycle, in cycle order
   * @param edges the acquisitions that form the cycle, one per thread
   */
  public record Warning(String kind, String message, List<String> locks, List<LockEdge> edges) {
    /** Locks taken in inconsistent orders by different threads (a potential deadlock). */
    public static final String LOCK_ORDER_INVERSION = "lock-order-inversion";
  }

  /** The run was stopped because it took too many steps (a spin loop that never ends?). */
  public record StepLimit(int limit, List<Blocked> running, String message) {}

  /**
   * One step of the schedule, for the timeline.
   *
   * @param step its number
   * @param thread the thread's name
   * @param line the source line
   * @param what what happened, in a few words
   * @param syncFrom the step it synchronised with (an unlock, a release store, a spawn), or -1
   * @param access the ledger index of the step's first access, or -1
   */
  public record Step(int step, String thread, int line, String what, int syncFrom, int access) {}
}
