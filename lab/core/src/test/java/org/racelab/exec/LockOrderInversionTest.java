package org.racelab.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.racelab.experiment.Experiment;
import org.racelab.experiment.RunResult;
import org.racelab.experiment.SingleRun;
import org.racelab.scenario.ScenarioException;
import org.racelab.sched.RandomScheduler;
import org.racelab.testing.Scenarios;

/**
 * Lock-order inversions are warned about as potential deadlocks, as ThreadSanitizer and Helgrind
 * do, also in schedules that did not deadlock; orders that cannot deadlock are not.
 */
class LockOrderInversionTest {

  private static final int SCHEDULES = 30;

  private static final String OPPOSITE_ORDERS =
      """
      scenario "inversion"
      mutex m1
      mutex m2
      shared x: i32 = 0
      thread a { lock m1 { lock m2 { x = 1 } } }
      thread b { lock m2 { lock m1 { x = 2 } } }
      """;

  static Stream<Arguments> orders() {
    return Stream.of(
        Arguments.of(
            "two threads taking two mutexes in opposite orders",
            true,
            """
            mutex m1
            mutex m2
            thread a { lock m1 { lock m2 { } } }
            thread b { lock m2 { lock m1 { } } }
            """),
        Arguments.of(
            "two threads taking two mutexes in the same order",
            false,
            """
            mutex m1
            mutex m2
            thread a { lock m1 { lock m2 { } } }
            thread b { lock m1 { lock m2 { } } }
            """),
        Arguments.of(
            "one thread taking two mutexes in both orders",
            false,
            """
            mutex m1
            mutex m2
            thread a { lock m1 { lock m2 { } }
                       lock m2 { lock m1 { } } }
            thread b { lock m1 { } }
            """),
        Arguments.of(
            "opposite orders under a common gate lock",
            false,
            """
            mutex g
            mutex m1
            mutex m2
            thread a { lock g { lock m1 { lock m2 { } } } }
            thread b { lock g { lock m2 { lock m1 { } } } }
            """),
        Arguments.of(
            "opposite orders in sections that spawn and join keep apart",
            false,
            """
            mutex m1
            mutex m2
            thread main { lock m1 { lock m2 { } }
                          spawn child
                          join child
                          lock m1 { lock m2 { } } }
            thread child spawned { lock m2 { lock m1 { } } }
            """),
        Arguments.of(
            "opposite orders while the child runs",
            true,
            """
            mutex m1
            mutex m2
            thread main { spawn child
                          lock m1 { lock m2 { } }
                          join child }
            thread child spawned { lock m2 { lock m1 { } } }
            """),
        Arguments.of(
            "a mutex and an rwlock held for reading on both sides",
            false,
            """
            mutex m
            rwlock rw
            thread a { read rw { lock m { } } }
            thread b { lock m { read rw { } } }
            """),
        Arguments.of(
            "a mutex and an rwlock, one side writing",
            true,
            """
            mutex m
            rwlock rw
            thread a { read rw { lock m { } } }
            thread b { lock m { write rw { } } }
            """),
        Arguments.of(
            "three philosophers each taking the left fork first",
            true,
            """
            mutex f0
            mutex f1
            mutex f2
            thread p0 { lock f0 { lock f1 { } } }
            thread p1 { lock f1 { lock f2 { } } }
            thread p2 { lock f2 { lock f0 { } } }
            """),
        Arguments.of(
            "three philosophers, the last taking the lower fork first",
            false,
            """
            mutex f0
            mutex f1
            mutex f2
            thread p0 { lock f0 { lock f1 { } } }
            thread p1 { lock f1 { lock f2 { } } }
            thread p2 { lock f0 { lock f2 { } } }
            """),
        Arguments.of(
            "a cycle that needs one thread twice",
            false,
            """
            mutex a
            mutex b
            mutex c
            thread t1 { lock a { lock b { } }
                        lock c { lock a { } } }
            thread t2 { lock b { lock c { } } }
            """),
        Arguments.of(
            "a waiter re-taking its mutex while holding another lock",
            true,
            """
            mutex outer
            mutex m
            condvar cv
            shared ready: bool = false
            thread w { lock outer { lock m { while !ready { cv.wait(m) } } } }
            thread s { lock m { lock outer { ready = true
                                             cv.notify_one() } } }
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("orders")
  void onlyOrdersThatCanDeadlockAreWarnedAbout(String what, boolean warned, String body) {
    RunResult r = Scenarios.run("scenario \"order\"\n" + body, SCHEDULES);
    List<String> kinds = r.warnings().stream().map(w -> w.item().kind()).toList();
    if (warned) {
      assertEquals(List.of(Findings.Warning.LOCK_ORDER_INVERSION), kinds, what);
    } else {
      assertEquals(List.of(), kinds, what + ": " + r.warnings());
    }
  }

  @Test
  void theInversionIsWarnedAboutInAScheduleThatDidNotDeadlock() throws ScenarioException {
    Experiment e = Experiment.of(Scenarios.parse(OPPOSITE_ORDERS));
    Program p = e.compile();
    int completedAndWarned = 0;
    for (int seed = 1; seed <= SCHEDULES; seed++) {
      SingleRun run = e.runOne(p, new RandomScheduler(seed), seed);
      if (run.execution().completed()) {
        assertEquals(1, run.execution().warnings().size(), "seed " + seed);
        completedAndWarned++;
      }
    }
    assertTrue(completedAndWarned > 0, "no schedule completed");
  }

  @Test
  void theWarningNamesBothAcquisitionsWithThreadsAndLines() {
    RunResult r = Scenarios.run(OPPOSITE_ORDERS, 1);
    Findings.Warning w = r.warnings().get(0).item();
    assertEquals(List.of("m1", "m2"), w.locks());
    assertEquals(
        List.of(
            new Findings.LockEdge("a", "m1", 5, "m2", 5),
            new Findings.LockEdge("b", "m2", 6, "m1", 6)),
        w.edges());
    assertTrue(w.message().startsWith("potential deadlock: lock-order inversion on m1, m2"));
  }

  @Test
  void theCatalogueInversionIsWarnedInItsScheduleThatDidNotDeadlock() throws Exception {
    Path file = Scenarios.catalogue().resolve("sync/lock-order-inversion.race");
    RunResult r = Scenarios.run(Files.readString(file), 1);
    assertNull(r.deadlock(), "the catalogue's schedule should show the warning without deadlock");
    assertEquals(1, r.warnings().size());
    assertEquals(List.of("alice", "bob"), r.warnings().get(0).item().locks());
  }

  @Test
  void aScheduleThatDeadlockedAlsoWarns() {
    RunResult r = Scenarios.run(OPPOSITE_ORDERS, SCHEDULES);
    assertTrue(r.deadlock() != null, "no schedule deadlocked");
    assertEquals(SCHEDULES, r.warnings().get(0).schedules());
  }

  @Test
  void anInversionExpectationHoldsWhenSomeScheduleWarns() {
    RunResult r = Scenarios.run(OPPOSITE_ORDERS + "expect inversion\n", 5);
    assertTrue(r.allHeld());
    RunResult none =
        Scenarios.run(
            """
            scenario "none"
            mutex m1
            mutex m2
            thread a { lock m1 { lock m2 { } } }
            thread b { lock m1 { lock m2 { } } }
            expect no inversion
            expect inversion
            """,
            5);
    assertEquals(List.of(true, false), none.expectations().stream().map(x -> x.held()).toList());
  }
}
