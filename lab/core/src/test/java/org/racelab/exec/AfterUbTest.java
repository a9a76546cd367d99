package org.racelab.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.racelab.experiment.RunResult;
import org.racelab.memory.UbKind;
import org.racelab.testing.Scenarios;

/** The first UB is the headline; the run goes on, and what follows is marked "after UB". */
class AfterUbTest {

  @Test
  void accessesAfterTheFirstUbAreStillSimulatedClassifiedAndMarked() {
    RunResult r =
        MemoryRuns.main(
            """
                local a: i32 = 1
                let p = alloc i32
                free p
                let x = *p
                a = 2
                let y = a
            """);
    assertEquals(UbKind.USE_AFTER_FREE, r.headline().item().kind());
    List<LedgerEntry> ledger = MemoryRuns.exec(r).ledger();
    LedgerEntry uaf = ledger.stream().filter(e -> e.line() == 6).findFirst().orElseThrow();
    assertFalse(uaf.afterUb(), "the access that is the UB is not after it");
    for (LedgerEntry e : ledger) {
      assertEquals(e.line() > 6, e.afterUb(), e.toString());
    }
    assertTrue(ledger.stream().anyMatch(e -> e.line() == 7 && e.write()), "still simulated");
  }

  @Test
  void theFirstUbIsTheHeadlineAndLaterOnesAreStillReported() {
    RunResult r =
        MemoryRuns.main(
            """
                let p = alloc [i32; 2]
                let x = p[0]
                free p
                free p
            """);
    assertEquals(List.of(UbKind.UNINITIALIZED_READ, UbKind.DOUBLE_FREE), MemoryRuns.kinds(r));
    assertEquals(UbKind.UNINITIALIZED_READ, r.headline().item().kind());
  }

  @Test
  void aUseAfterFreeReadsWhatWasLeftThere() {
    RunResult r =
        MemoryRuns.main(
            """
                let p = alloc i32
                *p = 7
                free p
                assert *p == 7
            """);
    assertTrue(r.panics().isEmpty(), "the stale bytes are still there: " + r.panics());
    assertEquals(List.of(UbKind.USE_AFTER_FREE), MemoryRuns.kinds(r));
  }

  @Test
  void aStalePointerIntoReusedMemoryReadsAndCorruptsTheNewBlock() {
    RunResult r =
        MemoryRuns.main(
            """
                let p = alloc i32
                *p = 1
                free p
                let q = alloc i32
                *q = 99
                assert *p == 99
                *p = 5
                assert *q == 5
                free q
            """);
    assertTrue(r.panics().isEmpty(), "the address is q's now: " + r.panics());
    assertEquals(List.of(UbKind.USE_AFTER_FREE, UbKind.USE_AFTER_FREE), MemoryRuns.kinds(r));
    assertEquals(List.of(8, 9), MemoryRuns.ub(r).stream().map(Findings.Ub::line).toList());
  }

  @Test
  void anAccessOutsideEveryBlockReadsZeroAndTouchesNothing() {
    RunResult r =
        MemoryRuns.main(
            """
                let p = alloc i32
                *p = 7
                let x = p[1]
                assert x == 0
                p[1] = 5
                free p
            """);
    assertTrue(r.panics().isEmpty());
    assertEquals(List.of(UbKind.OUT_OF_BOUNDS, UbKind.OUT_OF_BOUNDS), MemoryRuns.kinds(r));
    assertTrue(
        MemoryRuns.exec(r).ledger().stream().noneMatch(e -> e.line() == 5 || e.line() == 7),
        "no cell was touched");
  }

  @Test
  void theMemoryMapIsTakenAtTheFirstUb() {
    RunResult r =
        MemoryRuns.main(
            """
                let p = alloc i32
                *p = 1
                free p
                let x = *p
                let q = alloc i64
            """);
    MemoryMap map = MemoryRuns.exec(r).memoryAtFirstUb();
    assertNotNull(map);
    assertEquals(1, map.blocks().size(), "q was allocated after the UB");
    MemoryMap.Block block = map.blocks().get(0);
    assertFalse(block.live());
    assertEquals("was freed at line 5 (thread main)", block.freed());
  }

  @Test
  void aRaceThatIsAlsoAUseAfterFreeReportsBoth() {
    RunResult r =
        Scenarios.run(
            """
            scenario "t"
            thread main {
                let p = alloc i32
                *p = 1
                spawn reader(p)
                free p
            }
            thread reader(q: ptr<i32>) spawned {
                let v = *q
            }
            expect ub use-after-free
            expect ub data-race
            expect race p
            """,
            12);
    assertTrue(r.allHeld(), r.expectations().toString());
  }
}
