package org.racelab.experiment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.racelab.exec.Execution;
import org.racelab.exec.Findings;
import org.racelab.exec.LedgerEntry;
import org.racelab.exec.Machine;
import org.racelab.exec.Program;
import org.racelab.memory.UbKind;
import org.racelab.scenario.Expectation;
import org.racelab.scenario.Scenario;

/**
 * Folds the runs of an experiment into one {@link RunResult}, one run at a time, so that long
 * explorations keep only what the result shows (the representative run, the first occurrence of
 * each finding, and counters), not every run.
 */
final class Aggregator {
  private final Program program;
  private final Map<String, Seen<RaceView>> races = new LinkedHashMap<>();
  private final Map<String, Seen<Findings.Ub>> ub = new LinkedHashMap<>();
  private final Map<String, Seen<Findings.Leak>> leaks = new LinkedHashMap<>();
  private final Map<String, Seen<Findings.Panic>> panics = new LinkedHashMap<>();
  private final Map<String, Seen<Findings.Warning>> warnings = new LinkedHashMap<>();
  private final Map<String, Seen<LostUpdate>> lostUpdates = new LinkedHashMap<>();
  private @Nullable Seen<Findings.Deadlock> deadlock;
  private @Nullable Seen<Findings.StepLimit> stepLimit;
  private final int[] held;
  private final @Nullable String[] witness;
  private final Map<Map<String, String>, Integer> finals = new LinkedHashMap<>();
  private final Map<String, Integer> racyByLocation = new LinkedHashMap<>();
  private @Nullable SingleRun first;
  private @Nullable SingleRun firstEventful;
  private @Nullable SingleRun firstFailing;
  private int runs;
  private int racy;
  private long steps;
  private long accesses;
  private long racingAccesses;
  private long spinSteps;
  private long blockedSteps;
  private int lostSchedules;
  private int panicSchedules;
  private int ubSchedules;

  Aggregator(Program program) {
    this.program = program;
    this.held = new int[program.expectations().size()];
    this.witness = new String[program.expectations().size()];
  }

  /** How many runs were added. */
  int runs() {
    return runs;
  }

  /** In how many of them a race occurred. */
  int racy() {
    return racy;
  }

  /** Adds one run. */
  void add(SingleRun r) {
    Execution e = r.execution();
    runs++;
    racy += e.races().isEmpty() ? 0 : 1;
    steps += e.stepCount();
    if (first == null) {
      first = r;
    }
    if (firstEventful == null && r.eventful()) {
      firstEventful = r;
    }
    if (firstFailing == null && r.verdicts().contains(Boolean.FALSE)) {
      firstFailing = r;
    }
    union(races, r, views(e), Aggregator::key);
    union(
        ub,
        r,
        e.ub(),
        u -> u.kind() + "|" + u.line() + "|" + Prose.declaration(u.location()) + "|" + u.thread());
    union(leaks, r, e.leaks(), l -> l.name() + "|" + l.line() + "|" + l.thread());
    union(panics, r, e.panics(), p -> p.thread() + "|" + p.line() + "|" + p.message());
    union(warnings, r, e.warnings(), w -> w.kind() + "|" + w.locks());
    deadlock = first(deadlock, r, e.deadlock());
    stepLimit = first(stepLimit, r, e.stepLimit());
    for (int k = 0; k < held.length; k++) {
      boolean v = r.verdicts().get(k);
      if (v) {
        held[k]++;
      }
      if (witness[k] == null
          && v == program.expectations().get(k).expectation().existential()
          && !r.replay().isEmpty()) {
        witness[k] = r.replay();
      }
    }
    if (e.completed()) {
      finals.merge(e.finalValues(), 1, Integer::sum);
    }
    tally(r);
  }

  /** Counts over every schedule what the representative schedule alone cannot show. */
  private void tally(SingleRun r) {
    Execution e = r.execution();
    accesses += e.ledger().size();
    spinSteps += e.spinSteps();
    blockedSteps += e.blockedSteps();
    Set<String> racyHere = new LinkedHashSet<>();
    for (LedgerEntry le : e.ledger()) {
      if (le.racing()) {
        racingAccesses++;
        racyHere.add(Prose.declaration(le.location()));
      }
    }
    for (String l : racyHere) {
      racyByLocation.merge(l, 1, Integer::sum);
    }
    List<LostUpdate> lost = LostUpdates.find(e);
    if (!lost.isEmpty()) {
      lostSchedules++;
    }
    union(
        lostUpdates,
        r,
        lost,
        u ->
            Prose.declaration(u.location())
                + "|"
                + u.read().line()
                + "|"
                + u.write().line()
                + "|"
                + u.overwritten().line());
    if (!e.panics().isEmpty()) {
      panicSchedules++;
    }
    if (e.ub().stream().anyMatch(u -> u.kind() != UbKind.DATA_RACE)) {
      ubSchedules++;
    }
  }

  /** The result so far (at least one run must have been added). */
  RunResult result(
      String strategy,
      List<String> detectors,
      String scheduleKind,
      long seed,
      boolean complete,
      @Nullable Exploration exploration,
      Machine.Options options,
      long wallMillis) {
    if (first == null) {
      throw new IllegalStateException("no run to aggregate");
    }
    Scenario s = program.scenario();
    SingleRun rep =
        firstEventful != null ? firstEventful : firstFailing != null ? firstFailing : first;
    List<ExpectationResult> expectations = new ArrayList<>();
    for (int k = 0; k < held.length; k++) {
      Expectation x = program.expectations().get(k).expectation();
      boolean existential = x.existential();
      boolean ok = existential ? held[k] > 0 : held[k] == runs;
      expectations.add(
          new ExpectationResult(
              x.text(),
              x.pos().line(),
              ok,
              existential,
              held[k],
              runs,
              runs > 1 ? witness[k] : null));
    }
    List<FinalOutcome> outcomes = new ArrayList<>();
    finals.forEach((values, n) -> outcomes.add(new FinalOutcome(values, n)));
    outcomes.sort((a, b) -> Integer.compare(b.schedules(), a.schedules()));
    Tally tally =
        new Tally(
            accesses,
            racingAccesses,
            Collections.unmodifiableMap(new LinkedHashMap<>(racyByLocation)),
            lostSchedules,
            new ArrayList<>(lostUpdates.values()),
            spinSteps,
            blockedSteps,
            panicSchedules,
            ubSchedules);
    return new RunResult(
        s.name(),
        s.file(),
        s.source(),
        s.about(),
        strategy,
        detectors,
        scheduleKind,
        seed,
        runs,
        racy,
        complete,
        rep,
        new ArrayList<>(races.values()),
        new ArrayList<>(ub.values()),
        new ArrayList<>(leaks.values()),
        new ArrayList<>(panics.values()),
        deadlock,
        stepLimit,
        new ArrayList<>(warnings.values()),
        expectations,
        outcomes,
        wallMillis,
        steps,
        tally,
        exploration,
        options);
  }

  /** Aggregates a finished list of runs (tests and small experiments). */
  static RunResult aggregate(
      Program program,
      String strategy,
      List<String> detectors,
      String scheduleKind,
      long seed,
      boolean complete,
      List<SingleRun> runs,
      long wallMillis) {
    Aggregator a = new Aggregator(program);
    for (SingleRun r : runs) {
      a.add(r);
    }
    return a.result(
        strategy,
        detectors,
        scheduleKind,
        seed,
        complete,
        null,
        Machine.Options.DEFAULT,
        wallMillis);
  }

  private static <T> void union(
      Map<String, Seen<T>> seen, SingleRun r, List<T> items, Function<T, String> key) {
    Map<String, T> inThisRun = new LinkedHashMap<>();
    for (T item : items) {
      inThisRun.putIfAbsent(key.apply(item), item);
    }
    for (Map.Entry<String, T> e : inThisRun.entrySet()) {
      Seen<T> old = seen.get(e.getKey());
      seen.put(
          e.getKey(),
          old == null
              ? new Seen<>(e.getValue(), 1, r.seed(), r.replay())
              : new Seen<>(old.item(), old.schedules() + 1, old.firstSeed(), old.firstReplay()));
    }
  }

  private static <T> @Nullable Seen<T> first(@Nullable Seen<T> old, SingleRun r, @Nullable T item) {
    if (item == null) {
      return old;
    }
    return old == null
        ? new Seen<>(item, 1, r.seed(), r.replay())
        : new Seen<>(old.item(), old.schedules() + 1, old.firstSeed(), old.firstReplay());
  }

  static List<RaceView> views(Execution e) {
    List<RaceView> out = new ArrayList<>();
    for (Findings.Race r : e.races()) {
      LedgerEntry a = e.ledger().get(r.first());
      LedgerEntry b = e.ledger().get(r.second());
      out.add(new RaceView(r.location(), shortOp(a) + "-" + shortOp(b), a, b, r.occurrences()));
    }
    return out;
  }

  /** A race's identity across schedules: the block and the unordered pair of source accesses. */
  private static String key(RaceView v) {
    String x = v.first().line() + ":" + v.first().op();
    String y = v.second().line() + ":" + v.second().op();
    return Prose.declaration(v.location())
        + "|"
        + (x.compareTo(y) <= 0 ? x + "|" + y : y + "|" + x);
  }

  /** {@code read}, {@code write}, {@code atomic read}, {@code free}, {@code pop}, {@code alloc}. */
  static String shortOp(LedgerEntry e) {
    String op = e.op();
    if (op.startsWith("pop")) {
      // a stack slot is not freed but popped; for races it is the same whole-block write
      return "pop";
    }
    if (op.startsWith("free") || op.startsWith("drop")) {
      return "free";
    }
    if (op.startsWith("alloc") || op.startsWith("box new") || op.startsWith("stack slot")) {
      return "alloc";
    }
    return (e.atomic() ? "atomic " : "") + (e.write() ? "write" : "read");
  }
}
