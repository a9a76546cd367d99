package org.racelab.detect;

/**
 * Receives, for a racing access, each earlier access it races with. For every thread only that
 * thread's latest conflicting access is reported: it is the one a vector clock entry stands for.
 */
@FunctionalInterface
public interface ConflictSink {
  /**
   * The sink that means "count only": a detector given this one (its initial state) keeps no
   * per-access history for reports and pays nothing for them. Installing it after a real sink stops
   * the history; a real sink installed later may then miss partners from the gap.
   */
  ConflictSink NONE = (thread, kind, site, clock) -> {};

  /**
   * One earlier access that is not ordered before the current one.
   *
   * @param thread the earlier access's thread
   * @param kind its {@link AccessKind}
   * @param site its source site
   * @param clock its thread's own clock at the time (its epoch's clock)
   */
  void conflict(int thread, int kind, int site, int clock);
}
