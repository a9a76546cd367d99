package org.racelab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.racelab.exec.LedgerEntry;
import org.racelab.exec.Program;
import org.racelab.experiment.Experiment;
import org.racelab.experiment.RaceView;
import org.racelab.experiment.RunResult;
import org.racelab.experiment.Seen;
import org.racelab.experiment.SingleRun;
import org.racelab.report.terminal.TerminalReport;
import org.racelab.scenario.Scenario;
import org.racelab.scenario.ScenarioException;
import org.racelab.sched.RandomScheduler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code racelab litmus}: one litmus test, predicted and observed. RaceLab runs the catalogue
 * scenario (simulated schedules: the race verdict, and in how many schedules the key outcome
 * showed); JCStress runs the same shape on this JVM and CPU (how often each outcome really
 * happened). The two are printed side by side, ending with one summary line.
 */
@Command(
    name = "litmus",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a litmus test twice: as a RaceLab scenario (the prediction) and as a JCStress test on"
          + " this JVM (the observation), and shows them side by side.",
      "JCStress takes about 40 s per test on two cores. Exit code 0 when the scenario's"
          + " expectations held and JCStress saw no forbidden outcome, 1 otherwise, 2 for bad"
          + " input or a missing JCStress jar."
    },
    footer = {
      "",
      "Examples:",
      "  racelab litmus --list",
      "  racelab litmus store-buffering",
      "  racelab litmus message-passing-volatile --time 1000 --results reports/jcstress"
    },
    sortOptions = false)
final class LitmusCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..1",
      paramLabel = "NAME",
      description = "A litmus test, as 'racelab litmus --list' shows it.")
  @Nullable String name;

  @Option(names = "--list", description = "Lists the litmus tests.")
  boolean list;

  @Option(
      names = "--time",
      paramLabel = "MS",
      description = "JCStress: milliseconds per iteration (default: ${DEFAULT-VALUE}).",
      defaultValue = "500")
  int millis;

  @Option(
      names = "--iterations",
      paramLabel = "N",
      description = "JCStress: iterations (default: ${DEFAULT-VALUE}).",
      defaultValue = "1")
  int iterations;

  @Option(
      names = "--schedules",
      paramLabel = "N",
      description = "RaceLab: simulated schedules (default: the scenario's 'schedules' line).")
  @Nullable Integer schedules;

  @Option(
      names = "--jcstress",
      paramLabel = "FILE",
      description = "The JCStress jar (default: lab/stress/target/jcstress.jar, found from here).")
  @Nullable Path jar;

  @Option(
      names = "--results",
      paramLabel = "DIR",
      description = "Keep JCStress's HTML report in DIR (default: not kept).")
  @Nullable Path results;

  @Option(
      names = "--timeout",
      paramLabel = "MINUTES",
      description = "Give JCStress at most this long (default: ${DEFAULT-VALUE}).",
      defaultValue = "10")
  int timeout;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print only the summary line.")
  boolean quiet;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (list) {
      printList(out);
      return 0;
    }
    if (name == null) {
      throw new UserError("name a litmus test: racelab litmus NAME (see racelab litmus --list)");
    }
    LitmusTests.Entry entry =
        LitmusTests.find(name)
            .orElseThrow(
                () ->
                    new UserError(
                        "no litmus test named '"
                            + name
                            + "' (litmus tests: "
                            + String.join(
                                ", ",
                                LitmusTests.ALL.stream().map(LitmusTests.Entry::name).toList())
                            + ")"));
    validate();
    Path scenarioFile = Home.catalogue().resolve(entry.scenario());
    if (!Files.isRegularFile(scenarioFile)) {
      throw new UserError(
          scenarioFile + ": the scenario of litmus test " + entry.name() + " is missing");
    }
    Path jcstress = JcstressRunner.locate(jar);

    Scenario scenario = ScenarioFiles.parse(scenarioFile.toString());
    Prediction prediction = predict(scenario, entry);
    if (!quiet) {
      out.printf(Locale.ROOT, "Litmus %s: %s%n", entry.name(), entry.title());
      out.printf(Locale.ROOT, "  RaceLab scenario  %s%n", scenarioFile);
      out.printf(Locale.ROOT, "  JCStress test     %s%n%n", entry.jcstressTest());
      out.printf(
          Locale.ROOT,
          "RaceLab's prediction (%d simulated schedules, %d ms)%n",
          prediction.result().explored(),
          prediction.result().wallMillis());
      out.println("  " + TerminalReport.verdict(prediction.result()));
      if (!prediction.result().races().isEmpty()) {
        out.println("  racing: " + race(prediction.result().races().get(0)));
      }
      out.printf(
          Locale.ROOT,
          "  %s %s%n",
          entry.keyLabel(),
          prediction.shown() > 0
              ? String.format(
                  Locale.ROOT,
                  "shown in %d of %d schedules",
                  prediction.shown(),
                  prediction.result().explored())
              : "not shown in " + prediction.result().explored() + " schedules");
      out.println("  " + reading(prediction));
      out.println();
      out.flush();
      System.err.printf(
          Locale.ROOT,
          "racelab: running JCStress %s on this JVM (about %d s)...%n",
          simpleName(entry.jcstressTest()),
          30 + millis * iterations / 100);
    }
    JcstressRunner.Outcome observed =
        JcstressRunner.run(jcstress, entry.jcstressTest(), millis, iterations, results, timeout);
    JcstressOutput.Result r = observed.result();
    if (r == null || r.rows().isEmpty()) {
      throw new UserError(
          "JCStress printed no results for "
              + entry.jcstressTest()
              + " (is the jar older than the test? rebuild it with './mvnw -B -q -DskipTests -pl"
              + " lab/stress -am package')");
    }
    if (!quiet) {
      out.printf(
          Locale.ROOT,
          "This JVM (JCStress %s, %s runs in %.1f s, Java %s)%n",
          r.status(),
          String.format(Locale.ROOT, "%,d", r.total()),
          observed.wallMillis() / 1000.0,
          System.getProperty("java.version"));
      table(out, r, entry);
      if (results != null) {
        out.println("  JCStress report: " + results.resolve("index.html"));
      }
      out.println();
    }
    out.println(summary(entry, prediction, r));
    out.flush();
    boolean ok = prediction.result().allHeld() && !r.forbiddenSeen() && r.status().equals("OK");
    return ok ? 0 : 1;
  }

  /** What the prediction means, in a sentence (lines after the first indented by two). */
  static String reading(Prediction p) {
    boolean racing = !p.result().races().isEmpty();
    if (racing) {
      return p.shown() > 0
          ? "a data race: undefined behaviour in Rust and C++, so no outcome is promised"
          : "a data race: undefined behaviour in Rust and C++, so no outcome is promised; plain\n"
              + "  accesses are simulated in one sequentially consistent order, so RaceLab names the\n"
              + "  race instead of showing the reordering";
    }
    return p.shown() > 0
        ? "no data race; the outcome is allowed (RaceLab emulates weak memory as Miri does)"
        : "no data race; the outcome showed in no simulated schedule";
  }

  private void validate() {
    if (millis < 10 || millis > 600_000) {
      throw new UserError("--time must be between 10 and 600000 milliseconds");
    }
    if (iterations < 1 || iterations > 1000) {
      throw new UserError("--iterations must be between 1 and 1000");
    }
    if (schedules != null && (schedules < 1 || schedules > 1_000_000)) {
      throw new UserError("--schedules must be between 1 and 1000000");
    }
    if (timeout < 1) {
      throw new UserError("--timeout must be at least 1 minute");
    }
  }

  private static void printList(PrintWriter out) {
    int width = LitmusTests.ALL.stream().mapToInt(e -> e.name().length()).max().orElse(10);
    for (LitmusTests.Entry e : LitmusTests.ALL) {
      out.printf(
          Locale.ROOT,
          "%-" + width + "s  %s%n%" + width + "s  JCStress %s · races/%s%n",
          e.name(),
          e.title(),
          "",
          simpleName(e.jcstressTest()),
          e.scenario());
    }
    out.flush();
  }

  /**
   * RaceLab's side: the aggregated result, and in how many schedules the key outcome showed.
   *
   * @param result the aggregated run
   * @param shown schedules in which the scenario's outcome assert failed
   */
  record Prediction(RunResult result, int shown) {}

  private Prediction predict(Scenario scenario, LitmusTests.Entry entry) {
    int n = schedules != null ? schedules : Math.max(1, scenario.schedules());
    Experiment base = Experiment.of(scenario);
    Experiment e =
        new Experiment(
            scenario,
            base.strategy(),
            base.detectors(),
            base.scheduler(),
            1,
            n,
            null,
            base.options());
    try {
      RunResult result = e.run(Experiment.Progress.NONE);
      Program program = e.compile();
      int shown = 0;
      for (int i = 0; i < n; i++) {
        SingleRun run = e.runOne(program, new RandomScheduler(1 + i), 1 + i);
        if (run.execution().panics().stream()
            .anyMatch(p -> p.message().equals(entry.assertMessage()))) {
          shown++;
        }
      }
      return new Prediction(result, shown);
    } catch (ScenarioException ex) {
      throw new UserError(ex.getMessage());
    }
  }

  private static void table(PrintWriter out, JcstressOutput.Result r, LitmusTests.Entry entry) {
    int width = Math.max(7, r.rows().stream().mapToInt(x -> x.outcome().length()).max().orElse(7));
    out.printf(
        Locale.ROOT, "  %-" + width + "s %13s %8s  %s%n", "outcome", "samples", "freq", "expect");
    for (JcstressOutput.Row row : r.rows()) {
      out.printf(
          Locale.ROOT,
          "  %-" + width + "s %13s %8s  %-11s  %s%s%n",
          row.outcome(),
          String.format(Locale.ROOT, "%,d", row.samples()),
          percent(row.samples(), r.total()),
          row.expect(),
          row.description(),
          entry.keyOutcomes().contains(row.outcome()) ? "  ← " + entry.keyLabel() : "");
    }
  }

  static String summary(LitmusTests.Entry entry, Prediction p, JcstressOutput.Result r) {
    StringBuilder sb = new StringBuilder("RaceLab: ");
    if (p.result().races().isEmpty()) {
      sb.append("no race");
    } else {
      sb.append("racing (").append(race(p.result().races().get(0))).append(')');
    }
    sb.append(", ").append(entry.keyLabel());
    int n = p.result().explored();
    sb.append(
        p.shown() > 0
            ? String.format(Locale.ROOT, " in %d of %d schedules", p.shown(), n)
            : String.format(Locale.ROOT, " in none of %d schedules", n));
    long key = r.samplesOf(entry.keyOutcomes());
    boolean forbidden =
        r.rows().stream()
            .anyMatch(
                x -> entry.keyOutcomes().contains(x.outcome()) && x.expect().equals("Forbidden"));
    sb.append(" · this JVM: ").append(entry.keyLabel());
    if (key > 0) {
      sb.append(" in ").append(percent(key, r.total()));
    } else {
      sb.append(" in none");
    }
    sb.append(" of ").append(compact(r.total())).append(" runs");
    if (forbidden) {
      sb.append(key > 0 ? " (FORBIDDEN, yet seen)" : " (forbidden)");
    }
    return sb.toString();
  }

  /** "write of `x` by left at line 18 and read of `x` by right at line 24". */
  static String race(Seen<RaceView> s) {
    RaceView v = s.item();
    return access(v.first()) + " and " + access(v.second());
  }

  private static String access(LedgerEntry e) {
    return String.format(
        Locale.ROOT,
        "%s%s of `%s` by %s at line %d",
        e.atomic() ? "atomic " : "",
        e.write() ? "write" : "read",
        e.location(),
        e.thread(),
        e.line());
  }

  static String percent(long part, long total) {
    if (total == 0 || part == 0) {
      return "0%";
    }
    double p = 100.0 * part / total;
    return p >= 0.1
        ? String.format(Locale.ROOT, "%.1f%%", p)
        : String.format(Locale.ROOT, "%.4f%%", p);
  }

  static String compact(long n) {
    if (n >= 1_000_000) {
      return String.format(Locale.ROOT, "%.2fM", n / 1e6);
    }
    if (n >= 10_000) {
      return String.format(Locale.ROOT, "%.0fk", n / 1e3);
    }
    return Long.toString(n);
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
