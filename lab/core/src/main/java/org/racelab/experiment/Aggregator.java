package org.racelab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.racelab.exec.Execution;
import org.racelab.exec.Findings;
import org.racelab.exec.LedgerEntry;
import org.racelab.exec.Program;
import org.racelab.scenario.Expectation;
import org.racelab.scenario.Scenario;

/** Folds the runs of an experiment into one {@link RunResult}. */
final class Aggregator {
  private Aggregator() {}

  static RunResult aggregate(
      Program program,
      String strategy,
      List<String> detectors,
      String scheduleKind,
      long seed,
      boolean complete,
      List<SingleRun> runs,
      long wallMillis) {
    Scenario s = program.scenario();
    SingleRun rep = representative(runs);
    int racy = 0;
    long steps = 0;
    for (SingleRun r : runs) {
      racy += r.execution().races().isEmpty() ? 0 : 1;
      steps += r.execution().stepCount();
    }
    List<Seen<RaceView>> races = union(runs, r -> views(r.execution()), v -> key(v));
    List<Seen<Findings.Ub>> ub =
        union(
            runs,
            r -> r.execution().ub(),
            u -> u.kind() + "|" + u.line() + "|" + base(u.location()) + "|" + u.thread());
    List<Seen<Findings.Leak>> leaks =
        union(runs, r -> r.execution().leaks(), l -> l.name() + "|" + l.line() + "|" + l.thread());
    List<Seen<Findings.Panic>> panics =
        union(
            runs,
            r -> r.execution().panics(),
            p -> p.thread() + "|" + p.line() + "|" + p.message());
    Seen<Findings.Deadlock> deadlock = first(runs, r -> r.execution().deadlock());
    Seen<Findings.StepLimit> stepLimit = first(runs, r -> r.execution().stepLimit());
    List<ExpectationResult> expectations = new ArrayList<>();
    for (int k = 0; k < program.expectations().size(); k++) {
      expectations.add(grade(program.expectations().get(k).expectation(), k, runs));
    }
    Map<Map<String, String>, Integer> finals = new LinkedHashMap<>();
    for (SingleRun r : runs) {
      if (r.execution().completed()) {
        finals.merge(r.execution().finalValues(), 1, Integer::sum);
      }
    }
    List<FinalOutcome> outcomes = new ArrayList<>();
    finals.forEach((values, n) -> outcomes.add(new FinalOutcome(values, n)));
    outcomes.sort((a, b) -> Integer.compare(b.schedules(), a.schedules()));
    return new RunResult(
        s.name(),
        s.file(),
        s.source(),
        s.about(),
        strategy,
        detectors,
        scheduleKind,
        seed,
        runs.size(),
        racy,
        complete,
        rep,
        races,
        ub,
        leaks,
        panics,
        deadlock,
        stepLimit,
        expectations,
        outcomes,
        wallMillis,
        steps);
  }

  private static SingleRun representative(List<SingleRun> runs) {
    for (SingleRun r : runs) {
      if (r.eventful()) {
        return r;
      }
    }
    for (SingleRun r : runs) {
      if (r.verdicts().contains(Boolean.FALSE)) {
        return r;
      }
    }
    return runs.get(0);
  }

  private static ExpectationResult grade(Expectation e, int k, List<SingleRun> runs) {
    int held = 0;
    String witness = null;
    boolean existential = e.existential();
    for (SingleRun r : runs) {
      boolean v = r.verdicts().get(k);
      if (v) {
        held++;
      }
      if (witness == null && v == existential && !r.replay().isEmpty()) {
        witness = r.replay();
      }
    }
    boolean ok = existential ? held > 0 : held == runs.size();
    return new ExpectationResult(
        e.text(),
        e.pos().line(),
        ok,
        existential,
        held,
        runs.size(),
        runs.size() > 1 ? witness : null);
  }

  private static <T> List<Seen<T>> union(
      List<SingleRun> runs, Function<SingleRun, List<T>> items, Function<T, String> key) {
    Map<String, Seen<T>> seen = new LinkedHashMap<>();
    for (SingleRun r : runs) {
      Map<String, T> inThisRun = new LinkedHashMap<>();
      for (T item : items.apply(r)) {
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
    return new ArrayList<>(seen.values());
  }

  private static <T> @Nullable Seen<T> first(
      List<SingleRun> runs, Function<SingleRun, @Nullable T> item) {
    Seen<T> out = null;
    int n = 0;
    for (SingleRun r : runs) {
      T t = item.apply(r);
      if (t != null) {
        n++;
        if (out == null) {
          out = new Seen<>(t, 1, r.seed(), r.replay());
        }
      }
    }
    return out == null ? null : new Seen<>(out.item(), n, out.firstSeed(), out.firstReplay());
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

  private static String key(RaceView v) {
    return base(v.location())
        + "|"
        + v.first().line()
        + "|"
        + v.first().op()
        + "|"
        + v.second().line()
        + "|"
        + v.second().op();
  }

  /** {@code read}, {@code write}, {@code atomic read}, {@code free}, {@code alloc}. */
  static String shortOp(LedgerEntry e) {
    String op = e.op();
    if (op.startsWith("free") || op.startsWith("drop") || op.startsWith("pop")) {
      return "free";
    }
    if (op.startsWith("alloc") || op.startsWith("box new") || op.startsWith("stack slot")) {
      return "alloc";
    }
    return (e.atomic() ? "atomic " : "") + (e.write() ? "write" : "read");
  }

  static String base(String location) {
    String l = location.startsWith("*") ? location.substring(1) : location;
    int cut = l.length();
    for (char c : new char[] {'[', '@'}) {
      int k = l.indexOf(c);
      if (k >= 0) {
        cut = Math.min(cut, k);
      }
    }
    return l.substring(0, cut);
  }
}
