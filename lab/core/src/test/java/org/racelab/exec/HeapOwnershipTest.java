package org.racelab.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.racelab.experiment.ExpectationResult;
import org.racelab.experiment.RunResult;
import org.racelab.experiment.Seen;
import org.racelab.memory.UbKind;
import org.racelab.testing.Scenarios;

/** Box ownership, raw allocations and leaks. */
class HeapOwnershipTest {

  private static List<String> drops(RunResult r) {
    return MemoryRuns.ops(r, "drop").stream()
        .map(e -> e.thread() + ":" + e.line() + ":" + e.location())
        .toList();
  }

  private static List<Findings.Leak> leaks(RunResult r) {
    return r.leaks().stream().map(Seen::item).toList();
  }

  @Test
  void aBoxIsFreedWhenItsOwnersScopeEnds() {
    RunResult r =
        MemoryRuns.main(
            """
                {
                    let b = box i32 = 5
                    *b = 6
                }
                let after = 1
            """);
    assertEquals(List.of("main:6:*b"), drops(r));
    assertTrue(leaks(r).isEmpty());
    assertTrue(MemoryRuns.ub(r).isEmpty());
  }

  @Test
  void dropFreesEarlyAndTheScopeEndDoesNotFreeAgain() {
    RunResult r = MemoryRuns.main("    let b = box i32 = 5\n    drop(b)\n    let x = 1");
    assertEquals(List.of("main:4:*b"), drops(r));
    assertTrue(MemoryRuns.ub(r).isEmpty());
  }

  @Test
  void droppingTwiceIsADoubleFree() {
    RunResult r = MemoryRuns.main("    let b = box i32 = 5\n    drop(b)\n    drop(b)");
    assertEquals(List.of(UbKind.DOUBLE_FREE), MemoryRuns.kinds(r));
    assertEquals(5, MemoryRuns.ub(r).get(0).line());
  }

  @Test
  void forgetLeaksTheBoxAndALeakIsInformationNotUb() {
    RunResult r =
        Scenarios.run(
            """
            scenario "t"
            thread main {
                let b = box [i64; 3] = 0
                forget(b)
            }
            expect leak
            expect clean
            expect no ub
            """);
    assertTrue(r.allHeld(), r.expectations().toString());
    assertTrue(drops(r).isEmpty());
    Findings.Leak leak = leaks(r).get(0);
    assertEquals("b", leak.name());
    assertEquals("box", leak.kind());
    assertEquals(24, leak.bytes());
    assertEquals("main", leak.thread());
    assertEquals(3, leak.line());
  }

  @Test
  void aRawAllocationLivesUntilFreedAndLeaksOtherwise() {
    RunResult leaked = MemoryRuns.main("    let p = alloc [i32; 4]\n    p[0] = 1");
    assertEquals(16, leaks(leaked).get(0).bytes());
    assertEquals("heap", leaks(leaked).get(0).kind());
    RunResult freed = MemoryRuns.main("    let p = alloc [i32; 4]\n    p[0] = 1\n    free p");
    assertTrue(leaks(freed).isEmpty());
  }

  @Test
  void aLeakNamesTheThreadThatAllocated() {
    RunResult r =
        Scenarios.run(
            """
            scenario "t"
            thread main {
                spawn maker()
                join maker
            }
            thread maker() spawned {
                let p = alloc i32
            }
            expect leak
            """);
    assertEquals("maker", leaks(r).get(0).thread());
    assertEquals(7, leaks(r).get(0).line());
    assertTrue(r.allHeld());
  }

  @Test
  void copyingABoxCopiesTheAddressButNotTheOwnership() {
    RunResult r =
        MemoryRuns.main(
            """
                let c: ptr<i32> = null
                {
                    let b = box i32 = 5
                    c = b
                    let d = b
                    assert *d == 5
                }
                let x = *c
            """);
    assertEquals(List.of("main:9:*b"), drops(r), "only the Box frees, once");
    Findings.Ub ub = MemoryRuns.ub(r).get(0);
    assertEquals(UbKind.USE_AFTER_FREE, ub.kind());
    assertEquals(10, ub.line());
    assertEquals("*b", ub.location(), "named by the binding that allocated it");
    assertTrue(ub.message().contains("owner `b` went out of scope at line 9"), ub.message());
  }

  @Test
  void sendingABoxMovesItsOwnershipToTheReceiver() {
    RunResult r =
        Scenarios.run(
            """
            scenario "t"
            channel ch: box<i32>
            thread main {
                let b = box i32 = 5
                ch.send(b)
            }
            thread receiver {
                let got = ch.recv()
                *got = 6
            }
            expect clean
            """,
            6);
    assertTrue(r.allHeld());
    assertEquals(List.of("receiver:10:*b"), drops(r));
    assertTrue(leaks(r).isEmpty());
  }

  @Test
  void spawningWithABoxMovesItToTheChild() {
    RunResult r =
        Scenarios.run(
            """
            scenario "t"
            thread main {
                let b = box i32 = 5
                spawn child(b)
                join child
            }
            thread child(x: box<i32>) spawned {
                *x = 6
            }
            expect clean
            """);
    assertTrue(r.allHeld());
    assertEquals(List.of("child:9:*b"), drops(r));
  }

  @Test
  void usingABoxAfterMovingItIsUseAfterFreeOnceTheNewOwnerDroppedIt() {
    RunResult r =
        Scenarios.run(
            """
            scenario "t"
            thread main {
                let b = box i32 = 5
                spawn child(b)
                join child
                let x = *b
            }
            thread child(x: box<i32>) spawned { }
            """);
    assertEquals(List.of(UbKind.USE_AFTER_FREE), MemoryRuns.kinds(r));
    assertTrue(MemoryRuns.ub(r).get(0).message().contains("thread child"));
  }

  @Test
  void sendingTheSameBoxTwiceMakesTwoOwnersAndTheSecondDropIsADoubleFree() {
    RunResult r =
        Scenarios.run(
            """
            scenario "t"
            channel ch: box<i32>
            thread main {
                let b = box i32 = 1
                ch.send(b)
                ch.send(b)
            }
            thread r {
                let x = ch.recv()
                let y = ch.recv()
            }
            expect ub double-free
            """);
    assertTrue(r.allHeld(), MemoryRuns.ub(r).toString());
  }

  @Test
  void aReceivedBoxThatIsNotKeptIsDroppedAtOnce() {
    RunResult r =
        Scenarios.run(
            """
            scenario "t"
            channel ch: box<i32>
            thread main {
                ch.send(box i32 = 3)
            }
            thread r {
                ch.recv()
                let after = 1
            }
            expect clean
            expect no leak
            """);
    assertTrue(r.allHeld(), r.expectations().toString());
    assertEquals(List.of("r:7:*alloc@4"), drops(r));
  }

  @Test
  void overwritingABoxLocalDropsTheOldBox() {
    RunResult r =
        MemoryRuns.main(
            """
                let b = box i32 = 1
                let old = b
                b = box i32 = 2
                let x = *old
            """);
    assertEquals(List.of("main:5:*b", "main:8:*b"), drops(r));
    Findings.Ub ub = MemoryRuns.ub(r).get(0);
    assertEquals(UbKind.USE_AFTER_FREE, ub.kind());
    assertTrue(ub.message().contains("when `b` was overwritten"), ub.message());
  }

  @Test
  void aPanickingThreadDropsItsBoxesWhileUnwinding() {
    RunResult r = MemoryRuns.main("    let b = box i32 = 1\n    assert false");
    assertEquals(List.of("main:4:*b"), drops(r));
    assertTrue(leaks(r).isEmpty());
    assertEquals(1, r.panics().size());
  }

  @Test
  void dropAfterForgetFreesTheBlockOnceWithoutUb() {
    RunResult r = MemoryRuns.main("    let b = box i32 = 1\n    forget(b)\n    drop(b)");
    assertTrue(MemoryRuns.ub(r).isEmpty(), MemoryRuns.ub(r).toString());
    assertTrue(leaks(r).isEmpty());
  }

  @Test
  void expectCleanHoldsOnAScenarioThatOnlyLeaks() {
    RunResult r =
        Scenarios.run(
            """
            scenario "t"
            thread main {
                let p = alloc i32
                *p = 1
                let v = vec i32 cap 2
                v.push(1)
                forget(v)
            }
            expect clean
            expect leak
            """);
    assertTrue(r.expectations().stream().allMatch(ExpectationResult::held));
    assertEquals(2, leaks(r).size());
  }
}
