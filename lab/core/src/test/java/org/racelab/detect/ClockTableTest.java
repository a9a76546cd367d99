package org.racelab.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.racelab.clock.VectorClock;

/** One test per happens-before rule of the {@link ClockTable}. */
class ClockTableTest {

  @Test
  void aNewThreadStartsAtOneInItsOwnEntryOnly() {
    ClockTable c = new ClockTable();
    c.ensureThread(2);
    assertEquals(3, c.threadCount());
    assertEquals(VectorClock.of(0, 0, 1), c.snapshot(2));
    assertEquals(1, c.epochClock(1));
  }

  @Test
  void releasePublishesTheClockThenStartsANewEpoch() {
    ClockTable c = new ClockTable();
    c.ensureThread(1);
    c.release(0, 3);
    assertEquals(VectorClock.of(1), c.lockSnapshot(3));
    assertEquals(VectorClock.of(2), c.snapshot(0));
    c.release(0, 3);
    assertEquals(VectorClock.of(2), c.lockSnapshot(3), "a release replaces the lock's clock");
  }

  @Test
  void acquireJoinsTheLocksClockAndDoesNotTick() {
    ClockTable c = new ClockTable();
    c.ensureThread(1);
    c.acquire(1, 0); // never released: nothing to learn
    assertEquals(VectorClock.of(0, 1), c.snapshot(1));
    c.release(0, 0);
    c.acquire(1, 0);
    assertEquals(VectorClock.of(1, 1), c.snapshot(1));
  }

  @Test
  void forkGivesTheChildTheParentsClockAndTicksTheParent() {
    ClockTable c = new ClockTable();
    c.ensureThread(0);
    c.fork(0, 1);
    assertEquals(VectorClock.of(1, 1), c.snapshot(1));
    assertEquals(VectorClock.of(2), c.snapshot(0));
  }

  @Test
  void joinGivesTheJoinerTheChildsClockAndTicksNobody() {
    ClockTable c = new ClockTable();
    c.fork(0, 1);
    c.release(1, 0);
    c.join(0, 1);
    assertEquals(VectorClock.of(2, 2), c.snapshot(0));
    assertEquals(VectorClock.of(1, 2), c.snapshot(1));
  }

  @Test
  void releaseSharedAccumulatesIntoTheLockClock() {
    ClockTable c = new ClockTable();
    c.ensureThread(1);
    c.releaseShared(0, 0);
    c.releaseShared(1, 0);
    assertEquals(VectorClock.of(1, 1), c.lockSnapshot(0));
    assertEquals(VectorClock.of(2), c.snapshot(0));
  }

  @Test
  void aReceiveLearnsEverySendToTheObjectSoFarAndNothingSentLater() {
    ClockTable c = new ClockTable();
    c.ensureThread(2);
    c.receive(1, 0);
    assertEquals(VectorClock.of(0, 1), c.snapshot(1), "nothing sent yet: nothing learnt");
    c.send(0, 0);
    assertEquals(2, c.epochClock(0), "a send starts a new epoch, like a release");
    c.receive(1, 0);
    assertEquals(VectorClock.of(1, 1), c.snapshot(1));
    c.send(2, 0);
    c.send(0, 1);
    c.receive(1, 0);
    assertEquals(VectorClock.of(1, 1, 1), c.snapshot(1), "sends accumulate; object 1 is apart");
    c.ensureThread(20);
    c.receive(20, 0);
    assertEquals(1, c.get(20, 2), "objects survive the table growing");
  }

  @Test
  void readersLearnFromWritersButNotFromEachOther() {
    ClockTable c = new ClockTable();
    c.ensureThread(2);
    c.release(0, 0); // writer T0
    c.acquireRead(1, 0);
    assertEquals(VectorClock.of(1, 1), c.snapshot(1));
    c.releaseRead(1, 0);
    c.acquireRead(2, 0);
    assertEquals(VectorClock.of(1, 0, 1), c.snapshot(2), "no reader-to-reader edge");
    c.releaseRead(2, 0);
    c.acquire(0, 0);
    assertEquals(VectorClock.of(2, 1, 1), c.snapshot(0), "a writer learns from every reader");
  }

  @Test
  void acquireFromAnArbitraryClockAndTickAndCovers() {
    ClockTable c = new ClockTable();
    c.ensureThread(0);
    c.acquire(0, VectorClock.of(0, 0, 4));
    assertEquals(3, c.threadCount());
    assertEquals(VectorClock.of(1, 0, 4), c.snapshot(0));
    c.tick(0);
    assertEquals(2, c.epochClock(0));
    assertEquals(true, c.covers(0, VectorClock.of(2, 0, 4)));
    assertEquals(false, c.covers(0, VectorClock.of(2, 1)));
    assertEquals(4, c.get(0, 2));
    assertEquals(0, c.get(0, 100));
  }

  @Test
  void growingPastTheInitialWidthKeepsEveryClock() {
    ClockTable c = new ClockTable();
    c.ensureThread(1);
    c.release(1, 5);
    c.releaseRead(1, 6);
    c.ensureThread(40);
    c.acquire(40, 5);
    assertEquals(1, c.get(40, 1));
    c.acquire(39, 6);
    assertEquals(2, c.get(39, 1));
    assertEquals(41, c.threadCount());
    assertEquals(0, c.row(3)[40]);
  }
}
