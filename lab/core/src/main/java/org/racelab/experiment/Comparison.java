package org.racelab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.racelab.memory.UbKind;
import org.racelab.scenario.Scenario;
import org.racelab.scenario.ScenarioException;
import org.racelab.scenario.ScenarioPrinter;
import org.racelab.strategy.Strategies;
import org.racelab.strategy.Strategy;

/**
 * One scenario run under several strategies over the same schedules, side by side.
 *
 * <p>Each strategy's run is an ordinary {@link Experiment} (the same scheduler, seeds, schedule
 * count and limits, only the strategy differs), so whatever an experiment can do, a comparison does
 * for every strategy. Each entry carries the one sentence that says what the strategy bought: the
 * point of the exercise is that <b>race-free is not correct</b>, so when a strategy shows no data
 * race but loses updates, fails an {@code expect final} or ends differently across schedules, the
 * sentence says so and why.
 *
 * @param scenario the scenario's title
 * @param file the scenario file
 * @param about the about text, or null
 * @param hasCritical whether the scenario has a critical block (if not, every strategy runs the
 *     same program)
 * @param scheduleKind random, round-robin, ...
 * @param seed the seed of the first schedule
 * @param schedules how many schedules each strategy ran
 * @param entries one per strategy, in the order asked for
 */
public record Comparison(
    String scenario,
    String file,
    @Nullable String about,
    boolean hasCritical,
    String scheduleKind,
    long seed,
    int schedules,
    List<Entry> entries) {

  /** Schedules of each strategy run (and discarded) before the measured runs. */
  private static final int WARM_UP_SCHEDULES = 5;

  /**
   * One strategy's result.
   *
   * @param strategy its name
   * @param kind how it protects a block
   * @param description what its rewrite does
   * @param program the scenario's declarations and threads after the rewrite, as text
   * @param result the run over every schedule
   * @param verdict what the run shows, in one sentence
   */
  public record Entry(
      String strategy,
      Strategy.Kind kind,
      String description,
      String program,
      RunResult result,
      Verdict verdict) {}

  /**
   * What a strategy's run shows.
   *
   * @param raceFree no access raced in any schedule
   * @param raceFreeButIncorrect race-free, yet updates were lost, an {@code expect final} failed, a
   *     thread panicked, or the final values differ between schedules
   * @param sentence the verdict in words, starting with the strategy's name
   */
  public record Verdict(boolean raceFree, boolean raceFreeButIncorrect, String sentence) {}

  /**
   * Runs the experiment once per strategy.
   *
   * @param base the experiment to repeat; its own strategy is ignored
   * @param strategies strategy names, in the order to show them
   * @param progress told about every schedule of every strategy, as one long count
   * @throws ScenarioException when a strategy cannot protect a block (file:line:column)
   */
  public static Comparison run(
      Experiment base, List<String> strategies, Experiment.Progress progress)
      throws ScenarioException {
    Scenario s = base.scenario();
    warmUp(base, strategies);
    List<Entry> entries = new ArrayList<>();
    int total = base.replay() != null ? strategies.size() : strategies.size() * base.schedules();
    int[] done = {0};
    int[] racy = {0};
    for (String name : strategies) {
      Strategy strategy = Strategies.get(name);
      Experiment e = base.withStrategy(name);
      int doneBefore = done[0];
      int racyBefore = racy[0];
      RunResult r =
          e.run(
              (d, t, k) -> {
                done[0] = doneBefore + d;
                racy[0] = racyBefore + k;
                progress.update(done[0], total, racy[0]);
              });
      entries.add(
          new Entry(
              name,
              strategy.kind(),
              strategy.description(),
              program(Strategies.apply(name, s)),
              r,
              verdict(name, strategy.kind(), r)));
    }
    return new Comparison(
        s.name(),
        s.file(),
        s.about(),
        Strategies.hasCritical(s),
        base.replay() != null ? "replay" : base.scheduler(),
        base.seed(),
        base.replay() != null ? 1 : base.schedules(),
        List.copyOf(entries));
  }

  /**
   * The locations whose final value is not the same in every outcome of every strategy (the ones
   * worth showing); all locations when none varies, since then any outcome says everything.
   */
  public Set<String> varyingLocations() {
    Map<String, Set<String>> values = new LinkedHashMap<>();
    for (Entry e : entries) {
      for (FinalOutcome f : e.result().finals()) {
        f.values().forEach((k, v) -> values.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(v));
      }
    }
    Set<String> varying = new LinkedHashSet<>();
    values.forEach(
        (k, vs) -> {
          if (vs.size() > 1) {
            varying.add(k);
          }
        });
    return varying.isEmpty() ? values.keySet() : varying;
  }

  /**
   * Runs a few schedules of every strategy and throws them away. It checks every strategy against
   * the scenario before anything long runs, and it lets the JVM compile the simulator's hot code
   * first, so that the first strategy's wall time is not inflated by the warm-up all strategies
   * would otherwise leave to it.
   */
  private static void warmUp(Experiment base, List<String> strategies) throws ScenarioException {
    for (String name : strategies) {
      Experiment e = base.withStrategy(name);
      e.withSchedules(Math.min(WARM_UP_SCHEDULES, Math.max(1, e.schedules())))
          .run(Experiment.Progress.NONE);
    }
  }

  /** The declarations and threads of a scenario as text (no title, about or expectations). */
  static String program(Scenario s) {
    return ScenarioPrinter.print(
        new Scenario(s.file(), "", null, null, s.decls(), s.threads(), List.of(), 0));
  }

  /**
   * The sentence for one strategy's run: its data races, then what went wrong without one (lost
   * updates, failed {@code expect final}, panics, differing outcomes, UB, deadlocks, runs stopped
   * at the step limit), and, when the run was race-free but not correct, why.
   */
  public static Verdict verdict(String strategy, Strategy.Kind kind, RunResult r) {
    int n = r.explored();
    Tally t = r.tally();
    boolean raceFree = r.racySchedules() == 0 && t.racingAccesses() == 0;
    List<String> wrong = new ArrayList<>();
    if (t.lostUpdateSchedules() > 0) {
      wrong.add(
          "updates to "
              + Prose.list(lostLocations(r))
              + " were lost in "
              + of(t.lostUpdateSchedules(), n));
    }
    boolean finalFailed = false;
    for (ExpectationResult x : r.expectations()) {
      if (!x.held() && x.text().startsWith("final")) {
        finalFailed = true;
        wrong.add(
            "`expect " + x.text() + "` failed in " + of(x.schedules() - x.schedulesHeld(), n));
      }
    }
    if (t.panicSchedules() > 0 && !r.panics().isEmpty()) {
      wrong.add(
          "a thread panicked in "
              + of(t.panicSchedules(), n)
              + " ("
              + r.panics().get(0).item().message()
              + ")");
    }
    if (t.lostUpdateSchedules() == 0 && !finalFailed && r.finals().size() > 1) {
      wrong.add("the final values differ between schedules (" + r.finals().size() + " outcomes)");
    }
    boolean incorrect = !wrong.isEmpty();
    List<String> other = new ArrayList<>();
    if (t.ubSchedules() > 0) {
      Set<String> kinds = new LinkedHashSet<>();
      r.ub().stream()
          .filter(u -> u.item().kind() != UbKind.DATA_RACE)
          .forEach(u -> kinds.add(u.item().kind().label()));
      other.add(
          "undefined behaviour (" + String.join(", ", kinds) + ") in " + of(t.ubSchedules(), n));
    }
    if (r.deadlock() != null) {
      other.add("a deadlock in " + of(r.deadlock().schedules(), n));
    }
    if (r.stepLimit() != null) {
      other.add("runs stopped at the step limit in " + of(r.stepLimit().schedules(), n));
    }
    List<String> problems = new ArrayList<>(wrong);
    problems.addAll(other);
    StringBuilder sb = new StringBuilder(strategy).append(": ");
    if (raceFree) {
      sb.append("no data race");
      if (problems.isEmpty()) {
        sb.append(
            n == 1
                ? " and no lost update"
                : ", no lost update, and the same final values in every schedule");
      } else {
        sb.append(", but ").append(Prose.list(problems));
        if (incorrect) {
          sb.append(": ").append(why(strategy, kind, t.lostUpdateSchedules() > 0));
        }
      }
    } else {
      sb.append("data races on ")
          .append(Prose.list(new ArrayList<>(t.racySchedulesByLocation().keySet())))
          .append(" in ")
          .append(of(r.racySchedules(), n));
      if (!problems.isEmpty()) {
        sb.append(", and ").append(Prose.list(problems));
      }
    }
    return new Verdict(raceFree, raceFree && incorrect, sb.toString());
  }

  private static String why(String strategy, Strategy.Kind kind, boolean lostUpdates) {
    return switch (kind) {
      case ATOMIC -> {
        if (lostUpdates) {
          yield "every access is atomic, but the read-modify-write is not";
        }
        if (strategy.equals("relaxed")) {
          yield "every access is atomic, but relaxed accesses order nothing, so a thread can see"
              + " one write and miss the writes before it";
        }
        yield "every access is atomic, but the critical block as a whole is not, so other threads"
            + " can see it half done";
      }
      case LOCK ->
          "the critical blocks exclude each other, so this comes from code outside them or from"
              + " the order in which they ran";
      case NONE -> "no access raced, yet the outcome depends on the schedule";
    };
  }

  private static List<String> lostLocations(RunResult r) {
    Set<String> out = new LinkedHashSet<>();
    for (Seen<LostUpdate> s : r.tally().lostUpdates()) {
      out.add(Prose.declaration(s.item().location()));
    }
    return new ArrayList<>(out);
  }

  private static String of(int k, int n) {
    return n == 1
        ? (k == 1 ? "the schedule" : "no schedule")
        : String.format(Locale.ROOT, "%d of %d schedules", k, n);
  }
}
