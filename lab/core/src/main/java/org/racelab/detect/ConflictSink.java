package org.racelab.detect;

/**
 * Receives, for a racing access, each earlier access it races with. For every thread only that
 * thread's latest conflicting access is reported: it is the one a vector clock entry stands for.
 */
@FunctionalInterface
public interface ConflictSink {
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
