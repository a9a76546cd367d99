package org.racelab.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.racelab.clock.VectorClock;
import org.racelab.detect.AccessKind;
import org.racelab.detect.ClockTable;
import org.racelab.detect.Detector;
import org.racelab.memory.Allocation;
import org.racelab.memory.UbKind;
import org.racelab.trace.Event;

/**
 * Wraps the run's detectors to build the rich ledger: every access with its clock, its
 * classification and the earlier accesses it races with; race pairs grouped by source shape; and
 * the UB list, whose first entry is the run's headline.
 *
 * <p>The first detector classifies; the others (for {@code --detector all}) are run on the same
 * accesses so that their verdicts can be compared per location.
 */
final class Recorder {
  private final List<Detector> detectors;
  private final ClockTable clocks;
  private final List<String> threadNames;
  private final List<LedgerEntry> ledger = new ArrayList<>();
  private final Map<String, Findings.Race> races = new LinkedHashMap<>();
  private final List<Findings.Ub> ubs = new ArrayList<>();
  private final Map<Long, Integer> lastAccess = new HashMap<>();
  private final Map<String, Set<String>> racingByDetector = new LinkedHashMap<>();
  private final Set<String> locations = new LinkedHashSet<>();
  private final RunTrace trace = new RunTrace();
  private final int[] partnerThread = new int[256];
  private final int[] partnerKind = new int[256];
  private int partners;
  private boolean firstUbSeen;
  private int firstUbStep = -1;
  private @Nullable Runnable onFirstUb;

  Recorder(List<Detector> detectors, ClockTable clocks, List<String> threadNames) {
    this.detectors = detectors;
    this.clocks = clocks;
    this.threadNames = threadNames;
    for (Detector d : detectors) {
      racingByDetector.put(d.name(), new LinkedHashSet<>());
    }
    detectors
        .get(0)
        .setConflictSink(
            (thread, kind, site, clock) -> {
              if (partners < partnerThread.length) {
                partnerThread[partners] = thread;
                partnerKind[partners] = kind;
                partners++;
              }
            });
  }

  void onFirstUb(Runnable r) {
    this.onFirstUb = r;
  }

  List<LedgerEntry> ledger() {
    return ledger;
  }

  List<Findings.Race> races() {
    return List.copyOf(races.values());
  }

  List<Findings.Ub> ubs() {
    return ubs;
  }

  /** The run's accesses and synchronisation in order, with clocks, for {@code run --trace}. */
  RunTrace trace() {
    return trace;
  }

  /** A lock acquire or release, fork or join (after the clock table has applied it). */
  void event(Event e) {
    int thread = threadNames.indexOf(e.thread());
    trace.add(new RunTrace.Sync(thread, e, clocks.snapshot(thread)));
  }

  /**
   * The end of a step that may have acquired a clock without a trace event (a receive, a barrier
   * departure, an atomic acquire, a fence): the export adds the edges that explain it here.
   */
  void settle(int thread, String label, int line) {
    trace.add(new RunTrace.Settle(thread, label, line, clocks.snapshot(thread)));
  }

  /** Per detector, the locations it found racing (for comparing detectors). */
  Map<String, Set<String>> racingByDetector() {
    return racingByDetector;
  }

  /** Every location that was accessed, in order of first access. */
  Set<String> locations() {
    return locations;
  }

  boolean afterUb() {
    return firstUbSeen;
  }

  int firstUbStep() {
    return firstUbStep;
  }

  /**
   * Records one access to cells [first, last] of a block (one ledger entry), asking every detector
   * about every cell.
   */
  int access(
      int step,
      int thread,
      int line,
      String op,
      String location,
      Allocation a,
      int first,
      int last,
      int kind,
      @Nullable String value) {
    int index = ledger.size();
    VectorClock clock = clocks.snapshot(thread);
    boolean racing = false;
    Set<Integer> with = new LinkedHashSet<>();
    for (int c = first; c <= last; c++) {
      int var = a.varBase() + c;
      partners = 0;
      boolean r = detectors.get(0).access(thread, var, line, kind);
      racing |= r;
      for (int i = 0; i < partners; i++) {
        Integer earlier = lastAccess.get(key(var, partnerThread[i], partnerKind[i]));
        if (earlier != null) {
          with.add(earlier);
        }
      }
      if (r) {
        racingByDetector.get(detectors.get(0).name()).add(a.cellName(c));
      }
      for (int d = 1; d < detectors.size(); d++) {
        if (detectors.get(d).access(thread, var, line, kind)) {
          racingByDetector.get(detectors.get(d).name()).add(a.cellName(c));
        }
      }
      lastAccess.put(key(var, thread, kind), index);
    }
    locations.add(location);
    boolean wasAfterUb = firstUbSeen;
    LedgerEntry e =
        new LedgerEntry(
            index,
            step,
            threadNames.get(thread),
            line,
            op,
            location,
            clock,
            racing,
            List.copyOf(with),
            wasAfterUb,
            value,
            AccessKind.isWrite(kind),
            AccessKind.isAtomic(kind));
    ledger.add(e);
    trace.add(new RunTrace.Access(thread, kind, flavour(op), a, first, last, line, index, clock));
    for (int earlier : with) {
      race(ledger.get(earlier), e, step);
    }
    return index;
  }

  /** Fills in the value of an entry recorded before its value was known (atomic loads). */
  void setValue(int index, String value) {
    LedgerEntry e = ledger.get(index);
    ledger.set(
        index,
        new LedgerEntry(
            e.index(),
            e.step(),
            e.thread(),
            e.line(),
            e.op(),
            e.location(),
            e.clock(),
            e.racing(),
            e.racesWith(),
            e.afterUb(),
            value,
            e.write(),
            e.atomic()));
  }

  private static RunTrace.Flavour flavour(String op) {
    if (op.startsWith("alloc") || op.startsWith("box new") || op.startsWith("stack")) {
      return RunTrace.Flavour.ALLOC;
    }
    if (op.startsWith("free") || op.startsWith("drop") || op.startsWith("pop")) {
      return RunTrace.Flavour.FREE;
    }
    return RunTrace.Flavour.ACCESS;
  }

  private static long key(int var, int thread, int kind) {
    return ((long) var << 24) | ((long) thread << 3) | kind;
  }

  private void race(LedgerEntry first, LedgerEntry second, int step) {
    String key = pairKey(first, second);
    Findings.Race old = races.get(key);
    if (old != null) {
      races.put(
          key, new Findings.Race(old.location(), old.first(), old.second(), old.occurrences() + 1));
      return;
    }
    races.put(key, new Findings.Race(second.location(), first.index(), second.index(), 1));
    ub(
        new Findings.Ub(
            UbKind.DATA_RACE,
            second.thread(),
            second.line(),
            second.location(),
            "the "
                + first.op()
                + " of "
                + first.location()
                + " by "
                + first.thread()
                + " at line "
                + first.line()
                + " and the "
                + second.op()
                + " by "
                + second.thread()
                + " at line "
                + second.line()
                + " are not ordered by happens-before",
            step,
            second.index()));
  }

  /**
   * The identity of a race: the location's block and the two source accesses, unordered — the same
   * pair of accesses is one race whichever of them happened first.
   */
  static String pairKey(LedgerEntry a, LedgerEntry b) {
    String x = a.line() + ":" + a.op();
    String y = b.line() + ":" + b.op();
    return baseName(a.location()) + "|" + (x.compareTo(y) <= 0 ? x + "|" + y : y + "|" + x);
  }

  /** The name of the allocation a location belongs to: {@code a} for {@code a[2]}. */
  static String baseName(String location) {
    location = location.startsWith("*") ? location.substring(1) : location;
    int cut = location.length();
    for (char c : new char[] {'[', '@'}) {
      int k = location.indexOf(c);
      if (k >= 0) {
        cut = Math.min(cut, k);
      }
    }
    return location.substring(0, cut);
  }

  void ub(Findings.Ub ub) {
    ubs.add(ub);
    if (!firstUbSeen) {
      firstUbSeen = true;
      firstUbStep = ub.step();
      if (onFirstUb != null) {
        onFirstUb.run();
      }
    }
  }
}
