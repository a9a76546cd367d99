package org.racelab.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.racelab.testing.Scenarios;

/** What reports draw from an execution: step lines for the timeline, Vec headers for the map. */
class StepsAndMemoryMapForReportsTest {

  @Test
  void aStepCarriesTheLineOfItsOwnAccessNotOfTheInstructionsAfterIt() {
    Execution e =
        Scenarios.run(
                """
                scenario "lines"
                shared data: i32 = 0
                atomic ready: bool = false
                thread producer {
                    data = 42
                    ready.store(true, release)
                }
                expect no race
                """)
            .representative()
            .execution();
    assertFalse(e.steps().isEmpty());
    for (Findings.Step s : e.steps()) {
      if (s.access() >= 0) {
        assertEquals(e.ledger().get(s.access()).line(), s.line(), s.toString());
      }
    }
    assertEquals(List.of(5, 6), e.steps().stream().map(Findings.Step::line).toList());
  }

  @Test
  void theMemoryMapSpellsOutAVecHeaderAsPtrLenAndCap() {
    Execution e =
        Scenarios.run(
                """
                scenario "vec"
                thread main {
                    let v: vec<i32> = vec i32 cap 2
                    v.push(1)
                    v.push(2)
                    let p = &v[0]
                    v.push(3)
                    let x = *p
                }
                expect ub use-after-free
                """)
            .representative()
            .execution();
    MemoryMap map = e.memoryAtFirstUb();
    assertNotNull(map);
    MemoryMap.LocalValue v =
        map.locals().stream().filter(l -> l.name().equals("v")).findFirst().orElseThrow();
    assertEquals("Vec", v.kind());
    assertEquals(
        List.of("ptr", "len", "cap"), v.fields().stream().map(MemoryMap.Field::name).toList());
    assertEquals("3", v.fields().get(1).value());
    assertEquals("4", v.fields().get(2).value());
    MemoryMap.LocalValue p =
        map.locals().stream().filter(l -> l.name().equals("p")).findFirst().orElseThrow();
    assertEquals("ptr", p.kind());
    MemoryMap.Block old =
        map.blocks().stream().filter(b -> b.id() == p.pointsTo()).findFirst().orElseThrow();
    assertFalse(old.live(), "p points into the buffer the push freed");
  }
}
