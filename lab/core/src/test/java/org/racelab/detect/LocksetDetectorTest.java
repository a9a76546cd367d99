package org.racelab.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.racelab.testing.DetectorContract;
import org.racelab.testing.TestTrace;

/** Eraser's behaviour beyond the shared contract, including its documented false alarms. */
class LocksetDetectorTest extends DetectorContract {

  @Override
  protected Detector create(ClockTable clocks) {
    return new LocksetDetector(clocks);
  }

  @Test
  void handingOffThroughForkAndJoinIsTheClassicFalseAlarm() {
    TestTrace t =
        TestTrace.builder().write(0, 0).fork(0, 1).write(1, 0).join(0, 1).write(0, 0).build();
    // Happens-before orders all three writes; lockset ignores fork/join on purpose.
    assertEquals(List.of(false, true, false), verdicts(t));
    assertEquals(List.of(false, false, false), verdicts(DjitPlusDetector::new, t, null));
  }

  @Test
  void aFirstThreadsUnlockedInitialisationIsForgiven() {
    TestTrace t =
        TestTrace.builder()
            .fork(0, 1)
            .write(0, 0)
            .write(0, 0)
            .acquire(1, 0)
            .write(1, 0)
            .release(1, 0)
            .build();
    assertEquals(List.of(false, false, false), verdicts(t));
  }

  @Test
  void readOnlySharingIsNeverReportedEvenWithoutLocks() {
    TestTrace t =
        TestTrace.builder().fork(0, 1).fork(0, 2).read(0, 0).read(1, 0).read(2, 0).build();
    assertEquals(List.of(false, false, false), verdicts(t));
  }

  @Test
  void aReadLockProtectsReadsButNotWrites() {
    TestTrace reads =
        TestTrace.builder()
            .fork(0, 1)
            .acquire(0, 0)
            .write(0, 0)
            .release(0, 0)
            .readAcquire(1, 0)
            .read(1, 0)
            .readRelease(1, 0)
            .acquire(0, 0)
            .write(0, 0)
            .release(0, 0)
            .build();
    assertEquals(List.of(false, false, false), verdicts(reads));
    TestTrace writes =
        TestTrace.builder()
            .fork(0, 1)
            .acquire(0, 0)
            .write(0, 0)
            .release(0, 0)
            .readAcquire(1, 0)
            .write(1, 0)
            .readRelease(1, 0)
            .build();
    assertEquals(List.of(false, true), verdicts(writes));
  }

  @Test
  void eachVariableIsReportedOnlyOnceAndNamesTheOtherThreadsLatestAccess() {
    TestTrace t =
        TestTrace.builder()
            .fork(0, 1)
            .write(0, 0)
            .read(0, 0)
            .write(1, 0)
            .write(0, 0)
            .write(1, 0)
            .build();
    List<List<String>> partners = new ArrayList<>();
    assertEquals(List.of(false, false, true, false, false), verdicts(t, partners));
    assertEquals(List.of("T0 read @3"), partners.get(2));
  }

  @Test
  void reentrantLocksStayHeldUntilTheLastRelease() {
    TestTrace t =
        TestTrace.builder()
            .fork(0, 1)
            .acquire(0, 0)
            .write(0, 0)
            .release(0, 0)
            .acquire(1, 0)
            .acquire(1, 0)
            .release(1, 0)
            .write(1, 0)
            .release(1, 0)
            .write(1, 0)
            .build();
    // Still held once after the inner release; the write after the last release is unprotected.
    assertEquals(List.of(false, false, true), verdicts(t));
  }

  @Test
  void countsStatesInItsStatistics() {
    ClockTable clocks = new ClockTable();
    LocksetDetector d = new LocksetDetector(clocks);
    clocks.ensureThread(1);
    d.access(0, 0, 1, AccessKind.WRITE);
    d.access(1, 0, 2, AccessKind.READ);
    d.access(1, 0, 3, AccessKind.WRITE);
    assertEquals(1L, d.statistics().get("exclusiveAccesses"));
    assertEquals(1L, d.statistics().get("sharedAccesses"));
    assertEquals(1L, d.statistics().get("sharedModifiedAccesses"));
    assertEquals(1L, d.statistics().get("reportedVariables"));
  }
}
