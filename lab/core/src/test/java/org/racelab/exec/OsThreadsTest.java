package org.racelab.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.racelab.experiment.Experiment;
import org.racelab.experiment.RunResult;
import org.racelab.experiment.SingleRun;
import org.racelab.memory.UbKind;
import org.racelab.scenario.ScenarioException;
import org.racelab.testing.Scenarios;

/**
 * Scenarios on real OS threads: verdicts that must not depend on the interleaving are asserted in
 * every run; effects of real interleavings (lost updates) are asserted over many runs, with a
 * scenario built to make them likely on any machine.
 */
class OsThreadsTest {

  private static Program compile(String source) {
    try {
      return Compiler.compile(Scenarios.parse(source));
    } catch (ScenarioException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  private static OsThreads.Result run(String source) {
    return run(source, Machine.Options.DEFAULT);
  }

  private static OsThreads.Result run(String source, Machine.Options options) {
    return OsThreads.run(compile(source), List.of("djit"), options);
  }

  private static final String RACY_COUNTER =
      """
      scenario "racy counter"
      shared counter: i64 = 0
      thread worker[2] {
          repeat 200 {
              let v = counter
              yield
              counter = v + 1
          }
      }
      expect race counter
      """;

  @Test
  void aRacyCounterRacesInEveryRunAndLosesRealUpdatesInSome() {
    int runs = 0;
    int lost = 0;
    List<String> finals = new ArrayList<>();
    while (runs < 40 && lost < 3) {
      Execution e = run(RACY_COUNTER).execution();
      runs++;
      assertFalse(e.races().isEmpty(), "the detector sees the race whatever the interleaving");
      assertTrue(e.completed());
      long value = Long.parseLong(e.finalValues().get("counter"));
      assertTrue(value >= 2 && value <= 400, "final value " + value);
      finals.add(e.finalValues().get("counter"));
      if (value < 400) {
        lost++;
      }
    }
    // yield between the read and the write hands the CPU over, so lost updates show on any
    // machine; 3 in 40 runs is a generous bound (typically every run loses some).
    assertTrue(lost >= 3, "lost updates in only " + lost + " of " + runs + " runs: " + finals);
  }

  @Test
  void aCorrectlyLockedCounterIsCleanWithTheExactFinalValueEveryTime() {
    String source =
        """
        scenario "locked counter"
        shared counter: i64 = 0
        mutex m
        thread worker[4] {
            repeat 300 {
                lock m {
                    let v = counter
                    yield
                    counter = v + 1
                }
            }
        }
        expect clean
        expect final counter == 1200
        """;
    for (int i = 0; i < 8; i++) {
      Execution e = run(source).execution();
      assertTrue(e.races().isEmpty(), "run " + i + ": " + e.races());
      assertTrue(e.ub().isEmpty());
      assertEquals("1200", e.finalValues().get("counter"), "run " + i);
    }
  }

  @Test
  void aLockOrderInversionIsReportedAsADeadlockWithItsCycle() {
    String source =
        """
        scenario "lock order inversion"
        mutex a
        mutex b
        barrier both(2)
        thread t1 {
            lock a {
                both.wait()
                lock b { }
            }
        }
        thread t2 {
            lock b {
                both.wait()
                lock a { }
            }
        }
        expect deadlock
        """;
    for (int i = 0; i < 5; i++) {
      Execution e = run(source).execution();
      Findings.Deadlock d = e.deadlock();
      assertNotNull(d, "run " + i);
      assertEquals(2, d.blocked().size());
      assertEquals(2, d.cycle().size());
      assertTrue(d.cycle().containsAll(List.of("t1", "t2")));
      Map<String, String> waits = new HashMap<>();
      for (Findings.Blocked b : d.blocked()) {
        waits.put(b.thread(), b.waitsFor() + " / " + b.heldBy());
      }
      assertTrue(waits.get("t1").startsWith("mutex b"), waits.toString());
      assertTrue(waits.get("t1").endsWith("/ t2"), waits.toString());
      assertTrue(waits.get("t2").startsWith("mutex a"), waits.toString());
      assertNull(e.stepLimit());
    }
  }

  @Test
  void aReceiveThatNoSendCanSatisfyIsADeadlockOnceTheOthersFinish() {
    String source =
        """
        scenario "lonely receiver"
        channel ch: i32
        shared x: i32 = 0
        thread receiver {
            let v = ch.recv()
        }
        thread other {
            repeat 50 { x = x + 1 }
        }
        expect deadlock
        """;
    Execution e = run(source).execution();
    assertNotNull(e.deadlock());
    assertEquals(1, e.deadlock().blocked().size());
    assertEquals("receiver", e.deadlock().blocked().get(0).thread());
    assertTrue(e.deadlock().blocked().get(0).waitsFor().contains("ch"));
    assertEquals("50", e.finalValues().get("x"));
  }

  @Test
  void anEndlessSpinLoopStopsAtTheStepLimitWithTheSimulatorsMessage() {
    String source =
        """
        scenario "spin forever"
        atomic flag: bool = false
        thread spinner {
            while !flag.load(acquire) { }
        }
        thread other {
            sleep 1ms
        }
        expect no race
        """;
    Execution e = run(source, new Machine.Options(3_000, 20_000_000L, false)).execution();
    assertNotNull(e.stepLimit());
    assertTrue(
        e.stepLimit().message().startsWith("the run reached its limit of 3000 steps"),
        e.stepLimit().message());
    assertTrue(e.stepLimit().message().contains("spinner"), e.stepLimit().message());
    assertNull(e.deadlock());
    assertTrue(e.stepCount() >= 3_000);
  }

  @Test
  void anEndlessLoopOfPrivateInstructionsStopsAtTheInstructionLimit() {
    String source =
        """
        scenario "count forever"
        thread counter {
            let i = 0
            loop { i = i + 1 }
        }
        expect no race
        """;
    Execution e = run(source, new Machine.Options(100_000, 300_000L, false)).execution();
    assertNotNull(e.stepLimit());
    assertTrue(
        e.stepLimit().message().startsWith("the run executed more than 300000 instructions"),
        e.stepLimit().message());
  }

  @Test
  void channelsBarriersCondvarsSpawnsAndJoinsBlockAndHandOverCorrectly() {
    String source =
        """
        scenario "hand-overs"
        channel ch: i64 cap 1
        shared total: i64 = 0
        shared ready: bool = false
        shared phase: [i64; 2] = 0
        mutex m
        condvar cv
        barrier b(2)
        thread producer {
            let i = 0
            while i < 100 {
                ch.send(i)
                i = i + 1
            }
            ch.send(-1)
        }
        thread consumer {
            loop {
                let v = ch.recv()
                if v < 0 { break }
                total = total + v
            }
        }
        thread waiter {
            lock m {
                while !ready { cv.wait(m) }
            }
            phase[0] = 1
            b.wait()
            let other = phase[1]
            assert other == 2
        }
        thread main {
            spawn helper(3)
            join helper
            lock m {
                ready = true
                cv.notify_all()
            }
            phase[1] = 2
            b.wait()
            let mine = phase[0]
            assert mine == 1
        }
        thread helper(n: i64) spawned {
            sleep 20ms
            assert n == 3
        }
        expect clean
        expect final total == 4950
        expect no panic
        """;
    for (int i = 0; i < 5; i++) {
      Execution e = run(source).execution();
      assertTrue(e.completed(), "run " + i + ": " + e.deadlock() + " " + e.stepLimit());
      assertTrue(e.races().isEmpty(), "run " + i + ": " + e.races());
      assertTrue(e.panics().isEmpty(), "run " + i + ": " + e.panics());
      assertEquals("4950", e.finalValues().get("total"));
      assertEquals("[1, 2]", e.finalValues().get("phase"));
    }
  }

  @Test
  void aBlockedThreadSleepsInsteadOfSpinning() {
    String source =
        """
        scenario "slow producer"
        channel ch: i32
        thread consumer {
            let v = ch.recv()
            assert v == 7
        }
        thread producer {
            sleep 400ms
            ch.send(7)
        }
        expect no panic
        """;
    long t0 = System.nanoTime();
    Execution e = run(source).execution();
    long wallMillis = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(e.panics().isEmpty());
    assertTrue(wallMillis >= 400, "sleep 400ms really sleeps: " + wallMillis + " ms");
    assertTrue(e.statistics().get("os.blockingWaits") >= 1, e.statistics().toString());
    // a spinning consumer would burn the whole 400 ms; a blocked one uses next to nothing
    assertTrue(e.statistics().get("os.cpuMillis") < 200, e.statistics().toString());
  }

  @Test
  void eachThreadsAccessesAppearInProgramOrderInOneGlobalSequence() {
    String source =
        """
        scenario "program order"
        shared a: [i64; 400] = 0
        thread writer[4] {
            let i = 0
            while i < 100 {
                a[tid * 100 + i] = i
                i = i + 1
            }
        }
        expect no race
        """;
    Execution e = run(source).execution();
    assertEquals(400, e.ledger().size());
    Map<String, Integer> lastIndex = new HashMap<>();
    int lastStep = -1;
    for (LedgerEntry le : e.ledger()) {
      assertTrue(le.step() > lastStep, "one access per step, in sequence order");
      lastStep = le.step();
      String cell = le.location().substring(2, le.location().length() - 1);
      int index = Integer.parseInt(cell) % 100;
      int previous = lastIndex.getOrDefault(le.thread(), -1);
      assertEquals(previous + 1, index, le.thread() + " skipped or reordered a write");
      lastIndex.put(le.thread(), index);
    }
    for (int k = 0; k < e.steps().size(); k++) {
      assertEquals(k, e.steps().get(k).step(), "the timeline is the sequence, without gaps");
    }
  }

  @Test
  void aPanicWhileHoldingAMutexReleasesAndPoisonsItForTheWaiter() {
    String source =
        """
        scenario "poison"
        mutex m
        shared x: i32 = 0
        barrier b(2)
        thread first {
            lock m {
                b.wait()
                x = 1
                assert x == 2
            }
        }
        thread second {
            b.wait()
            lock m { x = 3 }
        }
        expect panic
        """;
    Execution e = run(source).execution();
    assertTrue(e.completed());
    assertEquals(2, e.panics().size(), e.panics().toString());
    assertTrue(e.panics().stream().anyMatch(p -> p.message().startsWith("PoisonError")));
  }

  @Test
  void undefinedBehaviourIsNamedWhereItHappens() {
    String source =
        """
        scenario "use after free"
        thread t {
            let p = alloc i32
            *p = 1
            free p
            let v = *p
        }
        expect ub use-after-free
        """;
    Execution e = run(source).execution();
    assertEquals(1, e.ub().size());
    assertEquals(UbKind.USE_AFTER_FREE, e.ub().get(0).kind());
    assertEquals(6, e.ub().get(0).line());
    assertNotNull(e.memoryAtFirstUb());
  }

  @Test
  void anExperimentOnOsThreadsRunsRealExecutionsWithoutSeedOrReplay() throws Exception {
    Experiment base = Experiment.of(Scenarios.parse(RACY_COUNTER));
    Experiment os =
        new Experiment(
            base.scenario(),
            "none",
            List.of("djit"),
            Experiment.OS,
            1,
            6,
            null,
            Machine.Options.DEFAULT);
    RunResult r = os.run(Experiment.Progress.NONE);
    assertEquals("os", r.scheduleKind());
    assertEquals(6, r.explored());
    assertEquals(6, r.racySchedules());
    assertTrue(r.allHeld());
    for (SingleRun run : List.of(r.representative())) {
      assertEquals("", run.replay());
      assertEquals(0, run.seed());
    }
    assertNull(r.expectations().get(0).witness(), "no replay string to point at");
  }
}
