package org.racelab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.racelab.exec.Machine;
import org.racelab.experiment.Comparison;
import org.racelab.experiment.Experiment;
import org.racelab.report.Json;
import org.racelab.report.html.ComparePage;
import org.racelab.report.html.HtmlReport;
import org.racelab.report.json.CompareJson;
import org.racelab.report.terminal.CompareTable;
import org.racelab.scenario.Scenario;
import org.racelab.scenario.ScenarioException;
import org.racelab.strategy.Strategies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code racelab compare}: runs one scenario under several strategies over the same schedules and
 * shows them side by side (terminal table, JSON, HTML page).
 *
 * <p>Exit code 0 whenever the comparison ran: a comparison exists to show strategies that fail (an
 * {@code expect race counter} that holds under {@code none} fails under {@code mutex}, which is the
 * point), so expectations are reported per strategy instead of deciding the exit code. 2 for bad
 * usage or input, including a strategy that cannot protect one of the scenario's critical blocks.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Runs one scenario under several synchronisation strategies over the same schedules (the"
          + " same seeds) and shows them side by side: races, lost updates, UB, expectations,"
          + " final values, cost in steps, and wall time.",
      "Exit code 0 when the comparison ran (expectations are reported per strategy), 2 for bad"
          + " input."
    },
    footer = {
      "",
      "Strategies: none, mutex, rwlock, spin, channel, atomic, relaxed, release-acquire (or"
          + " 'all').",
      "",
      "Examples:",
      "  racelab compare races/strategies/counter.race --strategies none,mutex,atomic",
      "  racelab compare races/strategies/transfer.race --schedules 200 --json -",
      "  racelab compare races/strategies/lookup-table.race --strategies mutex,rwlock"
    },
    sortOptions = false)
final class CompareCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "The scenario file (.race).")
  String file;

  @Option(
      names = "--strategies",
      paramLabel = "S",
      split = ",",
      description = "The strategies to compare, in the order to show them (default: all of them).")
  List<String> strategies = new ArrayList<>();

  @Option(
      names = "--schedules",
      paramLabel = "N",
      description =
          "How many schedules each strategy runs (default: the scenario's 'schedules' line, else"
              + " 1).")
  Integer schedules;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description =
          "Seed of the first schedule; schedule i uses seed + i (default: ${DEFAULT-VALUE}).",
      defaultValue = "1")
  long seed;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description =
          "Folder for the HTML comparison page, <name>-compare.html, and the run report of each"
              + " strategy it links to, <name>-compare-<strategy>.html (default:"
              + " ${DEFAULT-VALUE}).",
      defaultValue = "reports")
  Path reportDir;

  @Option(names = "--no-report", description = "Do not write the HTML pages.")
  boolean noReport;

  @Option(
      names = "--json",
      paramLabel = "FILE|-",
      description = "Also write the comparison as JSON to FILE, or to standard output with '-'.")
  String json;

  @Option(
      names = "--max-steps",
      paramLabel = "N",
      description = "Stop a run after N steps (default: ${DEFAULT-VALUE}).",
      defaultValue = "100000")
  int maxSteps;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print only the verdict of each strategy; no table, no progress display.")
  boolean quiet;

  @Override
  public Integer call() {
    List<String> names = strategyNames();
    if (schedules != null && (schedules < 1 || schedules > 10_000_000)) {
      throw new UserError("--schedules must be between 1 and 10000000");
    }
    if (maxSteps < 1) {
      throw new UserError("--max-steps must be at least 1");
    }
    boolean jsonToStdout = "-".equals(json);
    PrintStream out = jsonToStdout ? System.err : System.out;
    Scenario scenario = ScenarioFiles.parse(file);
    int n = schedules != null ? schedules : Math.max(scenario.schedules(), 1);
    Experiment base =
        new Experiment(
            scenario,
            "none",
            List.of(Experiment.defaultDetector()),
            "random",
            seed,
            n,
            null,
            new Machine.Options(maxSteps, Math.max(20_000_000L, maxSteps * 200L), false));
    ProgressBar progress = new ProgressBar(System.err, !quiet && ProgressBar.terminal());
    Comparison comparison;
    try {
      comparison = Comparison.run(base, names, progress);
    } catch (ScenarioException e) {
      throw new UserError(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UserError(file + ": " + e.getMessage());
    } finally {
      progress.finish();
    }
    out.print(quiet ? CompareTable.verdicts(comparison) : CompareTable.render(comparison));
    if (!noReport) {
      Map<String, String> runReports = new LinkedHashMap<>();
      for (Comparison.Entry e : comparison.entries()) {
        String name = ComparePage.runReportName(scenario.baseName(), e.strategy());
        RunCommand.write(reportDir.resolve(name), HtmlReport.run(e.result()));
        runReports.put(e.strategy(), name);
      }
      Path target = reportDir.resolve(scenario.baseName() + "-compare.html");
      RunCommand.write(target, ComparePage.html(comparison, runReports));
      if (!quiet) {
        out.println(
            "report "
                + target
                + " (and the run report of each strategy, "
                + reportDir.resolve(ComparePage.runReportName(scenario.baseName(), "<strategy>"))
                + ")");
      }
    }
    if (json != null) {
      String text = Json.render(CompareJson.of(comparison));
      if (jsonToStdout) {
        System.out.print(text);
        System.out.flush();
      } else {
        RunCommand.write(Path.of(json), text);
      }
    }
    return 0;
  }

  /** The strategies asked for, checked: known names, each once; all of them by default. */
  private List<String> strategyNames() {
    if (strategies.isEmpty() || strategies.equals(List.of("all"))) {
      return Strategies.names();
    }
    Set<String> seen = new LinkedHashSet<>();
    for (String raw : strategies) {
      String s = raw.strip();
      if (s.isEmpty()) {
        throw new UserError("--strategies has an empty name; separate names with commas only");
      }
      if (!Strategies.names().contains(s)) {
        throw new UserError(
            "unknown strategy '"
                + s
                + "' (strategies: "
                + String.join(", ", Strategies.names())
                + ", or all)");
      }
      if (!seen.add(s)) {
        throw new UserError("strategy '" + s + "' is named twice in --strategies");
      }
    }
    return List.copyOf(seen);
  }
}
