package org.racelab.catalogue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.racelab.exec.Execution;
import org.racelab.exec.Machine;
import org.racelab.exec.Program;
import org.racelab.experiment.Experiment;
import org.racelab.scenario.Parser;
import org.racelab.scenario.Scenario;
import org.racelab.scenario.ScenarioException;
import org.racelab.sched.PctScheduler;
import org.racelab.sched.RandomScheduler;
import org.racelab.sched.RoundRobinScheduler;
import org.racelab.strategy.Strategies;
import org.racelab.testing.ExportChecks;
import org.racelab.testing.Scenarios;

/**
 * The exported trace of a run has the simulation's happens-before: for every catalogue scenario,
 * under every strategy when it has critical blocks, the runs of the random scheduler (seeds 1 to
 * {@code racelab.export.seeds}, default 5), of round-robin, of PCT (the same seeds) and the first
 * {@code racelab.export.explored} (default 10) schedules of exhaustive exploration, all with a step
 * limit of 5,000, and (without a strategy) one run on OS threads, are exported in both formats,
 * read back and analysed offline with DJIT+ and FastTrack, and every access gets the simulator's
 * verdict ({@link ExportChecks#assertExact} says exactly what is compared).
 *
 * <p>No scenario is excluded: runs with undefined behaviour (uses after free, double frees, stale
 * pointers), deadlocks, panics and step limits are exported like any other, since the simulator
 * keeps classifying accesses after UB and the trace keeps every access it recorded. No export may
 * report an approximation: none is known, and a scenario that needed one would fail here until the
 * export or this test says why.
 */
class TraceExportCatalogueTest {
  private static final int SEEDS = Integer.getInteger("racelab.export.seeds", 5);
  private static final int EXPLORED = Integer.getInteger("racelab.export.explored", 10);

  /**
   * Exploration's first schedules and some PCT ones spin to the step limit: a lower limit keeps
   * them cheap, and such runs are still exported (cut at the limit).
   */
  private static final Machine.Options OPTIONS =
      new Machine.Options(5_000, Machine.Options.DEFAULT.maxInstructions(), false);

  static Stream<Arguments> runs() throws Exception {
    Path root = Scenarios.catalogue().getParent();
    List<Arguments> out = new ArrayList<>();
    for (Path file : Scenarios.catalogueFiles()) {
      String name = root.relativize(file).toString();
      Scenario s = Parser.parse(name, Files.readString(file));
      out.add(Arguments.of(name, "none"));
      if (Strategies.hasCritical(s)) {
        for (String strategy : Strategies.names()) {
          if (!strategy.equals("none") && protects(strategy, s)) {
            out.add(Arguments.of(name, strategy));
          }
        }
      }
    }
    return out.stream();
  }

  /**
   * Whether the strategy can protect every critical block (a rewrite that could deadlock cannot).
   */
  private static boolean protects(String strategy, Scenario s) {
    try {
      Strategies.apply(strategy, s);
      return true;
    } catch (ScenarioException e) {
      return false;
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("runs")
  void theExportedTraceGivesEveryAccessTheSimulatorsVerdict(String name, String strategy)
      throws Exception {
    Path file = Scenarios.catalogue().getParent().resolve(name);
    Scenario s = Parser.parse(name, Files.readString(file));
    Experiment experiment =
        new Experiment(
            s,
            strategy,
            List.of(Experiment.defaultDetector()),
            "random",
            1,
            1,
            null,
            OPTIONS,
            new Experiment.Search(3, EXPLORED, -1, 1));
    Program program = experiment.compile();
    String where = name + " (" + strategy + ")";
    Execution rr = experiment.runOne(program, new RoundRobinScheduler(1), 0).execution();
    ExportChecks.assertExact(rr, where + " round-robin");
    for (long seed = 1; seed <= SEEDS; seed++) {
      Execution random = experiment.runOne(program, new RandomScheduler(seed), seed).execution();
      ExportChecks.assertExact(random, where + " random seed " + seed);
      Execution pct =
          experiment
              .runOne(program, new PctScheduler(seed, 3, rr.stepCount(), 1), seed)
              .execution();
      ExportChecks.assertExact(pct, where + " pct seed " + seed);
    }
    if (strategy.equals("none")) {
      Execution os = experiment.runOnOsThreads(program).execution();
      ExportChecks.assertExact(os, where + " on OS threads");
    }
    int[] explored = {0};
    experiment.explore(
        program,
        r -> {
          explored[0]++;
          try {
            ExportChecks.assertExact(
                r.execution(), where + " explored schedule " + explored[0] + " " + r.replay());
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        },
        Experiment.Progress.NONE);
  }
}
