package org.racelab.report.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.racelab.experiment.Experiment;
import org.racelab.experiment.Exploration;
import org.racelab.experiment.FinalOutcome;
import org.racelab.experiment.RunResult;
import org.racelab.experiment.Tally;

/**
 * What a run over many schedules adds: how many ran, how many raced, whether an exploration was
 * complete (or, if not, what cut it short), each finding with the number of schedules that showed
 * it and the first of them (with its replay command), the cost of all schedules, and the
 * distribution of final values.
 *
 * @param explored how many schedules ran
 * @param racy how many of them had a race
 * @param racyShare the racy fraction as a percentage
 * @param complete whether every schedule (up to reduction) was covered
 * @param outcomes how many distinct sets of final values the finished schedules ended with
 * @param status {@code complete}, {@code INCOMPLETE} (an exploration cut short) or {@code sample}
 * @param statusTone {@code ok}, {@code warn} or {@code info}, for the status icon
 * @param statusNote the status in a few words
 * @param coverage what was covered and what was not, sentence by sentence
 * @param representative which schedule the details below come from, and why
 * @param findings every finding with its schedules
 * @param seedColumn whether the first schedule of a finding is named by its seed (random, PCT) or
 *     by its schedule string (exploration)
 * @param racyChart racy versus race-free schedules
 * @param cost what all schedules cost together: steps, spinning, blocked
 * @param constants the final values that are the same in every finished schedule, in words, or
 *     empty
 * @param finals the distribution of final values (largest first), as a chart
 * @param finalRows the same as a table
 * @param rerun the command that runs the same schedules again
 */
public record ExplorationView(
    int explored,
    int racy,
    String racyShare,
    boolean complete,
    int outcomes,
    String status,
    String statusTone,
    String statusNote,
    List<String> coverage,
    String representative,
    List<FindingRow> findings,
    boolean seedColumn,
    Charts.BarChart racyChart,
    List<Stat> cost,
    String constants,
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
   * @param first the first schedule that showed it: {@code seed 4}, or its schedule string
   * @param command the command that replays that schedule
   */
  public record FindingRow(
      String name,
      String href,
      String what,
      int schedules,
      String share,
      String first,
      String command) {}

  /**
   * One figure.
   *
   * @param value the figure as written
   * @param label what it counts
   */
  public record Stat(String value, String label) {}

  /**
   * One outcome.
   *
   * @param values the final values that differ between outcomes ({@code counter = 4})
   * @param schedules how many schedules ended this way
   * @param share the same as a percentage
   */
  public record FinalRow(String values, int schedules, String share) {}

  static ExplorationView of(RunResult r, List<FindingRow> findings, String rerun) {
    int n = r.explored();
    Exploration x = r.exploration();
    String status;
    String tone;
    String note;
    if (r.complete()) {
      status = "complete";
      tone = "ok";
      note = "every schedule covered";
    } else if (x != null) {
      status = "INCOMPLETE";
      tone = "warn";
      note = "the exploration was cut short";
    } else {
      status = "sample";
      tone = "info";
      note = "not every schedule was tried";
    }
    String representative =
        String.format(
            Locale.ROOT,
            "The timeline, ledger and memory map show one schedule: %s (%s).",
            r.scheduleKind().equals(Experiment.OS)
                ? "a run on OS threads, which no command can replay"
                : RunPage.seeded(r)
                    ? "seed "
                        + r.representative().seed()
                        + ", replay "
                        + replay(r.representative().replay())
                    : "replay " + replay(r.representative().replay()),
            r.representative().eventful()
                ? "the first schedule that showed a race, UB, a panic, a deadlock or a stop"
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
    Set<String> varying = varying(outcomes);
    List<FinalRow> rows = new ArrayList<>();
    List<Charts.Bar> bars = new ArrayList<>();
    int other = 0;
    int otherKinds = 0;
    for (int i = 0; i < outcomes.size(); i++) {
      FinalOutcome f = outcomes.get(i);
      String label = values(f.values(), varying);
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
    String constants = "";
    if (outcomes.size() > 1) {
      Map<String, String> same = new LinkedHashMap<>();
      outcomes
          .get(0)
          .values()
          .forEach(
              (k, v) -> {
                if (!varying.contains(k)) {
                  same.put(k, v);
                }
              });
      if (!same.isEmpty()) {
        constants =
            "The same in every schedule that finished: " + values(same, same.keySet()) + ".";
      }
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
    Tally t = r.tally();
    List<Stat> cost =
        List.of(
            new Stat(
                String.format(Locale.ROOT, "%,d", r.steps()),
                String.format(
                    Locale.ROOT, "visible steps (%s per schedule)", average(r.steps(), n))),
            new Stat(String.format(Locale.ROOT, "%,d", t.spinSteps()), "steps spinning"),
            new Stat(String.format(Locale.ROOT, "%,d", t.blockedSteps()), "thread-steps blocked"));
    return new ExplorationView(
        n,
        r.racySchedules(),
        RunPage.percent(r.racySchedules(), n),
        r.complete(),
        r.finals().size(),
        status,
        tone,
        note,
        Coverage.of(r),
        representative,
        List.copyOf(findings),
        RunPage.seeded(r),
        racyChart,
        cost,
        constants,
        finals,
        List.copyOf(rows),
        rerun);
  }

  private static String replay(String schedule) {
    return schedule.isEmpty() ? "(no steps)" : schedule;
  }

  private static String average(long total, int n) {
    double a = (double) total / Math.max(1, n);
    return Math.abs(a - Math.rint(a)) < 1e-9
        ? String.format(Locale.ROOT, "%,d", Math.round(a))
        : String.format(Locale.ROOT, "%,.1f", a);
  }

  /**
   * The locations whose final value differs between outcomes; all of them when none does (then any
   * outcome says everything).
   */
  static Set<String> varying(List<FinalOutcome> outcomes) {
    Map<String, Set<String>> seen = new LinkedHashMap<>();
    for (FinalOutcome f : outcomes) {
      f.values().forEach((k, v) -> seen.computeIfAbsent(k, y -> new LinkedHashSet<>()).add(v));
    }
    Set<String> varying = new LinkedHashSet<>();
    seen.forEach(
        (k, vs) -> {
          if (vs.size() > 1) {
            varying.add(k);
          }
        });
    return varying.isEmpty() ? seen.keySet() : varying;
  }

  static String values(Map<String, String> values, Set<String> shown) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (shown.contains(e.getKey())) {
        parts.add(e.getKey() + " = " + e.getValue());
      }
    }
    return parts.isEmpty() ? "(no declared locations)" : String.join(", ", parts);
  }
}
