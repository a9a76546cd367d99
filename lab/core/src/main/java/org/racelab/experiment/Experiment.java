package org.racelab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;
import org.racelab.exec.Compiler;
import org.racelab.exec.Execution;
import org.racelab.exec.Machine;
import org.racelab.exec.OsThreads;
import org.racelab.exec.Program;
import org.racelab.scenario.Scenario;
import org.racelab.scenario.ScenarioException;
import org.racelab.sched.Explorer;
import org.racelab.sched.PctScheduler;
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
 * <p>Schedulers: {@code random} and {@code round-robin} run {@code schedules} schedules (seed, seed
 * + 1, ...); {@code pct} runs them with {@link PctScheduler} (depth {@code search.pctDepth()}, the
 * run length estimated by one round-robin run first); {@code explore} runs the exhaustive,
 * partial-order-reduced search of {@link Explorer} within {@code search}'s bounds and ignores
 * {@code schedules} and {@code seed}. Every run is aggregated the same way.
 *
 * @param scenario the parsed scenario
 * @param strategy the strategy to apply to its critical blocks
 * @param detectors detector names; the first classifies
 * @param scheduler {@code random}, {@code round-robin}, {@code pct}, {@code explore}, or {@code
 *     os}: real OS threads (see {@link OsThreads}), where each "schedule" is one real execution
 *     that cannot be replayed and the seed is not used
 * @param seed the seed of the first schedule; schedule i uses seed + i
 * @param schedules how many schedules to run
 * @param replay a schedule text to replay instead (one run), or null
 * @param options the machine's limits
 * @param search PCT's depth and exploration's bounds
 */
public record Experiment(
    Scenario scenario,
    String strategy,
    List<String> detectors,
    String scheduler,
    long seed,
    int schedules,
    @Nullable String replay,
    Machine.Options options,
    Search search) {

  /** The schedulers {@link #run} knows. */
  public static final List<String> SCHEDULERS = List.of("random", "round-robin", "pct", "explore");

  /**
   * Settings of the systematic schedulers.
   *
   * @param pctDepth the bug depth PCT targets (d − 1 priority change points), at least 1
   * @param maxSchedules exploration stops after this many schedules (incomplete)
   * @param preemptionBound exploration allows at most this many preemptions per schedule, -1: any
   * @param spinBound futile steps in a row after which a spinning thread waits (exploration, PCT)
   */
  public record Search(int pctDepth, int maxSchedules, int preemptionBound, int spinBound) {
    /** PCT depth 3; at most 10,000 explored schedules; no preemption bound; spin bound 1. */
    public static final Search DEFAULT = new Search(3, 10_000, -1, 1);
  }

  /** An experiment with the default search settings. */
  public Experiment(
      Scenario scenario,
      String strategy,
      List<String> detectors,
      String scheduler,
      long seed,
      int schedules,
      @Nullable String replay,
      Machine.Options options) {
    this(
        scenario, strategy, detectors, scheduler, seed, schedules, replay, options, Search.DEFAULT);
  }

  /** Receives progress: schedules done, of how many, and races found so far. */
  @FunctionalInterface
  public interface Progress {
    /** Called after each schedule. */
    void update(int done, int total, int racy);

    /**
     * Called after each schedule of an exploration, whose total is not known in advance: {@code
     * max} is the schedule bound, {@code open} how many states on the current schedule still have
     * alternatives to try.
     */
    default void exploring(int done, int max, int racy, int open) {
      update(done, max, racy);
    }

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

  /** The same experiment under another strategy: same schedules, same seeds, same limits. */
  public Experiment withStrategy(String name) {
    return new Experiment(
        scenario, name, detectors, scheduler, seed, schedules, replay, options, search);
  }

  /** The same experiment with another number of schedules. */
  public Experiment withSchedules(int count) {
    return new Experiment(
        scenario, strategy, detectors, scheduler, seed, count, replay, options, search);
  }

  /** The same experiment with another scheduler. */
  public Experiment withScheduler(String kind) {
    return new Experiment(
        scenario, strategy, detectors, kind, seed, schedules, replay, options, search);
  }

  /** The same experiment with other search settings. */
  public Experiment withSearch(Search s) {
    return new Experiment(
        scenario, strategy, detectors, scheduler, seed, schedules, replay, options, s);
  }

  /** The detector used when none is named. */
  public static String defaultDetector() {
    return "fasttrack";
  }

  /** Compiles the scenario after applying the strategy. */
  public Program compile() throws ScenarioException {
    return Compiler.compile(Strategies.apply(strategy, scenario));
  }

  /** Runs every schedule and aggregates. */
  public RunResult run(Progress progress) throws ScenarioException {
    Program program = compile();
    long start = System.nanoTime();
    Aggregator agg = new Aggregator(program);
    Exploration exploration = null;
    boolean complete = false;
    String kind = replay != null ? "replay" : scheduler;
    if (replay != null) {
      SingleRun r = runOne(program, new ReplayScheduler(Schedule.decode(replay)), 0);
      agg.add(r);
      progress.update(1, 1, agg.racy());
    } else if (scheduler.equals("explore")) {
      exploration = explore(program, agg::add, progress);
      complete = exploration.complete();
    } else if (scheduler.equals(OS)) {
      for (int i = 0; i < schedules; i++) {
        agg.add(runOnOsThreads(program));
        progress.update(i + 1, schedules, agg.racy());
      }
    } else {
      LongFunction<Scheduler> factory = schedulerFactory(program);
      for (int i = 0; i < schedules; i++) {
        agg.add(runOne(program, factory.apply(seed + i), seed + i));
        progress.update(i + 1, schedules, agg.racy());
      }
    }
    long wall = (System.nanoTime() - start) / 1_000_000;
    return agg.result(strategy, detectors, kind, seed, complete, exploration, options, wall);
  }

  /**
   * Explores every schedule up to partial-order reduction, within {@link #search}'s bounds, handing
   * each counted run to {@code each} (redundant runs the reduction abandons are not handed over).
   */
  public Exploration explore(Program program, Consumer<SingleRun> each, Progress progress) {
    Explorer explorer =
        new Explorer(
            new Explorer.Bounds(
                Math.max(1, search.maxSchedules()), search.preemptionBound(), search.spinBound()));
    int racy = 0;
    Explorer.Run run;
    while ((run = explorer.next()) != null) {
      SingleRun r = runExplored(program, run);
      if (r != null) {
        each.accept(r);
        racy += r.execution().races().isEmpty() ? 0 : 1;
        progress.exploring(explorer.counted(), search.maxSchedules(), racy, explorer.openStates());
      }
    }
    List<String> cut = new ArrayList<>();
    if (explorer.cutByMaxSchedules()) {
      cut.add("max-schedules");
    }
    if (explorer.cutByPreemptionBound()) {
      cut.add("preemption-bound");
    }
    return new Exploration(
        explorer.complete(),
        List.copyOf(cut),
        explorer.abandoned(),
        explorer.spinBounded(),
        search.maxSchedules(),
        search.preemptionBound(),
        search.spinBound());
  }

  private @Nullable SingleRun runExplored(Program program, Explorer.Run run) {
    long t0 = System.nanoTime();
    RecordingScheduler recorder = new RecordingScheduler(run);
    Machine m = new Machine(program, detectors, recorder::choose, options);
    while (true) {
      List<Integer> enabled = m.enabled();
      if (enabled.isEmpty()) {
        break;
      }
      int t = recorder.pickThread(enabled, m);
      if (t < 0) {
        break;
      }
      m.step(t);
    }
    recorder.finished(m);
    if (run.abandoned()) {
      return null;
    }
    return graded(program, m, recorder, 0, t0);
  }

  private LongFunction<Scheduler> schedulerFactory(Program program) {
    switch (scheduler) {
      case "random":
        return RandomScheduler::new;
      case "round-robin":
        return s -> new RoundRobinScheduler(1);
      case "pct":
        int k = runOne(program, new RoundRobinScheduler(1), 0).execution().stepCount();
        return s -> new PctScheduler(s, search.pctDepth(), k, search.spinBound());
      default:
        throw new IllegalArgumentException("unknown scheduler '" + scheduler + "'");
    }
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
    recorder.finished(m);
    return graded(program, m, recorder, runSeed, t0);
  }

  private SingleRun graded(
      Program program, Machine m, RecordingScheduler recorder, long runSeed, long t0) {
    Execution e = m.finish();
    List<Boolean> verdicts = new ArrayList<>();
    for (Program.CheckedExpectation ce : program.expectations()) {
      verdicts.add(Grading.held(ce, e, m));
    }
    return new SingleRun(
        e, runSeed, recorder.schedule().encode(), List.copyOf(verdicts), System.nanoTime() - t0);
  }
}
