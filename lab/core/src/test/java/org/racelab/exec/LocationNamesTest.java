package org.racelab.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.racelab.experiment.RunResult;
import org.racelab.testing.Scenarios;
import org.racelab.value.BoxValue;
import org.racelab.value.Pointer;
import org.racelab.value.Prim;
import org.racelab.value.VecValue;

/** Locations are named as the scenario writes them, whoever reaches them and however. */
class LocationNamesTest {

  private static Set<String> locations(RunResult r, String thread) {
    return MemoryRuns.exec(r).ledger().stream()
        .filter(e -> e.thread().equals(thread))
        .map(LedgerEntry::location)
        .collect(Collectors.toSet());
  }

  @Test
  void heapCellsReachedThroughAnotherThreadsPointerAreNamedByTheAllocatingBinding() {
    RunResult r =
        Scenarios.run(
            """
            scenario "t"
            thread main {
                let p = alloc [i32; 2]
                let s = alloc i64
                spawn worker(p, s)
                join worker
                free p
                free s
            }
            thread worker(q: ptr<i32>, t: ptr<i64>) spawned {
                q[1] = 5
                *t = 1
            }
            """);
    assertEquals(Set.of("p[1]", "*s"), locations(r, "worker"));
  }

  @Test
  void aDereferenceIsNamedAfterItsTarget() {
    RunResult r =
        Scenarios.run(
            """
            scenario "t"
            shared data: i32 = 0
            thread main {
                local x: i32 = 0
                let q = &x
                *q = 1
                let d = &data
                *d = 2
                let b = box i32 = 3
                let c = b
                *c = 4
            }
            """);
    List<String> writes =
        MemoryRuns.exec(r).ledger().stream()
            .filter(e -> e.op().equals("write"))
            .map(LedgerEntry::location)
            .toList();
    assertEquals(List.of("x", "data", "*b"), writes);
  }

  @Test
  void threadLocalInstancesAreNamedWithTheirThread() {
    RunResult r =
        Scenarios.run(
            """
            scenario "t"
            thread_local count: i64 = 0
            channel ch: ptr<i64>
            thread main {
                ch.send(&count)
            }
            thread other {
                let p = ch.recv()
                *p = 5
            }
            expect race count@main
            """,
            6);
    assertEquals(Set.of("count@main"), locations(r, "other"));
  }

  @Test
  void aRaceOnAHeapScalarMatchesBothStarPAndPZero() {
    String src =
        """
        scenario "t"
        thread main {
            let p = alloc i32
            spawn a(p)
            spawn b(p)
        }
        thread a(q: ptr<i32>) spawned { *q = 1 }
        thread b(q: ptr<i32>) spawned { *q = 2 }
        expect race p
        expect race *p
        expect race p[0]
        expect no race on p[1]
        """;
    RunResult r = Scenarios.run(src, 8);
    assertTrue(r.allHeld(), r.expectations().toString());
  }

  @Test
  void thinFatAndVecPointersAreShownAsPtrPtrPlusLenAndPtrPlusLenPlusCap() {
    assertEquals("0x10000", new Pointer(Prim.I32, 0x10000, 1, -1).display());
    assertEquals("null", Pointer.nullTo(Prim.I32).display());
    assertEquals("0x1004 + len 2", new Pointer(Prim.I32, 0x1004, 1, 2).display());
    assertEquals(
        "Vec(0x10000 + len 1 + cap 4)",
        new VecValue(new Pointer(Prim.I32, 0x10000, 1, -1), 1, 4, true).display());
    assertEquals(
        "Box(0x10000)", new BoxValue(new Pointer(Prim.I32, 0x10000, 1, -1), true).display());
  }

  @Test
  void theMemoryMapDrawsPointerLocalsButNotStackSlotsThemselves() {
    RunResult r =
        Scenarios.run(
            """
            scenario "t"
            shared a: [i32; 4] = 0
            thread main {
                local x: i32 = 1
                let p = &x
                let s = &a[1..3]
                let v = vec i32 cap 4
                v.push(1)
                let b = box i32 = 2
                let h = alloc i32
                free h
                let bad = *h
            }
            """);
    MemoryMap map = MemoryRuns.exec(r).memoryAtFirstUb();
    assertNotNull(map);
    List<String> locals = map.locals().stream().map(l -> l.name() + "=" + l.value()).toList();
    assertEquals(
        List.of(
            "p=0x7ffefff8",
            "s=0x1004 + len 2",
            "v=Vec(0x10000 + len 1 + cap 4)",
            "b=Box 0x10010",
            "h=0x10018"),
        locals);
    MemoryMap.LocalValue p = map.locals().get(0);
    MemoryMap.Block x =
        map.blocks().stream().filter(bl -> bl.name().equals("x")).findFirst().orElseThrow();
    assertEquals(x.id(), p.pointsTo());
    assertEquals("stack", x.kind());
    assertEquals("main", x.owner());
  }
}
