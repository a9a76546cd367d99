package org.racelab.report.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.racelab.clock.VectorClock;
import org.racelab.exec.Execution;
import org.racelab.exec.Findings;
import org.racelab.exec.LedgerEntry;
import org.racelab.experiment.ExpectationResult;
import org.racelab.experiment.Explanations;
import org.racelab.experiment.Exploration;
import org.racelab.experiment.FinalOutcome;
import org.racelab.experiment.LostUpdate;
import org.racelab.experiment.RaceView;
import org.racelab.experiment.RunResult;
import org.racelab.experiment.Seen;
import org.racelab.experiment.Tally;

/** Builds the JSON records from finished results. */
public final class JsonModel {
  private JsonModel() {}

  /** The JSON object of one run (aggregated over its schedules). */
  public static RunJson run(RunResult r) {
    Execution e = r.representative().execution();
    List<String> threads = e.threads();
    List<RunJson.RaceJson> races = new ArrayList<>();
    for (Seen<RaceView> s : r.races()) {
      RaceView v = s.item();
      races.add(
          new RunJson.RaceJson(
              v.location(),
              v.kind(),
              access(v.first(), threads),
              access(v.second(), threads),
              Explanations.race(v, threads),
              s.schedules(),
              s.firstReplay()));
    }
    List<RunJson.UbJson> ub = new ArrayList<>();
    for (Seen<Findings.Ub> s : r.ub()) {
      Findings.Ub u = s.item();
      ub.add(
          new RunJson.UbJson(
              u.kind().label(),
              u.thread(),
              u.line(),
              u.location(),
              u.message(),
              s.schedules(),
              s.firstReplay()));
    }
    List<RunJson.LeakJson> leaks = new ArrayList<>();
    for (Seen<Findings.Leak> s : r.leaks()) {
      Findings.Leak l = s.item();
      leaks.add(
          new RunJson.LeakJson(
              l.name(), l.kind(), l.bytes(), l.thread(), l.line(), l.address(), s.schedules()));
    }
    RunJson.DeadlockJson deadlock = null;
    if (r.deadlock() != null) {
      Findings.Deadlock d = r.deadlock().item();
      List<RunJson.BlockedJson> blocked = new ArrayList<>();
      for (Findings.Blocked b : d.blocked()) {
        blocked.add(new RunJson.BlockedJson(b.thread(), b.line(), b.waitsFor(), b.heldBy()));
      }
      deadlock =
          new RunJson.DeadlockJson(
              blocked, d.cycle(), r.deadlock().schedules(), r.deadlock().firstReplay());
    }
    List<RunJson.WarningJson> warnings = new ArrayList<>();
    for (Seen<Findings.Warning> s : r.warnings()) {
      Findings.Warning w = s.item();
      List<RunJson.LockEdgeJson> edges = new ArrayList<>();
      for (Findings.LockEdge le : w.edges()) {
        edges.add(
            new RunJson.LockEdgeJson(
                le.thread(), le.held(), le.heldLine(), le.acquired(), le.line()));
      }
      warnings.add(
          new RunJson.WarningJson(
              w.kind(), w.message(), w.locks(), edges, s.schedules(), s.firstReplay()));
    }
    List<RunJson.PanicJson> panics = new ArrayList<>();
    for (Seen<Findings.Panic> s : r.panics()) {
      Findings.Panic p = s.item();
      panics.add(
          new RunJson.PanicJson(p.thread(), p.line(), p.message(), s.schedules(), s.firstReplay()));
    }
    List<RunJson.LedgerJson> ledger = new ArrayList<>();
    Map<String, int[]> byLocation = new LinkedHashMap<>();
    int racing = 0;
    for (LedgerEntry le : e.ledger()) {
      ledger.add(
          new RunJson.LedgerJson(
              le.index(),
              le.step(),
              le.thread(),
              le.line(),
              le.op(),
              le.location(),
              clock(le.clock(), threads),
              le.classification(),
              le.racesWith(),
              le.afterUb(),
              le.value()));
      int[] counts = byLocation.computeIfAbsent(le.location(), k -> new int[2]);
      counts[le.racing() ? 1 : 0]++;
      racing += le.racing() ? 1 : 0;
    }
    Map<String, RunJson.LocationJson> locations = new LinkedHashMap<>();
    byLocation.forEach((k, v) -> locations.put(k, new RunJson.LocationJson(v[0], v[1])));
    List<RunJson.ExpectationJson> expectations = new ArrayList<>();
    for (ExpectationResult x : r.expectations()) {
      expectations.add(
          new RunJson.ExpectationJson(
              x.text(),
              x.line(),
              x.held(),
              x.existential() ? "can happen" : "always",
              x.schedulesHeld(),
              x.schedules(),
              x.witness()));
    }
    List<RunJson.FinalJson> finals = new ArrayList<>();
    for (FinalOutcome f : r.finals()) {
      finals.add(new RunJson.FinalJson(f.values(), f.schedules()));
    }
    RunJson.StepLimitJson stepLimit =
        r.stepLimit() == null
            ? null
            : new RunJson.StepLimitJson(
                r.stepLimit().item().limit(),
                r.stepLimit().item().message(),
                r.stepLimit().schedules());
    Map<String, List<String>> byDetector = null;
    if (r.detectors().size() > 1) {
      byDetector = new LinkedHashMap<>();
      for (Map.Entry<String, Set<String>> d : e.racingByDetector().entrySet()) {
        byDetector.put(d.getKey(), List.copyOf(d.getValue()));
      }
    }
    return new RunJson(
        r.scenario(),
        r.file(),
        r.strategy(),
        r.detectors().size() > 1 ? "all" : r.detectors().get(0),
        new RunJson.ScheduleJson(
            r.scheduleKind(), r.representative().seed(), r.representative().replay()),
        races,
        ub,
        leaks,
        deadlock,
        warnings,
        panics,
        new RunJson.AccessesJson(e.ledger().size(), e.ledger().size() - racing, racing, locations),
        ledger,
        expectations,
        e.finalValues(),
        schedules(r),
        finals,
        stepLimit,
        e.notes(),
        threads,
        e.statistics(),
        byDetector,
        r.steps(),
        r.wallMillis(),
        totals(r.tally()),
        lostUpdates(r.tally()));
  }

  private static RunJson.TotalsJson totals(Tally t) {
    return new RunJson.TotalsJson(
        t.accesses(),
        t.synchronisedAccesses(),
        t.racingAccesses(),
        t.racySchedulesByLocation(),
        t.lostUpdateSchedules(),
        t.spinSteps(),
        t.blockedSteps(),
        t.panicSchedules(),
        t.ubSchedules());
  }

  private static List<RunJson.LostUpdateJson> lostUpdates(Tally t) {
    List<RunJson.LostUpdateJson> out = new ArrayList<>();
    for (Seen<LostUpdate> s : t.lostUpdates()) {
      LostUpdate u = s.item();
      out.add(
          new RunJson.LostUpdateJson(
              u.location(),
              u.write().thread(),
              u.read().line(),
              u.write().line(),
              u.overwritten().thread(),
              u.overwritten().line(),
              u.explain(),
              s.schedules(),
              s.firstReplay()));
    }
    return out;
  }

  private static RunJson.SchedulesJson schedules(RunResult r) {
    Exploration x = r.exploration();
    if (x == null) {
      return new RunJson.SchedulesJson(
          r.explored(), r.racySchedules(), r.complete(), null, null, null, null, null, null);
    }
    return new RunJson.SchedulesJson(
        r.explored(),
        r.racySchedules(),
        r.complete(),
        x.cutBy(),
        x.redundant(),
        x.spinBounded(),
        x.maxSchedules(),
        x.preemptionBound() < 0 ? null : x.preemptionBound(),
        x.spinBound());
  }

  /** An access for JSON. */
  public static RunJson.AccessJson access(LedgerEntry le, List<String> threads) {
    return new RunJson.AccessJson(le.thread(), le.line(), le.op(), clock(le.clock(), threads));
  }

  /** A clock as a map from thread name to counter, every thread of the run listed. */
  public static Map<String, Integer> clock(VectorClock c, List<String> threads) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int t = 0; t < threads.size(); t++) {
      m.put(threads.get(t), c.get(t));
    }
    return m;
  }
}
