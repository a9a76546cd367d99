package org.racelab.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.racelab.experiment.FinalOutcome;
import org.racelab.experiment.RunResult;

/**
 * What a run over many schedules adds: how many ran, how many raced, whether exploration was
 * complete, each finding with the number of schedules that showed it and the first of them (with
 * its replay command), and the distribution of final values.
 *
 * @param explored how many schedules ran
 * @param racy how many of them had a race
 * @param racyShare the racy fraction as a percentage
 * @param complete whether every schedule (up to reduction) was covered
 * @param coverage what was covered, in words
 * @param representative which schedule the details below come from, and why
 * @param findings every finding with its schedules
 * @param racyChart racy versus race-free schedules
 * @param finals the distribution of final values (largest first), as a chart
 * @param finalRows the same as a table
 * @param rerun the command that runs the same schedules again
 */
public record ExplorationView(
    int explored,
    int racy,
    String racyShare,
    boolean complete,
    String coverage,
    String representative,
    List<FindingRow> findings,
    Charts.BarChart racyChart,
    Charts.BarChart finals,
    List<FinalRow> finalRows,
    String rerun) {

  /** How many distinct final outcomes get their own bar; the rest share one. */
  static final int MAX_OUTCOMES = 12;

  /**
   * A finding over the schedules.
   *
   * @param name its short name ({@code R1}, {@code U1}, {@code leak}, ...)
   * @param href where it is explained
   * @param what what it is
   * @param schedules in how many schedules it occurred
   * @param share the same as a percentage
   * @param firstSeed the seed of the first schedule that showed it
   * @param command the command that replays that schedule
   */
  public record FindingRow(
      String name,
      String href,
      String what,
      int schedules,
      String share,
      long firstSeed,
      String command) {}

  /**
   * One outcome.
   *
   * @param values the final values ({@code counter = 4})
   * @param schedules how many schedules ended this way
   * @param share the same as a percentage
   */
  public record FinalRow(String values, int schedules, String share) {}

  static ExplorationView of(RunResult r, List<FindingRow> findings, String rerun) {
    int n = r.explored();
    String coverage =
        r.complete()
            ? "Complete: every schedule was explored (up to reordering independent steps), so what"
                + " did not show here cannot happen."
            : "A sample: "
                + r.scheduleKind()
                + " schedules"
                + (r.scheduleKind().equals("random")
                    ? String.format(Locale.ROOT, " with seeds %d to %d", r.seed(), r.seed() + n - 1)
                    : "")
                + ". Something that did not show may still happen in a schedule not tried.";
    String representative =
        String.format(
            Locale.ROOT,
            "The timeline, ledger and memory map show one schedule: seed %d, replay %s (%s).",
            r.representative().seed(),
            r.representative().replay().isEmpty() ? "(no steps)" : r.representative().replay(),
            r.representative().eventful()
                ? "the first schedule that showed a race, UB, a panic or a deadlock"
                : "the first schedule that broke an expectation, else the first schedule");
    Charts.BarChart racyChart =
        Charts.horizontal(
            "racy-chart",
            "Schedules with and without a data race",
            String.format(
                Locale.ROOT,
                "%d of %d schedules had at least one data race; %d had none.",
                r.racySchedules(),
                n,
                n - r.racySchedules()),
            "schedules",
            List.of(
                new Charts.Bar(
                    "with a race",
                    r.racySchedules(),
                    r.racySchedules() + " (" + RunPage.percent(r.racySchedules(), n) + ")",
                    Charts.Tone.BAD),
                new Charts.Bar(
                    "race-free",
                    n - r.racySchedules(),
                    (n - r.racySchedules())
                        + " ("
                        + RunPage.percent(n - r.racySchedules(), n)
                        + ")",
                    Charts.Tone.GOOD)));
    List<FinalOutcome> outcomes = new ArrayList<>(r.finals());
    outcomes.sort((a, b) -> Integer.compare(b.schedules(), a.schedules()));
    List<FinalRow> rows = new ArrayList<>();
    List<Charts.Bar> bars = new ArrayList<>();
    int other = 0;
    int otherKinds = 0;
    for (int i = 0; i < outcomes.size(); i++) {
      FinalOutcome f = outcomes.get(i);
      String label = values(f.values());
      rows.add(new FinalRow(label, f.schedules(), RunPage.percent(f.schedules(), n)));
      if (i < MAX_OUTCOMES - 1 || outcomes.size() == MAX_OUTCOMES) {
        bars.add(
            new Charts.Bar(
                label,
                f.schedules(),
                f.schedules() + " (" + RunPage.percent(f.schedules(), n) + ")",
                Charts.Tone.NEUTRAL));
      } else {
        other += f.schedules();
        otherKinds++;
      }
    }
    int finished = outcomes.stream().mapToInt(FinalOutcome::schedules).sum();
    if (otherKinds > 0) {
      bars.add(
          new Charts.Bar(
              otherKinds + " other outcomes",
              other,
              other + " (" + RunPage.percent(other, n) + ")",
              Charts.Tone.NEUTRAL));
    }
    if (finished < n) {
      // deadlocked runs and runs stopped at the step limit have no final values
      String label = "did not finish";
      rows.add(new FinalRow("(" + label + ")", n - finished, RunPage.percent(n - finished, n)));
      bars.add(
          new Charts.Bar(
              label,
              n - finished,
              (n - finished) + " (" + RunPage.percent(n - finished, n) + ")",
              Charts.Tone.BAD));
    }
    Charts.BarChart finals =
        Charts.horizontal(
            "finals-chart",
            "Final values over " + n + " schedules",
            "How many schedules ended with each set of final values"
                + (finished < n ? " (a deadlocked or stopped run has none)" : "")
                + "; the table below lists them all.",
            "schedules",
            bars);
    return new ExplorationView(
        n,
        r.racySchedules(),
        RunPage.percent(r.racySchedules(), n),
        r.complete(),
        coverage,
        representative,
        List.copyOf(findings),
        racyChart,
        finals,
        List.copyOf(rows),
        rerun);
  }

  static String values(Map<String, String> values) {
    if (values.isEmpty()) {
      return "(no declared locations)";
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      parts.add(e.getKey() + " = " + e.getValue());
    }
    return String.join(", ", parts);
  }
}
