package org.racelab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.racelab.detect.Detectors;
import org.racelab.exec.ExportedTrace;
import org.racelab.exec.Machine;
import org.racelab.exec.TraceExport;
import org.racelab.experiment.Experiment;
import org.racelab.experiment.RunResult;
import org.racelab.experiment.SingleRun;
import org.racelab.report.AtomicFiles;
import org.racelab.report.Json;
import org.racelab.report.html.HtmlReport;
import org.racelab.report.json.JsonModel;
import org.racelab.report.json.RunJson;
import org.racelab.report.terminal.TerminalReport;
import org.racelab.scenario.Scenario;
import org.racelab.scenario.ScenarioException;
import org.racelab.sched.ReplayScheduler;
import org.racelab.strategy.Strategies;
import org.racelab.trace.TraceFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code racelab run}: runs scenarios, prints the summary, writes reports and JSON. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs scenarios against the simulated memory, classifies every access as synchronised or"
          + " racing, names undefined behaviour, and writes an HTML report per scenario.",
      "Exit code 0 when every expectation held (or there were none), 1 when one failed, 2 for bad"
          + " input."
    },
    footer = {
      "",
      "Examples:",
      "  racelab run races/atomics/message-passing-relaxed.race",
      "  racelab run races/basics/unsynchronised-counter.race --schedules 200 --seed 7",
      "  racelab run counter.race --replay b2ab2ab:0b",
      "  racelab run races/schedules/lock-order-race.race --explore",
      "  racelab run counter.race --explore --max-schedules 500 --preemption-bound 2",
      "  racelab run counter.race --scheduler pct --pct-depth 2 --schedules 100",
      "  racelab run counter.race --threads os --schedules 20",
      "  racelab run races/**/*.race --json results.json --no-report --quiet",
      "  racelab run counter.race --trace counter.std && racelab analyze counter.std",
      "  racelab run counter.race --replay b2ab2ab:0b --trace run.trace --trace-format racelab"
    },
    sortOptions = false)
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario files (.race).")
  List<String> files = new ArrayList<>();

  @Option(
      names = "--strategy",
      paramLabel = "S",
      description =
          "How critical blocks are protected: none, mutex, rwlock, spin, channel, atomic, relaxed,"
              + " release-acquire (default: ${DEFAULT-VALUE}).",
      defaultValue = "none")
  String strategy;

  @Option(
      names = "--detector",
      paramLabel = "NAME",
      description = "fasttrack, djit, lockset, or all (default: fasttrack).")
  String detector;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Seed of the first schedule (default: ${DEFAULT-VALUE}).",
      defaultValue = "1")
  long seed;

  @Option(
      names = "--schedules",
      paramLabel = "N",
      description = "How many schedules to run (default: the scenario's 'schedules' line, else 1).")
  Integer schedules;

  @Option(
      names = "--scheduler",
      paramLabel = "KIND",
      description =
          "random, round-robin or pct (Burckhardt et al.'s randomized priority scheduler)"
              + " (default: ${DEFAULT-VALUE}).",
      defaultValue = "random")
  String scheduler;

  @Option(
      names = "--pct-depth",
      paramLabel = "D",
      description =
          "With --scheduler pct: the bug depth to target, i.e. D-1 priority change points per"
              + " run; a bug of depth D shows in a run with probability at least 1/(n*k^(D-1))"
              + " for n threads and k steps (default: 3).")
  Integer pctDepth;

  @Option(
      names = "--explore",
      description =
          "Run every schedule instead of random ones, up to partial-order reduction (DPOR with"
              + " sleep sets): schedules that only reorder independent steps run once. Says"
              + " 'complete' when the reduced space was covered.")
  boolean explore;

  @Option(
      names = "--max-schedules",
      paramLabel = "N",
      description = "With --explore: stop after N schedules (then incomplete; default: 10000).")
  Integer maxSchedules;

  @Option(
      names = "--preemption-bound",
      paramLabel = "K",
      description =
          "With --explore: only schedules that preempt a thread that could go on at most K"
              + " times (then incomplete if anything was cut; default: no bound).")
  Integer preemptionBound;

  @Option(
      names = "--spin-bound",
      paramLabel = "B",
      description =
          "With --explore or pct: a thread that re-reads unchanged memory more than B times in a"
              + " row waits until another thread changes it, so spin loops end (default: 1).")
  Integer spinBound;

  @Option(
      names = "--threads",
      paramLabel = "sim|os",
      description =
          "sim: simulated threads under a seeded, replayable scheduler (default); os: real OS"
              + " threads, one per scenario thread (real interleavings, not reproducible).",
      defaultValue = "sim")
  String threads;

  @Option(
      names = "--replay",
      paramLabel = "SCHEDULE",
      description = "Replays a schedule string printed by an earlier run.")
  String replay;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description = "Folder for HTML reports (default: ${DEFAULT-VALUE}).",
      defaultValue = "reports")
  Path reportDir;

  @Option(names = "--no-report", description = "Do not write HTML reports.")
  boolean noReport;

  @Option(
      names = "--json",
      paramLabel = "FILE|-",
      description = "Also write the results as JSON to FILE, or to standard output with '-'.")
  String json;

  @Option(
      names = "--trace",
      paramLabel = "FILE",
      description =
          "Write the shown run (the representative schedule; with --replay, that schedule) as a"
              + " trace for 'racelab analyze' or RAPID: every access and synchronisation, with"
              + " the simulation's happens-before (written atomically).")
  Path trace;

  @Option(
      names = "--trace-format",
      paramLabel = "FORMAT",
      description =
          "std (RAPID's format, the default: no atomic accesses, edges as pair locks) or racelab"
              + " (RaceLab's own: atomics, read locks, send/recv edges).")
  String traceFormat;

  @Option(
      names = "--max-steps",
      paramLabel = "N",
      description = "Stop a run after N steps (default: ${DEFAULT-VALUE}).",
      defaultValue = "100000")
  int maxSteps;

  @Option(
      names = "--spurious-wakeups",
      description = "Let condvar waiters wake up without a notification, as the OS may.")
  boolean spurious;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print only the verdict line; no progress display.")
  boolean quiet;

  @Override
  public Integer call() {
    validate();
    boolean jsonToStdout = "-".equals(json);
    PrintStream out = jsonToStdout ? System.err : System.out;
    List<RunJson> jsons = new ArrayList<>();
    int exit = 0;
    for (String file : files) {
      Scenario scenario = ScenarioFiles.parse(file);
      Experiment experiment = experiment(scenario);
      ProgressBar progress = new ProgressBar(System.err, !quiet && ProgressBar.terminal());
      RunResult result;
      try {
        result = experiment.run(progress);
      } catch (ScenarioException e) {
        throw new UserError(e.getMessage());
      } catch (IllegalArgumentException | ReplayScheduler.DivergenceException e) {
        throw new UserError(file + ": " + e.getMessage());
      } finally {
        progress.finish();
      }
      out.print(quiet ? TerminalReport.verdict(result) + "\n" : TerminalReport.render(result));
      if (!noReport) {
        Path target = reportDir.resolve(scenario.baseName() + ".html");
        write(target, HtmlReport.run(result));
        out.println("report " + target);
      }
      if (files.size() > 1 && !quiet) {
        out.println();
      }
      if (trace != null) {
        writeTrace(result, file, out);
      }
      jsons.add(JsonModel.run(result));
      exit = Math.max(exit, result.allHeld() ? 0 : 1);
    }
    if (json != null) {
      String text = Json.render(jsons.size() == 1 ? jsons.get(0) : jsons);
      if (jsonToStdout) {
        System.out.print(text);
        System.out.flush();
      } else {
        write(Path.of(json), text);
      }
    }
    return exit;
  }

  private void validate() {
    if (trace != null && files.size() > 1) {
      throw new UserError("--trace writes one run; give exactly one FILE");
    }
    if (traceFormat != null && trace == null) {
      throw new UserError("--trace-format needs --trace FILE");
    }
    traceFormat();
    if (replay != null && files.size() > 1) {
      throw new UserError("--replay replays one scenario; give exactly one FILE");
    }
    if (replay != null && schedules != null) {
      throw new UserError("--replay runs the one schedule it names; drop --schedules");
    }
    if (schedules != null && (schedules < 1 || schedules > 10_000_000)) {
      throw new UserError("--schedules must be between 1 and 10000000");
    }
    if (maxSteps < 1) {
      throw new UserError("--max-steps must be at least 1");
    }
    if (!Strategies.names().contains(strategy)) {
      throw new UserError(
          "unknown strategy '"
              + strategy
              + "' (strategies: "
              + String.join(", ", Strategies.names())
              + ")");
    }
    if (!threads.equals("sim") && !threads.equals("os")) {
      throw new UserError("unknown --threads '" + threads + "' (sim or os)");
    }
    if (threads.equals("os") && replay != null) {
      throw new UserError(
          "--replay replays a simulated schedule; a run on OS threads cannot be replayed (drop"
              + " --threads os)");
    }
    if (threads.equals("os") && explore) {
      throw new UserError(
          "--explore enumerates simulated schedules; with --threads os the operating system"
              + " schedules (drop one of them)");
    }
    if (threads.equals("os") && !scheduler.equals("random")) {
      throw new UserError(
          "--scheduler chooses among simulated threads; with --threads os the operating system"
              + " schedules (drop --scheduler)");
    }
    if (!scheduler.equals("random")
        && !scheduler.equals("round-robin")
        && !scheduler.equals("pct")) {
      throw new UserError(
          "unknown scheduler '"
              + scheduler
              + "' (schedulers: random, round-robin, pct; or --explore for every schedule)");
    }
    if (pctDepth != null && !scheduler.equals("pct")) {
      throw new UserError("--pct-depth needs --scheduler pct");
    }
    if (pctDepth != null && (pctDepth < 1 || pctDepth > 100)) {
      throw new UserError("--pct-depth must be between 1 and 100");
    }
    if (explore) {
      if (replay != null) {
        throw new UserError("--explore runs every schedule; --replay runs one: give only one");
      }
      if (schedules != null) {
        throw new UserError("--explore decides how many schedules to run; use --max-schedules N");
      }
      if (!scheduler.equals("random")) {
        throw new UserError("--explore replaces --scheduler; drop --scheduler " + scheduler);
      }
    } else {
      if (maxSchedules != null) {
        throw new UserError("--max-schedules needs --explore (else use --schedules N)");
      }
      if (preemptionBound != null) {
        throw new UserError("--preemption-bound needs --explore");
      }
      if (spinBound != null && !scheduler.equals("pct")) {
        throw new UserError("--spin-bound needs --explore or --scheduler pct");
      }
    }
    if (maxSchedules != null && (maxSchedules < 1 || maxSchedules > 10_000_000)) {
      throw new UserError("--max-schedules must be between 1 and 10000000");
    }
    if (preemptionBound != null && (preemptionBound < 0 || preemptionBound > 1000)) {
      throw new UserError("--preemption-bound must be between 0 and 1000");
    }
    if (spinBound != null && (spinBound < 0 || spinBound > 1000)) {
      throw new UserError("--spin-bound must be between 0 and 1000");
    }
    detectors();
  }

  private TraceFormat traceFormat() {
    if (traceFormat == null) {
      return TraceFormat.STD;
    }
    try {
      return TraceFormat.fromCliName(traceFormat);
    } catch (IllegalArgumentException e) {
      throw new UserError("--trace-format: " + e.getMessage());
    }
  }

  /** Exports the representative run (the one the report shows, or the replayed one). */
  private void writeTrace(RunResult result, String file, PrintStream out) {
    SingleRun shown = result.representative();
    TraceFormat format = traceFormat();
    ExportedTrace exported = TraceExport.export(shown.execution(), format);
    List<String> comments = new ArrayList<>();
    comments.add("scenario " + file);
    if (!strategy.equals("none")) {
      comments.add("strategy " + strategy);
    }
    if (shown.replay().isEmpty()) {
      comments.add("threads os: the operating system chose this interleaving; it has no replay");
    } else {
      comments.add("replay " + shown.replay());
    }
    write(trace, exported.text(comments));
    StringBuilder what = new StringBuilder(format.cliName());
    what.append(", ").append(count(exported.events().size(), "event", "events"));
    if (exported.edges() > 0) {
      what.append(", ").append(count(exported.edges(), "edge", "edges")).append(" without a lock");
    }
    if (exported.omittedAtomics() > 0) {
      what.append(", ")
          .append(count(exported.omittedAtomics(), "atomic access", "atomic accesses"))
          .append(" left out");
    }
    out.println("trace " + trace + " (" + what + ")");
    for (String note : exported.approximations()) {
      System.err.println("racelab: " + trace + ": approximation: " + note);
    }
  }

  private static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  private List<String> detectors() {
    if (detector == null) {
      return List.of(Experiment.defaultDetector());
    }
    if (detector.equals("all")) {
      List<String> all = new ArrayList<>();
      all.add(Experiment.defaultDetector());
      for (String d : Detectors.NAMES) {
        if (!all.contains(d)) {
          all.add(d);
        }
      }
      return all;
    }
    if (!Detectors.NAMES.contains(detector)) {
      throw new UserError(
          "unknown detector '"
              + detector
              + "' (detectors: "
              + String.join(", ", Detectors.NAMES)
              + ", all)");
    }
    return List.of(detector);
  }

  private Experiment experiment(Scenario scenario) {
    int n = schedules != null ? schedules : Math.max(scenario.schedules(), 1);
    Experiment.Search d = Experiment.Search.DEFAULT;
    Experiment.Search search =
        new Experiment.Search(
            pctDepth != null ? pctDepth : d.pctDepth(),
            maxSchedules != null ? maxSchedules : d.maxSchedules(),
            preemptionBound != null ? preemptionBound : d.preemptionBound(),
            spinBound != null ? spinBound : d.spinBound());
    return new Experiment(
        scenario,
        strategy,
        detectors(),
        threads.equals("os") ? Experiment.OS : explore ? "explore" : scheduler,
        seed,
        n,
        replay,
        new Machine.Options(maxSteps, Math.max(5_000_000L, maxSteps * 50L), spurious),
        search);
  }

  static void write(Path target, String text) {
    try {
      AtomicFiles.write(target, text);
    } catch (IOException e) {
      throw new UserError(target + ": cannot write: " + e.getMessage());
    }
  }
}
