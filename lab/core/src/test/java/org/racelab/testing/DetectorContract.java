package org.racelab.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.racelab.detect.AccessKind;
import org.racelab.detect.ClockTable;
import org.racelab.detect.Detector;
import org.racelab.detect.DetectorDriver;
import org.racelab.testing.TestTrace.Op;

/**
 * What every {@link Detector} must do, whatever its algorithm: subclasses name the detector. The
 * scenarios are ones where happens-before and lockset agree; {@link HappensBeforeContract} adds the
 * ones only happens-before detectors get right.
 */
public abstract class DetectorContract {

  /** A fresh detector reading {@code clocks}. */
  protected abstract Detector create(ClockTable clocks);

  /**
   * One verdict per access of the trace, in order.
   *
   * @param trace the events
   * @param partners if not null, receives for each access the partners reported for it
   */
  protected final List<Boolean> verdicts(TestTrace trace, @Nullable List<List<String>> partners) {
    return verdicts(this::create, trace, partners);
  }

  /**
   * Runs a trace through a fresh detector and returns one verdict per access, in order.
   *
   * @param factory makes the detector from the clock table it must read
   * @param trace the events
   * @param partners if not null, receives for each access the partners reported for it, as {@code
   *     "T<thread> <kind> @<site>"}
   */
  public static List<Boolean> verdicts(
      Function<ClockTable, Detector> factory,
      TestTrace trace,
      @Nullable List<List<String>> partners) {
    ClockTable clocks = new ClockTable();
    Detector d = factory.apply(clocks);
    List<String> current = new ArrayList<>();
    d.setConflictSink(
        (t, kind, site, clock) -> current.add("T" + t + " " + AccessKind.name(kind) + " @" + site));
    DetectorDriver driver = new DetectorDriver(clocks, List.of(d));
    List<Boolean> out = new ArrayList<>();
    for (Op op : trace.ops()) {
      current.clear();
      TestTrace.apply(op, driver);
      if (op.type().isAccess()) {
        out.add(driver.racy(0));
        if (partners != null) {
          partners.add(List.copyOf(current));
        }
      }
    }
    return out;
  }

  /** Verdicts without partners. */
  protected final List<Boolean> verdicts(TestTrace trace) {
    return verdicts(trace, null);
  }

  @Test
  void accessesOfOneThreadNeverRace() {
    TestTrace t =
        TestTrace.builder()
            .write(0, 0)
            .read(0, 0)
            .atomicWrite(0, 0)
            .write(0, 0)
            .atomicRead(0, 0)
            .write(0, 0)
            .build();
    assertEquals(List.of(false, false, false, false, false, false), verdicts(t));
  }

  @Test
  void accessesUnderOneLockDoNotRace() {
    TestTrace t =
        TestTrace.builder()
            .fork(0, 1)
            .acquire(0, 0)
            .write(0, 0)
            .release(0, 0)
            .acquire(1, 0)
            .write(1, 0)
            .read(1, 0)
            .release(1, 0)
            .acquire(0, 0)
            .read(0, 0)
            .write(0, 0)
            .release(0, 0)
            .build();
    assertEquals(List.of(false, false, false, false, false), verdicts(t));
  }

  @Test
  void unsynchronisedWritesRaceAndNameTheEarlierWrite() {
    TestTrace t = TestTrace.builder().fork(0, 1).write(0, 0).write(1, 0).build();
    List<List<String>> partners = new ArrayList<>();
    assertEquals(List.of(false, true), verdicts(t, partners));
    assertEquals(List.of("T0 write @2"), partners.get(1));
  }

  @Test
  void atomicAccessesNeverRaceWithEachOther() {
    TestTrace t =
        TestTrace.builder()
            .fork(0, 1)
            .atomicWrite(0, 0)
            .atomicWrite(1, 0)
            .atomicRead(1, 0)
            .atomicRead(0, 0)
            .atomicWrite(0, 0)
            .build();
    assertEquals(List.of(false, false, false, false, false), verdicts(t));
  }

  @Test
  void aPlainWriteAfterAnUnorderedAtomicWriteRaces() {
    TestTrace t = TestTrace.builder().fork(0, 1).atomicWrite(0, 0).write(1, 0).build();
    assertEquals(List.of(false, true), verdicts(t));
  }

  /** Happens-before detectors flag T1's write already; Eraser forgives the first thread's write. */
  @Test
  void writesUnderDifferentLocksAreReportedOnceBothLocksWereUsed() {
    TestTrace t =
        TestTrace.builder()
            .fork(0, 1)
            .acquire(0, 0)
            .write(0, 0)
            .release(0, 0)
            .acquire(1, 1)
            .write(1, 0)
            .release(1, 1)
            .acquire(0, 0)
            .write(0, 0)
            .release(0, 0)
            .build();
    List<Boolean> v = verdicts(t);
    assertEquals(false, v.get(0));
    assertEquals(true, v.get(2));
  }

  @Test
  void aChildsWritesAreOrderedBeforeTheParentsReadsAfterTheJoin() {
    TestTrace t =
        TestTrace.builder().fork(0, 1).write(1, 0).write(1, 0).join(0, 1).read(0, 0).build();
    assertEquals(List.of(false, false, false), verdicts(t));
  }

  @Test
  void variablesAreIndependent() {
    TestTrace t =
        TestTrace.builder().fork(0, 1).write(0, 0).write(1, 1).write(0, 1).write(1, 2).build();
    assertEquals(List.of(false, false, true, false), verdicts(t));
  }
}
