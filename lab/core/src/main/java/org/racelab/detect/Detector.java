package org.racelab.detect;

import java.util.Map;

/**
 * A race detector: it sees every access and every synchronisation event of one execution, in order,
 * and answers for each access whether it races with an earlier one.
 *
 * <p>All ids are dense integers from 0: threads, variables (memory cells), locks and sites (source
 * locations). Detectors allocate nothing per event on their fast paths, so the same object serves
 * the trace analyser (millions of events) and the simulator (which wraps it to build a ledger).
 *
 * <p>Happens-before detectors read the thread clocks from the {@link ClockTable} they were built
 * with; whoever drives the detector updates that table <em>before</em> notifying the detector of a
 * synchronisation event. Lockset detectors keep their own state from the notifications.
 *
 * <p>Conflicting pairs: a plain read conflicts with every earlier write (plain or atomic); a plain
 * write with every earlier access; an atomic read with earlier plain writes; an atomic write or
 * read-modify-write with earlier plain accesses. Two atomic accesses never race (C++20 and Rust).
 */
public interface Detector {

  /** A short name: {@code djit}, {@code fasttrack}, {@code lockset}. */
  String name();

  /**
   * An access by {@code thread} to {@code variable} at {@code site}.
   *
   * @param kind one of {@link AccessKind}'s constants
   * @return true when the access races with at least one earlier conflicting access; each such
   *     earlier access is reported to the conflict sink, if one is installed
   */
  boolean access(int thread, int variable, int site, int kind);

  /** Thread t acquired lock m ({@code shared} for a read lock). */
  default void acquired(int thread, int lock, boolean shared) {}

  /** Thread t released lock m. */
  default void released(int thread, int lock) {}

  /**
   * Thread t released lock m, held as a read lock when {@code shared}. Only detectors that track
   * lock modes (lockset) need the mode; the default forwards to {@link #released(int, int)}.
   */
  default void released(int thread, int lock, boolean shared) {
    released(thread, lock);
  }

  /** A thread forked (or spawned) another. */
  default void forked(int parent, int child) {}

  /** A thread joined another that had finished. */
  default void joined(int joiner, int child) {}

  /**
   * Installs where the detector reports, for each racing access, every earlier access it races
   * with. The default is {@link ConflictSink#NONE} (the trace analyser only counts). Install it
   * before the first access: reports come from per-access history that is only kept while a sink is
   * installed.
   */
  void setConflictSink(ConflictSink sink);

  /** Counters for the JSON output, such as which FastTrack rules fired. Insertion-ordered. */
  Map<String, Long> statistics();
}
