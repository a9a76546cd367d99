package org.racelab.detect;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.racelab.trace.TraceHandler;
import org.racelab.trace.TraceSummary;

/**
 * Offline analysis of a trace: a {@link TraceHandler} that drives one {@link ClockTable} and one or
 * more detectors (all reading that table) and counts, per detector, what {@code racelab analyze}
 * reports: racy events (each racy access once, as RAPID counts), distinct racy source locations and
 * variables, and the first {@value #MAX_RACES} racing pairs. Only ids are kept while events stream;
 * names are looked up once at the end, from the reader's {@link TraceSummary}. Memory is bounded by
 * threads × variables × locks, never by the number of events.
 *
 * <p>Each detector gets a {@link ConflictSink} until it has produced {@value #MAX_RACES} pairs, and
 * {@link ConflictSink#NONE} after that, so long traces pay for reports only at their start.
 */
public final class TraceAnalysis implements TraceHandler {
  /** How many racing pairs are kept per detector. */
  public static final int MAX_RACES = 100;

  private final DetectorDriver driver;
  private final List<Detector> detectors;
  private final Slot[] slots;
  private final ClockTable clocks;
  private int currentThread;
  private int currentVariable;
  private int currentKind;
  private int currentSite;

  /** An analysis with fresh detectors of these names (see {@link Detectors#create}). */
  public TraceAnalysis(List<String> detectorNames) {
    this.clocks = new ClockTable();
    List<Detector> ds = new ArrayList<>();
    for (String name : detectorNames) {
      ds.add(Detectors.create(name, clocks));
    }
    this.detectors = List.copyOf(ds);
    this.driver = new DetectorDriver(clocks, ds);
    this.slots = new Slot[ds.size()];
    for (int i = 0; i < slots.length; i++) {
      Slot slot = new Slot();
      slots[i] = slot;
      ds.get(i).setConflictSink(slot::partner);
    }
  }

  @Override
  public void access(int thread, int variable, int kind, int site) {
    currentThread = thread;
    currentVariable = variable;
    currentKind = kind;
    currentSite = site;
    driver.access(thread, variable, kind, site);
    for (int i = 0; i < slots.length; i++) {
      if (driver.racy(i)) {
        Slot slot = slots[i];
        slot.racy(variable, site);
        if (slot.collecting && slot.pairs.size() >= MAX_RACES) {
          slot.collecting = false;
          detectors.get(i).setConflictSink(ConflictSink.NONE);
        }
      }
    }
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

  /**
   * The results, one per detector in the order given.
   *
   * @param trace what the reader learned (names, event count)
   * @param seconds the wall time to report
   */
  public List<AnalysisResult> results(TraceSummary trace, double seconds) {
    List<AnalysisResult> out = new ArrayList<>();
    for (int i = 0; i < slots.length; i++) {
      Slot s = slots[i];
      List<AnalysisResult.Race> races = new ArrayList<>();
      for (PendingRace r : s.pairs) {
        races.add(
            new AnalysisResult.Race(
                trace.variables().name(r.variable()),
                new AnalysisResult.Access(
                    trace.threads().name(r.firstThread()),
                    AccessKind.name(r.firstKind()),
                    r.firstSite(),
                    r.firstClock()),
                new AnalysisResult.Access(
                    trace.threads().name(r.secondThread()),
                    AccessKind.name(r.secondKind()),
                    r.secondSite(),
                    r.secondClock())));
      }
      out.add(
          new AnalysisResult(
              detectors.get(i).name(),
              trace.events(),
              trace.threads().size(),
              trace.variables().size(),
              trace.locks().size(),
              trace.objects().size(),
              s.racyEvents,
              s.racySites.size(),
              s.racyVariables.cardinality(),
              races,
              seconds,
              detectors.get(i).statistics()));
    }
    return out;
  }

  /** A racing pair on ids, named only when the results are built. */
  private record PendingRace(
      int variable,
      int firstThread,
      int firstKind,
      int firstSite,
      int firstClock,
      int secondThread,
      int secondKind,
      int secondSite,
      int secondClock) {}

  /** Per-detector counts and the first racing pairs. */
  private final class Slot {
    long racyEvents;
    final IntSet racySites = new IntSet();
    final BitSet racyVariables = new BitSet();
    final List<PendingRace> pairs = new ArrayList<>();
    boolean collecting = true;

    void racy(int x, int site) {
      racyEvents++;
      racySites.add(site);
      racyVariables.set(x);
    }

    void partner(int thread, int kind, int site, int clock) {
      if (collecting && pairs.size() < MAX_RACES) {
        pairs.add(
            new PendingRace(
                currentVariable,
                thread,
                kind,
                site,
                clock,
                currentThread,
                currentKind,
                currentSite,
                clocks.epochClock(currentThread)));
      }
    }
  }
}
