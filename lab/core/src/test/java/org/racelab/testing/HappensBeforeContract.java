package org.racelab.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of happens-before detectors, on top of {@link DetectorContract}: every
 * synchronisation rule orders, nothing else does, and every unordered conflicting pair is found.
 */
public abstract class HappensBeforeContract extends DetectorContract {

  @Test
  void forkOrdersTheParentsPastBeforeTheChildAndJoinOrdersTheChildBeforeTheParent() {
    TestTrace t =
        TestTrace.builder()
            .write(0, 0)
            .fork(0, 1)
            .write(1, 0)
            .read(1, 0)
            .join(0, 1)
            .write(0, 0)
            .build();
    assertEquals(List.of(false, false, false, false), verdicts(t));
  }

  @Test
  void theParentsWritesAfterTheForkRaceWithTheChild() {
    TestTrace t = TestTrace.builder().fork(0, 1).write(0, 0).read(1, 0).build();
    assertEquals(List.of(false, true), verdicts(t));
  }

  @Test
  void releaseThenAcquireOrdersEvenWithoutCommonLocksAtTheAccess() {
    // T0 writes x outside the lock, then hands over through L: ordered by happens-before.
    TestTrace t =
        TestTrace.builder()
            .fork(0, 1)
            .write(0, 0)
            .acquire(0, 0)
            .release(0, 0)
            .acquire(1, 0)
            .release(1, 0)
            .write(1, 0)
            .build();
    assertEquals(List.of(false, false), verdicts(t));
  }

  @Test
  void readersOfAReadLockAreNotOrderedWithEachOther() {
    TestTrace t =
        TestTrace.builder()
            .fork(0, 1)
            .readAcquire(0, 0)
            .write(0, 0)
            .readRelease(0, 0)
            .readAcquire(1, 0)
            .read(1, 0)
            .readRelease(1, 0)
            .build();
    assertEquals(List.of(false, true), verdicts(t));
  }

  @Test
  void aWriterIsOrderedAfterEveryEarlierReader() {
    TestTrace t =
        TestTrace.builder()
            .fork(0, 1)
            .fork(0, 2)
            .readAcquire(0, 0)
            .read(0, 0)
            .readRelease(0, 0)
            .readAcquire(1, 0)
            .read(1, 0)
            .readRelease(1, 0)
            .acquire(2, 0)
            .write(2, 0)
            .release(2, 0)
            .readAcquire(1, 0)
            .read(1, 0)
            .readRelease(1, 0)
            .build();
    assertEquals(List.of(false, false, false, false), verdicts(t));
  }

  @Test
  void aWriteRacingWithSeveralReadersNamesEachOfThem() {
    TestTrace t =
        TestTrace.builder()
            .fork(0, 1)
            .fork(0, 2)
            .read(0, 0)
            .read(1, 0)
            .write(1, 0)
            .read(2, 0)
            .write(0, 0)
            .build();
    List<List<String>> partners = new ArrayList<>();
    assertEquals(List.of(false, false, true, true, true), verdicts(t, partners));
    assertEquals(List.of("T0 read @3"), partners.get(2));
    assertEquals(List.of("T1 write @5"), partners.get(3));
    assertEquals(List.of("T1 write @5", "T2 read @6"), partners.get(4));
  }

  @Test
  void aWriteUnderAnotherLockRacesWithAnUnlockedWrite() {
    TestTrace t =
        TestTrace.builder().fork(0, 1).write(0, 0).acquire(1, 1).write(1, 0).release(1, 1).build();
    assertEquals(List.of(false, true), verdicts(t));
  }

  @Test
  void aSecondReadInTheSameEpochStillSeesAnInterveningWrite() {
    TestTrace t = TestTrace.builder().fork(0, 1).read(0, 0).write(1, 0).read(0, 0).build();
    assertEquals(List.of(false, true, true), verdicts(t));
  }

  @Test
  void racesWithForgottenReadsAreStillFound() {
    // T1's read is ordered before T0's write (through L) but not before T2's write.
    TestTrace t =
        TestTrace.builder()
            .fork(0, 1)
            .fork(0, 2)
            .read(1, 0)
            .acquire(1, 0)
            .release(1, 0)
            .acquire(0, 0)
            .write(0, 0)
            .release(0, 0)
            .write(2, 0)
            .build();
    List<List<String>> partners = new ArrayList<>();
    assertEquals(List.of(false, false, true), verdicts(t, partners));
    assertEquals(List.of("T0 write @7", "T1 read @3"), partners.get(2));
  }

  @Test
  void anAtomicReadRacesWithAnUnorderedPlainWriteButNotWithAtomicWrites() {
    TestTrace t =
        TestTrace.builder()
            .fork(0, 1)
            .write(0, 0)
            .atomicWrite(0, 1)
            .atomicRead(1, 1)
            .atomicRead(1, 0)
            .build();
    assertEquals(List.of(false, false, false, true), verdicts(t));
  }
}
