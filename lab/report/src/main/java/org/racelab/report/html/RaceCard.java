package org.racelab.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;
import org.racelab.clock.VectorClock;
import org.racelab.exec.LedgerEntry;
import org.racelab.experiment.Explanations;
import org.racelab.experiment.RaceView;
import org.racelab.experiment.Seen;

/**
 * One race explained: the shared sentence, both accesses with their vector clocks, and why neither
 * happens before the other, entry by entry.
 *
 * @param id its anchor ({@code race-1})
 * @param name its short name ({@code R1})
 * @param location where it happened
 * @param kind the two operations ({@code write-read})
 * @param sentence the explanation every renderer gives
 * @param first the earlier access
 * @param second the later access
 * @param clocks both clocks side by side, one row per thread
 * @param why why neither access happens before the other, one sentence per direction
 * @param occurrences how many access pairs of this shape raced in its run
 * @param seen in how many schedules it occurred, in words (empty for a single schedule)
 * @param command the command that replays the first schedule that showed it
 */
public record RaceCard(
    String id,
    String name,
    String location,
    String kind,
    List<Text.Span> sentence,
    Access first,
    Access second,
    List<ClockRow> clocks,
    List<String> why,
    int occurrences,
    String seen,
    String command) {

  /**
   * One side of the race.
   *
   * @param label {@code (1)} or {@code (2)}
   * @param thread the thread
   * @param line the source line
   * @param op the operation
   * @param location the location
   * @param value the value read or written, or empty
   * @param clock the thread's vector clock at the access
   * @param step the scheduling step
   * @param href the access's ledger row, when it is in this report's ledger, else empty
   */
  public record Access(
      String label,
      String thread,
      int line,
      String op,
      String location,
      String value,
      String clock,
      int step,
      String href) {}

  /**
   * One thread's entry in both clocks.
   *
   * @param thread the thread
   * @param first its entry in the first access's clock
   * @param second its entry in the second access's clock
   * @param note why this entry decides, or empty
   */
  public record ClockRow(String thread, int first, int second, String note) {}

  static RaceCard of(
      int number,
      Seen<RaceView> seen,
      List<String> threads,
      boolean sameSchedule,
      IntPredicate linked,
      int explored,
      String command) {
    RaceView r = seen.item();
    LedgerEntry a = r.first();
    LedgerEntry b = r.second();
    int ta = threads.indexOf(a.thread());
    int tb = threads.indexOf(b.thread());
    List<ClockRow> rows = new ArrayList<>();
    for (int t = 0; t < threads.size(); t++) {
      String note = "";
      if (t == ta && b.clock().get(t) < a.clock().get(t)) {
        note = "(2) has not seen (1)";
      } else if (t == tb && a.clock().get(t) < b.clock().get(t)) {
        note = "(1) has not seen (2)";
      }
      rows.add(new ClockRow(threads.get(t), a.clock().get(t), b.clock().get(t), note));
    }
    List<String> why = new ArrayList<>();
    why.add(direction("(1)", a, "(2)", b, ta));
    why.add(direction("(2)", b, "(1)", a, tb));
    why.add(
        "Neither access happens before the other, both touch "
            + a.location()
            + ", and at least one of them writes without being atomic: that is a data race. The"
            + " order they ran in here was the scheduler's choice; another schedule may run them"
            + " the other way round.");
    String seenText =
        explored > 1
            ? String.format(
                Locale.ROOT,
                "in %d of %d schedules (%s)",
                seen.schedules(),
                explored,
                RunPage.percent(seen.schedules(), explored))
            : "";
    return new RaceCard(
        "race-" + number,
        "R" + number,
        r.location(),
        r.kind(),
        Text.spans(Explanations.race(r, threads)),
        access("(1)", a, threads, sameSchedule, linked),
        access("(2)", b, threads, sameSchedule, linked),
        List.copyOf(rows),
        List.copyOf(why),
        r.occurrences(),
        seenText,
        command);
  }

  /** Why {@code x} does not happen before {@code y}, from the entry of x's thread. */
  private static String direction(String xl, LedgerEntry x, String yl, LedgerEntry y, int tx) {
    int own = tx >= 0 ? x.clock().get(tx) : 0;
    int seen = tx >= 0 ? y.clock().get(tx) : 0;
    if (seen >= own) {
      return String.format(
          Locale.ROOT,
          "%s happens before %s: %s's clock at %s shows %s:%d, which covers %s:%d.",
          xl,
          yl,
          y.thread(),
          yl,
          x.thread(),
          seen,
          x.thread(),
          own);
    }
    return String.format(
        Locale.ROOT,
        "%s would happen before %s only if %s's clock at %s had reached %s:%d, the moment of %s."
            + " It shows %s:%d: by then %s had not acquired anything %s released at or after %s.",
        xl,
        yl,
        y.thread(),
        yl,
        x.thread(),
        own,
        xl,
        x.thread(),
        seen,
        y.thread(),
        x.thread(),
        xl);
  }

  private static Access access(
      String label,
      LedgerEntry e,
      List<String> threads,
      boolean sameSchedule,
      IntPredicate linked) {
    return new Access(
        label,
        e.thread(),
        e.line(),
        e.op(),
        e.location(),
        e.value() == null ? "" : e.value(),
        clock(e.clock(), threads),
        e.step(),
        sameSchedule && linked.test(e.index()) ? "#a" + e.index() : "");
  }

  static String clock(VectorClock c, List<String> threads) {
    return Explanations.clock(c, threads);
  }
}
