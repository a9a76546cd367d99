package org.racelab.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.racelab.clock.VectorClock;
import org.racelab.detect.AccessKind;
import org.racelab.detect.AnalysisResult;
import org.racelab.detect.ClockTable;
import org.racelab.detect.DetectorDriver;
import org.racelab.detect.Detectors;
import org.racelab.detect.TraceAnalysis;
import org.racelab.exec.Execution;
import org.racelab.exec.ExportedTrace;
import org.racelab.exec.LedgerEntry;
import org.racelab.exec.TraceExport;
import org.racelab.trace.StdTraceReader;
import org.racelab.trace.TraceFormat;
import org.racelab.trace.TraceHandler;
import org.racelab.trace.TraceSummary;

/**
 * Checks that an exported run ({@link TraceExport}) has the simulation's happens-before, by reading
 * the file's text back and analysing it offline with DJIT+ and FastTrack, as {@code racelab
 * analyze} would. Shared by the catalogue test (every scenario) and the hand-written unit tests.
 *
 * <ul>
 *   <li>RaceLab's own format: each ledger entry is racing exactly when one of its lines (one per
 *       cell) is racy offline, and the racy cells are the ones the simulator's detector named.
 *   <li>Both formats, line by line: a line is racy offline exactly when the simulation's own clocks
 *       (the ledger's clock of each access) leave some earlier conflicting line of another thread
 *       unordered with it. In STD, which has no atomics, only plain lines exist, so this is the
 *       simulation's verdict restricted to races between plain accesses: the one thing STD loses.
 *   <li>STD, for runs without atomic accesses: each ledger entry is racing exactly as in the
 *       simulation.
 *   <li>Neither export reports an approximation.
 * </ul>
 */
public final class ExportChecks {
  /** The detectors every export is analysed with, in the order of {@link Line#racy}. */
  public static final List<String> DETECTORS = List.of("fasttrack", "djit");

  private ExportChecks() {}

  /**
   * One access line of an analysed trace.
   *
   * @param thread the thread's id in the trace
   * @param threadName its name
   * @param variable the variable's name
   * @param kind the {@link AccessKind}
   * @param racyFastTrack whether FastTrack found the line racy
   * @param racyDjit whether DJIT+ found the line racy
   */
  public record Line(
      int thread,
      String threadName,
      String variable,
      int kind,
      boolean racyFastTrack,
      boolean racyDjit) {
    /** Whether the line is racy ({@link #analyse} checks that both detectors agree). */
    public boolean isRacy() {
      return racyFastTrack;
    }

    /** The verdict of detector {@code d} of {@link #DETECTORS}. */
    boolean racy(int d) {
      return d == 0 ? racyFastTrack : racyDjit;
    }
  }

  /** Exports the run in both formats and checks both against the simulation. */
  public static void assertExact(Execution run, String where) throws Exception {
    checkOwnFormat(run, where);
    checkStd(run, where);
  }

  private static void checkOwnFormat(Execution run, String where) throws Exception {
    ExportedTrace t = TraceExport.export(run, TraceFormat.RACELAB);
    assertEquals(List.of(), t.approximations(), where);
    List<Line> lines = analyse(t, where);
    List<LedgerEntry> ledger = run.ledger();
    boolean[][] entryRacy = new boolean[2][ledger.size()];
    for (int j = 0; j < lines.size(); j++) {
      int entry = t.accessLedger().get(j);
      for (int d = 0; d < 2; d++) {
        entryRacy[d][entry] |= lines.get(j).racy(d);
      }
    }
    for (LedgerEntry e : ledger) {
      for (int d = 0; d < 2; d++) {
        int detector = d;
        assertEquals(
            e.racing(),
            entryRacy[d][e.index()],
            () ->
                where + ": " + DETECTORS.get(detector) + " on ledger entry " + e + "\n" + text(t));
      }
    }
    Set<String> offline = new TreeSet<>();
    for (Line l : lines) {
      if (l.isRacy()) {
        offline.add(l.variable().replaceAll("#\\d+$", ""));
      }
    }
    Set<String> simulated = new TreeSet<>(run.racingByDetector().get("fasttrack"));
    assertEquals(simulated, offline, where + ": racy cells");
    matchesSimulatedClocks(t, lines, run, where);
  }

  private static void checkStd(Execution run, String where) throws Exception {
    ExportedTrace t = TraceExport.export(run, TraceFormat.STD);
    assertEquals(List.of(), t.approximations(), where);
    List<Line> lines = analyse(t, where);
    matchesSimulatedClocks(t, lines, run, where);
    boolean atomics = run.ledger().stream().anyMatch(LedgerEntry::atomic);
    if (!atomics) {
      assertEquals(0, t.omittedAtomics());
      boolean[] entryRacy = new boolean[run.ledger().size()];
      for (int j = 0; j < lines.size(); j++) {
        entryRacy[t.accessLedger().get(j)] |= lines.get(j).isRacy();
      }
      for (LedgerEntry e : run.ledger()) {
        assertEquals(
            e.racing(), entryRacy[e.index()], () -> where + ": STD on " + e + "\n" + text(t));
      }
    }
  }

  /**
   * Line by line against the simulation's happens-before, from the ledger's clocks alone: access a
   * (thread u) happens before access b iff {@code a.clock[u] <= b.clock[u]}. Since u's own clock
   * entry never decreases, b is unordered with some earlier conflicting access of u exactly when
   * the largest such entry among u's earlier accesses of a conflicting kind to b's variable exceeds
   * {@code b.clock[u]}; keeping that maximum per variable, thread and kind makes the check linear
   * (a quadratic scan over pairs is too slow for runs that spin up to the step limit).
   */
  private static void matchesSimulatedClocks(
      ExportedTrace t, List<Line> lines, Execution run, String where) {
    Map<String, int[][]> latest = new HashMap<>();
    int threads = run.threads().size();
    for (int j = 0; j < lines.size(); j++) {
      Line b = lines.get(j);
      VectorClock cb = run.ledger().get(t.accessLedger().get(j)).clock();
      int tb = run.threads().indexOf(b.threadName());
      int[][] seen = latest.computeIfAbsent(b.variable(), v -> new int[threads][4]);
      boolean unordered = false;
      for (int u = 0; u < threads && !unordered; u++) {
        for (int kind = 0; kind < 4 && u != tb; kind++) {
          if (AccessKind.conflicts(kind, b.kind()) && seen[u][kind] > cb.get(u)) {
            unordered = true;
          }
        }
      }
      seen[tb][b.kind()] = Math.max(seen[tb][b.kind()], cb.get(tb));
      for (int d = 0; d < 2; d++) {
        int detector = d;
        int line = j + 1;
        boolean expected = unordered;
        assertEquals(
            expected,
            b.racy(d),
            () ->
                where
                    + " ("
                    + t.format().cliName()
                    + "): "
                    + DETECTORS.get(detector)
                    + " on access line "
                    + line
                    + " "
                    + b.threadName()
                    + " "
                    + b.variable()
                    + "\n"
                    + text(t));
      }
    }
  }

  /**
   * Reads the trace's text back and analyses it: per access line the two detectors' verdicts
   * (checked to agree with each other), and {@link TraceAnalysis}'s counts, which must agree with
   * them.
   */
  public static List<Line> analyse(ExportedTrace t, String where) throws Exception {
    byte[] bytes = t.text(List.of("test export")).getBytes(StandardCharsets.UTF_8);
    ClockTable clocks = new ClockTable();
    DetectorDriver driver =
        new DetectorDriver(
            clocks,
            List.of(
                Detectors.create(DETECTORS.get(0), clocks),
                Detectors.create(DETECTORS.get(1), clocks)));
    List<int[]> raw = new ArrayList<>();
    List<boolean[]> racy = new ArrayList<>();
    TraceHandler recording =
        new TraceHandler() {
          @Override
          public void access(int thread, int variable, int kind, int site) {
            driver.access(thread, variable, kind, site);
            raw.add(new int[] {thread, variable, kind});
            racy.add(new boolean[] {driver.racy(0), driver.racy(1)});
          }

          @Override
          public void acquire(int thread, int lock, boolean shared, int site) {
            driver.acquire(thread, lock, shared, site);
          }

          @Override
          public void release(int thread, int lock, boolean shared, int site) {
            driver.release(thread, lock, shared, site);
          }

          @Override
          public void send(int thread, int object, int site) {
            driver.send(thread, object, site);
          }

          @Override
          public void receive(int thread, int object, int site) {
            driver.receive(thread, object, site);
          }

          @Override
          public void fork(int parent, int child, int site) {
            driver.fork(parent, child, site);
          }

          @Override
          public void join(int joiner, int child, int site) {
            driver.join(joiner, child, site);
          }
        };
    TraceSummary summary =
        new StdTraceReader(null)
            .read(new ByteArrayInputStream(bytes), where + "." + t.format().cliName(), recording);
    assertEquals(t.format(), summary.format(), where);
    List<Line> lines = new ArrayList<>();
    long racyLines = 0;
    Set<Integer> racyVariables = new TreeSet<>();
    for (int i = 0; i < raw.size(); i++) {
      int[] r = raw.get(i);
      boolean[] verdicts = racy.get(i);
      assertEquals(verdicts[0], verdicts[1], where + ": DJIT+ and FastTrack on line " + (i + 1));
      lines.add(
          new Line(
              r[0],
              summary.threads().name(r[0]),
              summary.variables().name(r[1]),
              r[2],
              verdicts[0],
              verdicts[1]));
      if (verdicts[0]) {
        racyLines++;
        racyVariables.add(r[1]);
      }
    }
    assertEquals(t.accessLedger().size(), lines.size(), where + ": access lines");
    TraceAnalysis analysis = new TraceAnalysis(DETECTORS);
    TraceSummary again =
        new StdTraceReader(null).read(new ByteArrayInputStream(bytes), where, analysis);
    for (AnalysisResult r : analysis.results(again, 0)) {
      assertEquals(racyLines, r.racyEvents(), where + ": " + r.detector() + " racy events");
      assertEquals(
          racyVariables.size(), r.racyVariables(), where + ": " + r.detector() + " variables");
    }
    return lines;
  }

  /** The trace's text without comments, for failure messages. */
  public static String text(ExportedTrace t) {
    return t.text(List.of());
  }
}
