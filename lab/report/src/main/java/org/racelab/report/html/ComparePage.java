package org.racelab.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.racelab.exec.Machine;
import org.racelab.experiment.Comparison;
import org.racelab.experiment.ExpectationResult;
import org.racelab.experiment.RunResult;
import org.racelab.experiment.Tally;
import org.racelab.report.ReplayCommand;

/**
 * What the comparison page shows, computed once so that {@code compare.jte} only lays it out in the
 * shared frame ({@code layout.jte}: stylesheet, themes, print layout, Content-Security-Policy): the
 * verdict of each strategy as a card (race-free is not correct) that links to that strategy's own
 * run report when one was written, one table row per strategy (the text alternative of every
 * chart), bar charts of racing accesses, failed expectations, UB, steps and wall time per strategy,
 * each strategy's final values, the expectations per strategy, and the program each strategy ran.
 * Every value reaches the page through the template's escaping; the only pre-rendered markup is the
 * about text, from {@link Markdown} (raw HTML escaped).
 *
 * @param title the scenario's title
 * @param file the scenario file
 * @param aboutHtml the about text as safe HTML (empty when none)
 * @param settings the strategies, schedules and detector, in words
 * @param header how many strategies and schedules, and how they were chosen
 * @param note a remark to show above the table, or empty
 * @param contents the sections present, for the table of contents
 * @param verdicts what each strategy's runs show, with a status word
 * @param lesson why race-free is not correct, when a strategy shows it, else empty
 * @param rows one per strategy
 * @param racing racing accesses per strategy
 * @param failed failed expectations per strategy, or null when the scenario states none
 * @param ub schedules with undefined behaviour (other than a data race) per strategy
 * @param cost visible, spinning and blocked steps per strategy
 * @param wall wall time per strategy
 * @param finals the final values of every strategy side by side
 * @param finalCharts one chart per strategy of its final values
 * @param expectations the scenario's expectations, as written after {@code expect}
 * @param programs the program each strategy ran (one when they are all the same)
 * @param rerun the command that runs this comparison again
 */
public record ComparePage(
    String title,
    String file,
    String aboutHtml,
    String settings,
    String header,
    String note,
    List<RunPage.Section> contents,
    List<Verdict> verdicts,
    String lesson,
    List<Row> rows,
    Charts.BarChart racing,
    Charts.@Nullable BarChart failed,
    Charts.BarChart ub,
    Charts.BarChart cost,
    Charts.BarChart wall,
    Finals finals,
    List<Charts.BarChart> finalCharts,
    List<String> expectations,
    List<Program> programs,
    String rerun) {

  /**
   * What one strategy's runs show: a card.
   *
   * @param strategy its name
   * @param description what its rewrite does
   * @param tone {@code bad} (octagon), {@code warn} (triangle) or {@code ok} (circle with a tick)
   * @param word the status in capitals ({@code DATA RACE}, {@code RACE-FREE, NOT CORRECT}, ...)
   * @param sentence the verdict in words, as the terminal prints it after the strategy's name
   * @param figures the strategy's key figures (racy schedules, lost updates, expectations, steps)
   * @param href the strategy's own run report, relative to this page, or empty when none was
   *     written
   */
  public record Verdict(
      String strategy,
      String description,
      String tone,
      String word,
      String sentence,
      List<ExplorationView.Stat> figures,
      String href) {}

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
   * @param allHeld whether every expectation held
   * @param steps visible steps, all schedules
   * @param spinning spin steps, all schedules
   * @param blocked blocked thread-steps, all schedules
   * @param wallMillis wall time of all schedules
   * @param races per location, in how many schedules it raced
   * @param expectations per expectation, in how many schedules it held, and whether it held
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
      boolean allHeld,
      long steps,
      long spinning,
      long blocked,
      long wallMillis,
      List<String> races,
      List<Cell> expectations) {}

  /** A table cell with a status: its text and whether it is good. */
  public record Cell(String text, boolean ok) {}

  /**
   * The final values of every strategy side by side.
   *
   * @param strategies the column heads
   * @param lines one per outcome (the values of the locations that differ), then the rest
   * @param constants the values that are the same in every outcome of every strategy, in words, or
   *     empty
   */
  public record Finals(List<String> strategies, List<FinalLine> lines, String constants) {}

  /**
   * One outcome.
   *
   * @param values the final values ({@code counter = 4}), or what the line counts
   * @param counts per strategy, how many schedules ended this way
   * @param cells the same as written ({@code 12 (24%)}, {@code –} for none)
   */
  public record FinalLine(String values, List<Long> counts, List<String> cells) {}

  /**
   * The program a strategy ran.
   *
   * @param strategy its name, or every name when all ran the same program
   * @param description what its rewrite does
   * @param text the declarations and threads after the rewrite
   */
  public record Program(String strategy, String description, String text) {}

  /** The self-contained HTML page of a comparison, without links to run reports. */
  public static String html(Comparison c) {
    return html(c, Map.of());
  }

  /**
   * The self-contained HTML page of a comparison whose strategies' run reports were written at
   * {@code runReports} (strategy to a path relative to the page, see {@link #runReportName}).
   */
  public static String html(Comparison c, Map<String, String> runReports) {
    return HtmlReport.render("compare.jte", of(c, runReports));
  }

  /**
   * The file name of a strategy's run report written next to the comparison page of {@code
   * baseName} ({@code counter-compare-mutex.html}): named after the comparison, so that it never
   * replaces the report of a plain {@code racelab run}.
   */
  public static String runReportName(String baseName, String strategy) {
    return baseName + "-compare-" + strategy + ".html";
  }

  /** Builds the page model of a comparison, without links to run reports. */
  public static ComparePage of(Comparison c) {
    return of(c, Map.of());
  }

  /**
   * Builds the page model of a comparison; {@code runReports} as for {@link #html(Comparison,
   * Map)}.
   */
  public static ComparePage of(Comparison c, Map<String, String> runReports) {
    List<String> names = new ArrayList<>();
    List<Long> racing = new ArrayList<>();
    List<Long> failed = new ArrayList<>();
    List<Long> ubSchedules = new ArrayList<>();
    List<Long> wall = new ArrayList<>();
    List<List<Long>> cost = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    List<Verdict> verdicts = new ArrayList<>();
    List<String> incorrect = new ArrayList<>();
    for (Comparison.Entry e : c.entries()) {
      RunResult r = e.result();
      Tally t = r.tally();
      int n = r.explored();
      names.add(e.strategy());
      racing.add(t.racingAccesses());
      failed.add(r.expectations().stream().filter(x -> !x.held()).count());
      ubSchedules.add((long) t.ubSchedules());
      wall.add(r.wallMillis());
      cost.add(List.of(r.steps(), t.spinSteps(), t.blockedSteps()));
      List<String> races = new ArrayList<>();
      t.racySchedulesByLocation().forEach((loc, k) -> races.add(loc + ": " + k + "/" + n));
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
              held == r.expectations().size(),
              r.steps(),
              t.spinSteps(),
              t.blockedSteps(),
              r.wallMillis(),
              List.copyOf(races),
              List.copyOf(expectations)));
      verdicts.add(
          verdict(e, rows.get(rows.size() - 1), runReports.getOrDefault(e.strategy(), "")));
      if (e.verdict().raceFreeButIncorrect()) {
        incorrect.add(e.strategy());
      }
    }
    List<String> expectations = new ArrayList<>();
    if (!c.entries().isEmpty()) {
      for (ExpectationResult x : c.entries().get(0).result().expectations()) {
        expectations.add(x.text());
      }
    }
    int n = c.schedules();
    String count = n == 1 ? "1 schedule" : n + " schedules";
    String seeds =
        c.scheduleKind().equals("random")
            ? (n == 1 ? ", seed " + c.seed() : ", seeds " + c.seed() + "–" + (c.seed() + n - 1))
            : "";
    String over = n == 1 ? "in the schedule" : "over all " + n + " schedules";
    Charts.BarChart racingChart =
        Charts.counts(
            "racing-chart",
            "Racing accesses per strategy",
            "How many memory accesses raced under each strategy, "
                + over
                + "; zero means no data race. Hatched bars are racing accesses.",
            "accesses",
            names,
            racing,
            Charts.Tone.BAD,
            Charts.Tone.GOOD);
    Charts.BarChart failedChart =
        expectations.isEmpty()
            ? null
            : Charts.counts(
                "failed-chart",
                "Failed expectations per strategy",
                "How many of the scenario's "
                    + expectations.size()
                    + " expectations failed under each strategy (an “always” expectation fails"
                    + " when one schedule breaks it). Hatched bars are failures.",
                "expectations",
                names,
                failed,
                Charts.Tone.BAD,
                Charts.Tone.GOOD);
    Charts.BarChart costChart =
        Charts.grouped(
            "cost-chart",
            "Cost per strategy",
            "Visible steps, steps spent spinning and thread-steps spent blocked under each"
                + " strategy, "
                + over
                + ". Spinning steps are part of the visible steps; blocked thread-steps are not.",
            "steps",
            names,
            List.of("visible steps", "spinning", "blocked"),
            cost,
            v -> String.format(Locale.ROOT, "%,d", (long) v));
    Charts.BarChart ubChart =
        Charts.counts(
            "ub-chart",
            "Schedules with undefined behaviour per strategy",
            "In how many schedules under each strategy some undefined behaviour other than a data"
                + " race happened (use after free, out of bounds, ...); zero means none. Hatched"
                + " bars are schedules with UB.",
            "schedules",
            names,
            ubSchedules,
            Charts.Tone.BAD,
            Charts.Tone.GOOD);
    Charts.BarChart wallChart =
        Charts.measures(
            "wall-chart",
            "Wall time per strategy",
            "Milliseconds each strategy took, "
                + over
                + ", measured on this machine: it varies from run to run, unlike the steps.",
            "ms",
            names,
            wall,
            v -> String.format(Locale.ROOT, "%,d ms", (long) v));
    String lesson = "";
    if (!incorrect.isEmpty()) {
      lesson =
          "Under "
              + join(incorrect)
              + " no access raced, yet the result was wrong. A data race is one way for concurrent"
              + " code to go wrong; a read-modify-write made of two separately atomic steps, or"
              + " accesses that are atomic but order nothing, are others.";
    }
    List<RunPage.Section> contents = new ArrayList<>();
    contents.add(new RunPage.Section("verdicts", "What it shows"));
    contents.add(new RunPage.Section("table", "Side by side"));
    contents.add(new RunPage.Section("charts", "Charts"));
    contents.add(new RunPage.Section("finals", "Final values"));
    if (!expectations.isEmpty()) {
      contents.add(new RunPage.Section("expectations", "Expectations"));
    }
    contents.add(new RunPage.Section("programs", "Programs"));
    List<String> detectors =
        c.entries().isEmpty() ? List.of() : c.entries().get(0).result().detectors();
    Finals finals = CompareFinals.of(c);
    return new ComparePage(
        c.scenario(),
        c.file(),
        c.about() == null || c.about().isBlank() ? "" : Markdown.toHtml(c.about()),
        String.format(
            Locale.ROOT,
            "%d strategies · %s each (%s%s) · detector %s",
            c.entries().size(),
            count,
            c.scheduleKind(),
            seeds,
            String.join(", ", detectors)),
        String.format(
            Locale.ROOT,
            "%d strategies, %s each (%s%s); figures are totals over all schedules.",
            c.entries().size(),
            count,
            c.scheduleKind(),
            seeds),
        c.hasCritical()
            ? ""
            : "The scenario has no critical block, so every strategy runs the same program.",
        List.copyOf(contents),
        List.copyOf(verdicts),
        lesson,
        List.copyOf(rows),
        racingChart,
        failedChart,
        ubChart,
        costChart,
        wallChart,
        finals,
        CompareFinals.charts(c, finals),
        List.copyOf(expectations),
        programs(c),
        rerun(c));
  }

  /**
   * The card of one strategy: its status word (a race, race-free but wrong, other trouble, or
   * fine).
   */
  private static Verdict verdict(Comparison.Entry e, Row row, String href) {
    Comparison.Verdict v = e.verdict();
    RunResult r = e.result();
    String prefix = e.strategy() + ": ";
    String sentence =
        v.sentence().startsWith(prefix) ? v.sentence().substring(prefix.length()) : v.sentence();
    String tone;
    String word;
    if (!v.raceFree()) {
      tone = "bad";
      word = "DATA RACE";
    } else if (v.raceFreeButIncorrect()) {
      tone = "warn";
      word = "RACE-FREE, NOT CORRECT";
    } else if (r.tally().ubSchedules() > 0) {
      tone = "bad";
      word = "RACE-FREE, BUT UB";
    } else if (r.deadlock() != null) {
      tone = "bad";
      word = "RACE-FREE, BUT DEADLOCK";
    } else if (r.stepLimit() != null) {
      tone = "warn";
      word = "RACE-FREE, BUT STOPPED";
    } else {
      tone = "ok";
      word = "RACE-FREE";
    }
    List<ExplorationView.Stat> figures = new ArrayList<>();
    figures.add(new ExplorationView.Stat(row.racy(), "schedules with a race"));
    figures.add(new ExplorationView.Stat(row.lost(), "with a lost update"));
    if (!row.held().equals("-")) {
      figures.add(new ExplorationView.Stat(row.held(), "expectations held"));
    }
    figures.add(
        new ExplorationView.Stat(String.format(Locale.ROOT, "%,d", row.steps()), "visible steps"));
    return new Verdict(
        e.strategy(), e.description(), tone, word, sentence, List.copyOf(figures), href);
  }

  private static List<Program> programs(Comparison c) {
    List<Program> out = new ArrayList<>();
    if (c.entries().isEmpty()) {
      return List.of();
    }
    if (!c.hasCritical()) {
      List<String> all = new ArrayList<>();
      c.entries().forEach(e -> all.add(e.strategy()));
      out.add(
          new Program(
              String.join(", ", all),
              "no critical block, so no strategy changes anything",
              c.entries().get(0).program()));
      return List.copyOf(out);
    }
    for (Comparison.Entry e : c.entries()) {
      out.add(new Program(e.strategy(), e.description(), e.program()));
    }
    return List.copyOf(out);
  }

  /** The command that runs the comparison again. */
  private static String rerun(Comparison c) {
    List<String> names = new ArrayList<>();
    c.entries().forEach(e -> names.add(e.strategy()));
    StringBuilder sb =
        new StringBuilder("racelab compare ")
            .append(ReplayCommand.shell(c.file()))
            .append(" --strategies ")
            .append(ReplayCommand.shell(String.join(",", names)));
    if (c.scheduleKind().equals("random")) {
      sb.append(" --schedules ").append(c.schedules()).append(" --seed ").append(c.seed());
    }
    if (!c.entries().isEmpty()) {
      Machine.Options o = c.entries().get(0).result().options();
      if (o.maxSteps() != Machine.Options.DEFAULT.maxSteps()) {
        sb.append(" --max-steps ").append(o.maxSteps());
      }
    }
    return sb.toString();
  }

  /** "a", "a and b", "a, b and c". */
  private static String join(List<String> items) {
    if (items.size() <= 1) {
      return items.isEmpty() ? "" : items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }
}
