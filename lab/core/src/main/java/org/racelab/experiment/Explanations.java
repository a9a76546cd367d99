package org.racelab.experiment;

import java.util.List;
import java.util.Locale;
import org.racelab.clock.VectorClock;
import org.racelab.exec.LedgerEntry;

/** The sentences that explain findings, shared by every renderer so they say the same thing. */
public final class Explanations {
  private Explanations() {}

  /**
   * Why two accesses race, in words a student can follow: "(1) write of `data` by thread producer
   * at line 9 and (2) read of `data` by thread consumer at line 14 are not ordered by
   * happens-before: consumer's clock [producer:0, consumer:3] has not seen producer's write at
   * producer:1".
   */
  public static String race(RaceView r, List<String> threads) {
    LedgerEntry a = r.first();
    LedgerEntry b = r.second();
    int at = threads.indexOf(a.thread());
    int seen = at >= 0 ? b.clock().get(at) : 0;
    int was = at >= 0 ? a.clock().get(at) : 0;
    return String.format(
        Locale.ROOT,
        "(1) %s of `%s` by thread %s at line %d and (2) %s of `%s` by thread %s at line %d are not"
            + " ordered by happens-before: %s's clock %s has not seen %s's %s at %s:%d%s",
        verb(a),
        a.location(),
        a.thread(),
        a.line(),
        verb(b),
        b.location(),
        b.thread(),
        b.line(),
        b.thread(),
        clock(b.clock(), threads),
        a.thread(),
        Aggregator.shortOp(a),
        a.thread(),
        was,
        seen > 0 ? " (only up to " + a.thread() + ":" + seen + ")" : "");
  }

  private static String verb(LedgerEntry e) {
    return Aggregator.shortOp(e);
  }

  /** A clock with thread names, every thread of the run listed. */
  public static String clock(VectorClock c, List<String> threads) {
    return c.format(threads);
  }
}
