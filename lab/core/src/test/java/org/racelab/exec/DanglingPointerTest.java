package org.racelab.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.racelab.experiment.RunResult;
import org.racelab.testing.Scenarios;

/**
 * Holding, copying and comparing a dangling pointer is allowed; only using it is UB. The run's
 * notes name the pointers that outlived their target and were never used.
 */
class DanglingPointerTest {

  private static List<String> notes(RunResult r) {
    return MemoryRuns.exec(r).notes();
  }

  @Test
  void aPointerThatOutlivesItsTargetIsNotedButIsNotUb() {
    RunResult r =
        MemoryRuns.main(
            """
                let p: ptr<i32> = null
                {
                    local x: i32 = 5
                    p = &x
                }
                let after = 1
            """);
    assertTrue(MemoryRuns.ub(r).isEmpty());
    assertEquals(1, notes(r).size(), notes(r).toString());
    String note = notes(r).get(0);
    assertTrue(note.startsWith("p (thread main) dangles since line 7"), note);
    assertTrue(note.contains("holding it is allowed, using it would be UB"), note);
  }

  @Test
  void copyingAndComparingADanglingPointerIsNotUbAndTheCopyIsNoted() {
    RunResult r =
        MemoryRuns.main(
            """
                let p = alloc i32
                let q = p
                free p
                let r = q
                assert r == p
                assert r != null
            """);
    assertTrue(MemoryRuns.ub(r).isEmpty());
    assertTrue(r.panics().isEmpty());
    assertEquals(
        List.of(
            "q (thread main) dangles since line 5 (thread main): `p` was freed; holding it is"
                + " allowed, using it would be UB",
            "r (thread main) holds a copy of a dangling pointer since line 6: `p` was freed at"
                + " line 5 (thread main); copying or comparing it is allowed, using it would be"
                + " UB"),
        notes(r));
  }

  @Test
  void usingTheDanglingPointerMakesItUbAndTheNoteGivesWayToTheReport() {
    RunResult r =
        MemoryRuns.main(
            """
                let p: ptr<i32> = null
                {
                    local x: i32 = 5
                    p = &x
                }
                let v = *p
            """);
    assertEquals(1, MemoryRuns.ub(r).size());
    assertEquals(List.of(), notes(r));
  }

  @Test
  void freeingThroughAPointerDoesNotNoteThatPointer() {
    RunResult r = MemoryRuns.main("    let p = alloc i32\n    *p = 1\n    free p");
    assertEquals(List.of(), notes(r));
  }

  @Test
  void freeingThroughALocationInMemoryDoesNotNoteThatLocation() {
    RunResult r =
        Scenarios.run(
            """
            scenario "t"
            shared g: ptr<i32> = null
            thread main {
                local slot: ptr<i32> = null
                let table = alloc [ptr<i32>; 2]
                g = alloc i32
                free g
                slot = alloc i32
                free slot
                table[1] = alloc i32
                free table[1]
                free table
            }
            """);
    assertTrue(MemoryRuns.ub(r).isEmpty(), MemoryRuns.ub(r).toString());
    assertEquals(List.of(), notes(r));
  }

  @Test
  void localsThatDieWithTheTargetsScopeAreNotNoted() {
    RunResult r =
        MemoryRuns.main(
            """
                {
                    local holder: ptr<i32> = null
                    local x: i32 = 5
                    let p = &x
                    holder = &x
                    let b = box i32 = 1
                    let c = b
                }
            """);
    assertEquals(List.of(), notes(r));
  }

  @Test
  void pointersHeldByFinishedThreadsAreNotNoted() {
    RunResult r =
        Scenarios.run(
            """
            scenario "t"
            thread main {
                let p = alloc i32
                *p = 1
                spawn reader(p)
                join reader
                free p
            }
            thread reader(q: ptr<i32>) spawned {
                let v = *q
            }
            """);
    assertEquals(List.of(), notes(r));
  }

  @Test
  void aSharedLocationLeftPointingAtFreedMemoryIsNoted() {
    RunResult r =
        Scenarios.run(
            """
            scenario "t"
            shared g: ptr<i32> = null
            thread main {
                let p = alloc i32
                g = p
                free p
            }
            """);
    assertEquals(1, notes(r).size());
    assertTrue(notes(r).get(0).startsWith("g dangles since line 6"), notes(r).get(0));
  }

  @Test
  void aRunningThreadThatStillHoldsAFreedPointerIsNoted() {
    RunResult r =
        Scenarios.run(
            """
            scenario "t"
            channel done: bool
            thread main {
                let p = alloc i32
                spawn holder(p)
                free p
                done.send(true)
            }
            thread holder(q: ptr<i32>) spawned {
                let ok = done.recv()
            }
            expect clean
            """);
    assertTrue(r.allHeld());
    assertEquals(1, notes(r).size(), notes(r).toString());
    assertTrue(notes(r).get(0).startsWith("q (thread holder) dangles since line 6"));
  }
}
