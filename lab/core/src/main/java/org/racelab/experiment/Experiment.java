package org.racelab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;
import org.racelab.exec.Compiler;
import org.racelab.exec.Execution;
import org.racelab.exec.Machine;
import org.racelab.exec.OsThreads;
import org.racelab.exec.Program;
import org.racelab.scenario.Scenario;
import org.racelab.scenario.ScenarioException;
import org.racelab.sched.RandomScheduler;
import org.racelab.sched.RecordingScheduler;
import org.racelab.sched.ReplayScheduler;
import org.racelab.sched.RoundRobinScheduler;
import org.racelab.sched.Schedule;
import org.racelab.sched.Scheduler;
import org.racelab.strategy.Strategies;

/**
 * A scenario run under one strategy over one or more schedules.
 *
 * @param scenario the parsed scenario
 * @param strategy the strategy to apply to its critical blocks
 * @param detectors detector names; the first classifies
 * @param scheduler {@code random}, {@code round-robin}, or {@code os}: real OS threads (see {@link
 *     OsThreads}), where each "schedule" is one real execution that cannot be replayed and the seed
 *     is not used
 * @param seed the seed of the first schedule; schedule i uses seed + i
 * @param schedules how many schedules to run
 * @param replay a schedule text to replay instead (one run), or null
 * @param options the machine's limits
 */
public record Experiment(
    Scenario scenario,
    String strategy,
    List<String> detectors,
    String scheduler,
    long seed,
    int schedules,
    @Nullable String replay,
    Machine.Options options) {

  /** Receives progress: schedules done, of how many, and races found so far. */
  @FunctionalInterface
  public interface Progress {
    /** Called after each schedule. */
    void update(int done, int total, int racy);

    /** Reports nothing. */
    Progress NONE = (done, total, racy) -> {};
  }

  /** The scheduler name of real OS threads ({@code --threads os}). */
  public static final String OS = "os";

  /** An experiment with defaults: strategy none, FastTrack, one random schedule, seed 1. */
  public static Experiment of(Scenario scenario) {
    return new Experiment(
        scenario,
        "none",
        List.of(defaultDetector()),
        "random",
        1,
        1,
        null,
        Machine.Options.DEFAULT);
  }

  /** The detector used when none is named. */
  public static String defaultDetector() {
    return org.racelab.detect.Detectors.names().contains("fasttrack") ? "fasttrack" : "djit";
  }

  /** Compiles the scenario after applying the strategy. */
  public Program compile() throws ScenarioException {
    return Compiler.compile(Strategies.apply(strategy, scenario));
  }

  /** Runs every schedule and aggregates. */
  public RunResult run(Progress progress) throws ScenarioException {
    Program program = compile();
    long start = System.nanoTime();
    List<SingleRun> runs = new ArrayList<>();
    if (replay != null) {
      runs.add(runOne(program, new ReplayScheduler(Schedule.decode(replay)), 0));
      progress.update(1, 1, runs.get(0).execution().races().isEmpty() ? 0 : 1);
    } else if (scheduler.equals(OS)) {
      int racy = 0;
      for (int i = 0; i < schedules; i++) {
        SingleRun r = runOnOsThreads(program);
        runs.add(r);
        racy += r.execution().races().isEmpty() ? 0 : 1;
        progress.update(i + 1, schedules, racy);
      }
    } else {
      LongFunction<Scheduler> factory = schedulerFactory(scheduler);
      int racy = 0;
      for (int i = 0; i < schedules; i++) {
        SingleRun r = runOne(program, factory.apply(seed + i), seed + i);
        runs.add(r);
        racy += r.execution().races().isEmpty() ? 0 : 1;
        progress.update(i + 1, schedules, racy);
      }
    }
    long wall = (System.nanoTime() - start) / 1_000_000;
    return Aggregator.aggregate(
        program,
        strategy,
        detectors,
        replay != null ? "replay" : scheduler,
        seed,
        false,
        runs,
        wall);
  }

  /**
   * Runs the program once on real OS threads and grades it. The run has no seed and no replay
   * string (both are left empty): the operating system chose the interleaving.
   */
  public SingleRun runOnOsThreads(Program program) {
    long t0 = System.nanoTime();
    OsThreads.Result r = OsThreads.run(program, detectors, options);
    List<Boolean> verdicts = new ArrayList<>();
    for (Program.CheckedExpectation ce : program.expectations()) {
      verdicts.add(Grading.held(ce, r.execution(), r.machine()));
    }
    return new SingleRun(r.execution(), 0, "", List.copyOf(verdicts), System.nanoTime() - t0);
  }

  static LongFunction<Scheduler> schedulerFactory(String kind) {
    return switch (kind) {
      case "random" -> RandomScheduler::new;
      case "round-robin" -> s -> new RoundRobinScheduler(1);
      default -> throw new IllegalArgumentException("unknown scheduler '" + kind + "'");
    };
  }

  /** Runs one schedule to its end and grades it. */
  public SingleRun runOne(Program program, Scheduler scheduler, long runSeed) {
    long t0 = System.nanoTime();
    RecordingScheduler recorder = new RecordingScheduler(scheduler);
    Machine m = new Machine(program, detectors, recorder::choose, options);
    while (true) {
      List<Integer> enabled = m.enabled();
      if (enabled.isEmpty()) {
        break;
      }
      m.step(recorder.pickThread(enabled, m));
    }
    Execution e = m.finish();
    List<Boolean> verdicts = new ArrayList<>();
    for (Program.CheckedExpectation ce : program.expectations()) {
      verdicts.add(Grading.held(ce, e, m));
    }
    return new SingleRun(
        e, runSeed, recorder.schedule().encode(), List.copyOf(verdicts), System.nanoTime() - t0);
  }
}
