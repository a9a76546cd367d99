package org.racelab.scenario;

import org.jspecify.annotations.Nullable;

/**
 * One {@code expect} line.
 *
 * @param pos where it is written
 * @param text the line as written (after {@code expect})
 * @param kind what is expected
 * @param negated {@code expect no ...}
 * @param subject for races: the location pattern ({@code x}, {@code a[2]}, {@code count@main}); for
 *     ub: the UB kind; null when any will do
 * @param condition for {@code final}: the condition over final memory
 */
public record Expectation(
    Pos pos,
    String text,
    Kind kind,
    boolean negated,
    @Nullable String subject,
    @Nullable Expr condition) {

  /** What an expectation is about. */
  public enum Kind {
    /** A data race (on a location, or anywhere). */
    RACE,
    /** No race and no UB. */
    CLEAN,
    /** Undefined behaviour (of a kind, or any). */
    UB,
    /** Memory still allocated at the end. */
    LEAK,
    /** No thread can move. */
    DEADLOCK,
    /** Locks taken in inconsistent orders by different threads: a potential deadlock. */
    INVERSION,
    /** A thread panicked (a failed assert, an index out of bounds, ...). */
    PANIC,
    /** A condition on the final memory. */
    FINAL;

    /**
     * Whether the positive form is a "can happen" expectation (it holds over many schedules when
     * some schedule shows it); the negated forms, {@code clean} and {@code final} are "always".
     */
    public boolean canHappen() {
      return this != CLEAN && this != FINAL;
    }
  }

  /** Whether, over many schedules, one witness suffices (otherwise every schedule must hold). */
  public boolean existential() {
    return kind.canHappen() && !negated;
  }
}
