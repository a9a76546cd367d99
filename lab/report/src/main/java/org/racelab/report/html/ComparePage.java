package org.racelab.report.html;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.racelab.experiment.Comparison;
import org.racelab.experiment.ExpectationResult;
import org.racelab.experiment.FinalOutcome;
import org.racelab.experiment.RunResult;
import org.racelab.experiment.Tally;

/**
 * What the comparison page shows, computed once so that {@code compare.jte} only lays it out: a
 * plain, self-contained page (inline CSS, no script, no network) with one table row per strategy,
 * the verdict sentences, the expectations per strategy, and the program each strategy ran. Every
 * value reaches the page through the template's escaping; the only pre-rendered markup is the about
 * text, from {@link Markdown} (raw HTML escaped).
 *
 * @param title the scenario's title
 * @param file the scenario file
 * @param aboutHtml the about text as safe HTML (empty when none)
 * @param header how many strategies and schedules, and how they were chosen
 * @param note a remark to show above the table, or empty
 * @param rows one per strategy
 * @param expectations the scenario's expectations, as written after {@code expect}
 */
public record ComparePage(
    String title,
    String file,
    String aboutHtml,
    String header,
    String note,
    List<Row> rows,
    List<String> expectations) {

  private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);
  private static final int MAX_OUTCOMES = 5;

  /**
   * One strategy's row.
   *
   * @param strategy its name
   * @param description what its rewrite does
   * @param racing racing accesses, all schedules
   * @param synchronised synchronised accesses, all schedules
   * @param racy schedules with a race, as {@code k/n}
   * @param lost schedules with a lost update, as {@code k/n}
   * @param ub schedules with UB other than a race, as {@code k/n}
   * @param held expectations held, as {@code k/m}
   * @param steps visible steps, all schedules
   * @param spinning spin steps, all schedules
   * @param blocked blocked thread-steps, all schedules
   * @param wallMillis wall time of all schedules
   * @param races per location, in how many schedules it raced
   * @param finals the distribution of final values, most frequent first (the first five, then how
   *     many more)
   * @param expectations per expectation, in how many schedules it held, and whether it held
   * @param verdict what the run shows, in words
   * @param warning whether the verdict is "race-free, but not correct"
   * @param program the declarations and threads this strategy ran
   */
  public record Row(
      String strategy,
      String description,
      long racing,
      long synchronised,
      String racy,
      String lost,
      String ub,
      String held,
      long steps,
      long spinning,
      long blocked,
      long wallMillis,
      List<String> races,
      List<String> finals,
      List<Cell> expectations,
      String verdict,
      boolean warning,
      String program) {}

  /** A table cell with a status: its text and whether it is good. */
  public record Cell(String text, boolean ok) {}

  /** The self-contained HTML page of a comparison. */
  public static String html(Comparison c) {
    StringOutput out = new StringOutput();
    ENGINE.render("compare.jte", of(c), out);
    return out.toString();
  }

  /** Builds the page model of a comparison. */
  public static ComparePage of(Comparison c) {
    Set<String> shown = c.varyingLocations();
    List<Row> rows = new ArrayList<>();
    for (Comparison.Entry e : c.entries()) {
      RunResult r = e.result();
      Tally t = r.tally();
      int n = r.explored();
      List<String> races = new ArrayList<>();
      t.racySchedulesByLocation().forEach((loc, k) -> races.add(loc + ": " + k + "/" + n));
      List<String> finals = new ArrayList<>();
      for (FinalOutcome f : r.finals().subList(0, Math.min(MAX_OUTCOMES, r.finals().size()))) {
        finals.add(values(f.values(), shown) + " ×" + f.schedules());
      }
      if (r.finals().size() > MAX_OUTCOMES) {
        finals.add("… " + (r.finals().size() - MAX_OUTCOMES) + " more outcomes");
      }
      List<Cell> expectations = new ArrayList<>();
      for (ExpectationResult x : r.expectations()) {
        expectations.add(new Cell(x.schedulesHeld() + "/" + x.schedules(), x.held()));
      }
      long held = r.expectations().stream().filter(ExpectationResult::held).count();
      rows.add(
          new Row(
              e.strategy(),
              e.description(),
              t.racingAccesses(),
              t.synchronisedAccesses(),
              r.racySchedules() + "/" + n,
              t.lostUpdateSchedules() + "/" + n,
              t.ubSchedules() + "/" + n,
              r.expectations().isEmpty() ? "-" : held + "/" + r.expectations().size(),
              r.steps(),
              t.spinSteps(),
              t.blockedSteps(),
              r.wallMillis(),
              races,
              finals,
              expectations,
              e.verdict().sentence(),
              e.verdict().raceFreeButIncorrect(),
              e.program()));
    }
    List<String> expectations = new ArrayList<>();
    if (!c.entries().isEmpty()) {
      for (ExpectationResult x : c.entries().get(0).result().expectations()) {
        expectations.add(x.text());
      }
    }
    String n = c.schedules() == 1 ? "1 schedule" : c.schedules() + " schedules";
    String seeds =
        c.scheduleKind().equals("random")
            ? (c.schedules() == 1
                ? ", seed " + c.seed()
                : ", seeds " + c.seed() + "–" + (c.seed() + c.schedules() - 1))
            : "";
    return new ComparePage(
        c.scenario(),
        c.file(),
        c.about() == null ? "" : Markdown.toHtml(c.about()),
        String.format(
            Locale.ROOT,
            "%d strategies, %s each (%s%s); figures are totals over all schedules.",
            c.entries().size(),
            n,
            c.scheduleKind(),
            seeds),
        c.hasCritical()
            ? ""
            : "The scenario has no critical block, so every strategy runs the same program.",
        List.copyOf(rows),
        List.copyOf(expectations));
  }

  private static String values(Map<String, String> all, Set<String> shown) {
    List<String> parts = new ArrayList<>();
    all.forEach(
        (k, v) -> {
          if (shown.contains(k)) {
            parts.add(k + "=" + v);
          }
        });
    return String.join(" ", parts);
  }
}
