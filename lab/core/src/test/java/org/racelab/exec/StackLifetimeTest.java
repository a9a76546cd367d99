package org.racelab.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.racelab.experiment.RaceView;
import org.racelab.experiment.RunResult;
import org.racelab.experiment.Seen;
import org.racelab.memory.UbKind;
import org.racelab.testing.Scenarios;

/** Stack slots live in their scope's frame and are popped whenever the scope is left. */
class StackLifetimeTest {

  private static List<Integer> popLines(RunResult r, String location) {
    return MemoryRuns.ops(r, "pop").stream()
        .filter(e -> e.location().equals(location))
        .map(LedgerEntry::line)
        .toList();
  }

  @Test
  void aLocalIsPoppedAtTheEndOfItsScopeAsAWriteOfTheWholeBlock() {
    RunResult r =
        MemoryRuns.main(
            """
                {
                    local buf: [i32; 3] = 0
                    buf[1] = 5
                }
                local after: i64 = 1
            """);
    assertEquals(List.of(6), popLines(r, "buf"));
    LedgerEntry pop = MemoryRuns.ops(r, "pop").get(0);
    assertTrue(pop.write(), "a pop writes the block");
    assertEquals(List.of(9), popLines(r, "after"), "the thread's own scope ends at its '}'");
    assertTrue(MemoryRuns.ub(r).isEmpty());
  }

  @Test
  void breakAndContinuePopTheSlotsOfEveryScopeTheyLeave() {
    RunResult r =
        MemoryRuns.main(
            """
                let k = 0
                loop {
                    local x: i32 = 1
                    k = k + 1
                    {
                        local y: i32 = 2
                        if k == 2 { break }
                        continue
                    }
                }
            """);
    assertEquals(List.of(10, 9), popLines(r, "y"), "continue at 10, then break at 9");
    assertEquals(List.of(10, 9), popLines(r, "x"));
    assertTrue(MemoryRuns.ub(r).isEmpty());
  }

  @Test
  void aPanicUnwindsTheThreadAndPopsEveryOpenScope() {
    RunResult r =
        MemoryRuns.main(
            """
                local outer: i32 = 1
                {
                    local inner: i32 = 2
                    assert false
                }
            """);
    assertEquals(1, r.panics().size());
    List<LedgerEntry> pops = MemoryRuns.ops(r, "pop (unwinding)");
    assertEquals(List.of("inner", "outer"), pops.stream().map(LedgerEntry::location).toList());
    assertEquals(6, pops.get(0).line());
  }

  @Test
  void usingAPoppedSlotIsAUseAfterFreeThatSaysWhereTheScopeEnded() {
    RunResult r =
        MemoryRuns.main(
            """
                let p: ptr<i32> = null
                {
                    local x: i32 = 1
                    p = &x
                }
                {
                    local y: i32 = 9
                }
                let v = *p
            """);
    Findings.Ub ub = MemoryRuns.ub(r).get(0);
    assertEquals(UbKind.USE_AFTER_FREE, ub.kind());
    assertEquals(11, ub.line());
    assertEquals("x", ub.location());
    assertTrue(ub.message().contains("popped at the end of its scope at line 7"), ub.message());
  }

  @Test
  void aSlotOfAFinishedThreadIsPoppedAndUsingItIsAUseAfterFree() {
    RunResult r =
        Scenarios.run(
            """
            scenario "t"
            channel ch: ptr<i32>
            thread owner {
                local x: i32 = 1
                ch.send(&x)
            }
            thread user {
                let p = ch.recv()
                join owner
                let v = *p
            }
            """);
    Findings.Ub ub = MemoryRuns.ub(r).get(0);
    assertEquals(UbKind.USE_AFTER_FREE, ub.kind());
    assertEquals("user", ub.thread());
    assertTrue(ub.message().contains("popped"), ub.message());
    assertTrue(r.races().isEmpty(), "join orders the pop before the read");
  }

  @Test
  void aPopRacingWithAnotherThreadsReadIsADataRace() {
    RunResult r =
        Scenarios.run(
            """
            scenario "t"
            thread main {
                local buf: [i32; 3] = 0
                spawn reader(&buf[2])
            }
            thread reader(p: ptr<i32>) spawned {
                let v = *p
            }
            """,
            8);
    assertTrue(MemoryRuns.kinds(r).contains(UbKind.DATA_RACE), MemoryRuns.ub(r).toString());
    RaceView race = r.races().get(0).item();
    assertTrue(race.kind().contains("pop"), race.kind());
    assertTrue(race.location().startsWith("buf"), race.location());
    assertTrue(
        r.races().stream()
            .map(Seen::item)
            .allMatch(v -> v.first().op().startsWith("pop") != v.second().op().startsWith("pop")),
        "each race pairs the pop with the read");
  }

  @Test
  void aLentSlotJoinedBeforeItsScopeEndsIsClean() {
    RunResult r =
        Scenarios.run(
            """
            scenario "t"
            thread main {
                local x: i32 = 1
                spawn writer(&x)
                join writer
                assert x == 2
            }
            thread writer(p: ptr<i32>) spawned {
                *p = 2
            }
            """,
            8);
    assertTrue(MemoryRuns.ub(r).isEmpty(), MemoryRuns.ub(r).toString());
    assertTrue(r.panics().isEmpty());
  }

  @Test
  void aPoppedSlotsAddressIsReusedByTheNextSlotYetTheOldPointerStillDangles() {
    RunResult r =
        MemoryRuns.main(
            """
                let p: ptr<i32> = null
                {
                    local x: i32 = 1
                    p = &x
                }
                local y: i32 = 2
                let same = p == &y
                assert same
                let v = *p
            """);
    assertTrue(r.panics().isEmpty(), "the addresses are equal: " + r.panics());
    assertEquals(UbKind.USE_AFTER_FREE, MemoryRuns.kinds(r).get(0));
    assertEquals(11, MemoryRuns.ub(r).get(0).line());
  }

  @Test
  void anUninitialisedLocalIsRecordedAsSuchAndItsFirstReadIsUb() {
    RunResult r = MemoryRuns.main("    local x: i64\n    let y = x");
    assertEquals("stack slot (uninitialised)", MemoryRuns.exec(r).ledger().get(0).op());
    assertEquals(List.of(UbKind.UNINITIALIZED_READ), MemoryRuns.kinds(r));
    assertFalse(MemoryRuns.ub(r).get(0).message().isBlank());
  }
}
