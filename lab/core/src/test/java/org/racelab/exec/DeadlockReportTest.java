package org.racelab.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.racelab.experiment.RunResult;
import org.racelab.testing.Scenarios;

/**
 * When no thread can move, the run ends with a deadlock report that names each blocked thread, the
 * line it waits at, what it waits for, who holds that, and the cycle of waiting when there is one.
 */
class DeadlockReportTest {

  private static Findings.Deadlock deadlockOf(String source, int schedules) {
    RunResult r = Scenarios.run(source, schedules);
    assertNotNull(r.deadlock(), "expected a deadlock in one of " + schedules + " schedules");
    return r.deadlock().item();
  }

  private static Findings.Blocked blocked(Findings.Deadlock d, String thread) {
    return d.blocked().stream()
        .filter(b -> b.thread().equals(thread))
        .findFirst()
        .orElseThrow(() -> new AssertionError(thread + " is not among " + d.blocked()));
  }

  @Test
  void relockingAHeldMutexIsASelfDeadlockWithACycleOfOne() {
    Findings.Deadlock d =
        deadlockOf(
            """
            scenario "self"
            mutex m
            thread a {
              m.lock()
              m.lock()
            }
            """,
            1);
    Findings.Blocked a = blocked(d, "a");
    assertEquals(5, a.line());
    assertTrue(a.waitsFor().contains("already holds since line 4"), a.waitsFor());
    assertEquals("a", a.heldBy());
    assertEquals(List.of("a"), d.cycle());
  }

  @Test
  void twoLocksTakenInOppositeOrdersDeadlockInACycleOfTwo() {
    Findings.Deadlock d =
        deadlockOf(
            """
            scenario "two locks"
            mutex m1
            mutex m2
            thread a { lock m1 { lock m2 { } } }
            thread b { lock m2 { lock m1 { } } }
            """,
            30);
    assertEquals("b", blocked(d, "a").heldBy());
    assertTrue(blocked(d, "a").waitsFor().startsWith("mutex m2, held since line 5"));
    assertEquals("a", blocked(d, "b").heldBy());
    assertEquals(Set.of("a", "b"), Set.copyOf(d.cycle()));
    assertEquals(2, d.cycle().size());
  }

  @Test
  void joiningAThreadThatNobodySpawnsWaitsForever() {
    Findings.Deadlock d =
        deadlockOf(
            """
            scenario "join"
            thread main { join helper }
            thread helper spawned { }
            """,
            1);
    Findings.Blocked main = blocked(d, "main");
    assertTrue(main.waitsFor().contains("no thread spawned it"), main.waitsFor());
    assertNull(main.heldBy());
    assertEquals(List.of(), d.cycle());
  }

  @Test
  void receivingFromAChannelNobodySendsToWaitsForever() {
    Findings.Deadlock d =
        deadlockOf(
            """
            scenario "recv"
            channel ch: i32
            thread c { let v = ch.recv() }
            """,
            1);
    assertTrue(blocked(d, "c").waitsFor().startsWith("a message on ch (it is empty"));
  }

  @Test
  void sendingToAFullBoundedChannelNobodyReceivesFromWaitsForever() {
    Findings.Deadlock d =
        deadlockOf(
            """
            scenario "send"
            channel ch: i32 cap 1
            thread p { ch.send(1)
                       ch.send(2) }
            """,
            1);
    Findings.Blocked p = blocked(d, "p");
    assertEquals(4, p.line());
    assertTrue(p.waitsFor().startsWith("room in ch (it is full, 1 of 1"), p.waitsFor());
  }

  @Test
  void aBarrierShortOfPartiesNamesWhoArrivedAndHowManyAreMissing() {
    Findings.Deadlock d =
        deadlockOf(
            """
            scenario "barrier"
            barrier b(3)
            thread w[2] { b.wait() }
            """,
            1);
    assertEquals(2, d.blocked().size());
    String why = blocked(d, "w[0]").waitsFor();
    assertTrue(why.contains("2 of 3 threads have arrived: w[0], w[1]"), why);
    assertTrue(why.contains("waits for 1 more"), why);
  }

  @Test
  void aLostWakeUpPointsAtTheNotificationThatCameTooEarly() {
    Findings.Deadlock d =
        deadlockOf(
            """
            scenario "lost wake-up"
            mutex m
            condvar cv
            shared ready: bool = false
            thread waiter { lock m { cv.wait(m) } }
            thread signaller { lock m { ready = true }
                               cv.notify_one() }
            """,
            30);
    String why = blocked(d, "waiter").waitsFor();
    assertTrue(why.startsWith("a notification on cv"), why);
    assertTrue(why.contains("by signaller at line 7"), why);
    assertTrue(why.contains("was lost"), why);
  }

  @Test
  void upgradingAReadLockToAWriteLockWaitsForItself() {
    Findings.Deadlock d =
        deadlockOf(
            """
            scenario "upgrade"
            rwlock rw
            thread a { rw.read_lock()
                       rw.write_lock() }
            """,
            1);
    Findings.Blocked a = blocked(d, "a");
    assertTrue(a.waitsFor().contains("cannot be upgraded"), a.waitsFor());
    assertEquals(List.of("a"), d.cycle());
  }

  @Test
  void aWriterWaitingForSeveralReadersNamesThemAll() {
    Findings.Deadlock d =
        deadlockOf(
            """
            scenario "readers"
            rwlock rw
            thread main { spawn r1
                          spawn r2
                          join r1
                          join r2
                          rw.write_lock() }
            thread r1 spawned { rw.read_lock() }
            thread r2 spawned { rw.read_lock() }
            """,
            1);
    Findings.Blocked main = blocked(d, "main");
    assertEquals("r1, r2", main.heldBy());
    assertTrue(main.waitsFor().contains("r1 finished without unlocking it"), main.waitsFor());
  }

  @Test
  void aMutexLeftLockedByAFinishedThreadSaysSo() {
    Findings.Deadlock d =
        deadlockOf(
            """
            scenario "forgotten unlock"
            mutex m
            thread main { m.lock()
                          spawn late
                          join late }
            thread late spawned { lock m { } }
            """,
            1);
    Findings.Blocked late = blocked(d, "late");
    assertEquals("main", late.heldBy());
    Findings.Blocked main = blocked(d, "main");
    assertEquals("thread late to finish", main.waitsFor());
    assertNull(main.heldBy());
    assertEquals(List.of("main", "late"), d.cycle());
  }

  @Test
  void aHolderThatFinishedWithoutUnlockingIsNamed() {
    Findings.Deadlock d =
        deadlockOf(
            """
            scenario "finished holder"
            mutex m
            thread main { spawn first
                          join first
                          lock m { } }
            thread first spawned { m.lock() }
            """,
            1);
    String why = blocked(d, "main").waitsFor();
    assertTrue(why.contains("first finished without unlocking it"), why);
    assertEquals(List.of(), d.cycle());
  }

  @Test
  void aCorrectProgramNeverDeadlocksAndSaysSo() {
    RunResult r =
        Scenarios.run(
            """
            scenario "ordered"
            mutex m1
            mutex m2
            thread a { lock m1 { lock m2 { } } }
            thread b { lock m1 { lock m2 { } } }
            expect no deadlock
            """,
            50);
    assertNull(r.deadlock());
    assertTrue(r.allHeld());
  }
}
