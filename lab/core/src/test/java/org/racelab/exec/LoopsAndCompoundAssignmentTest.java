package org.racelab.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.racelab.experiment.RunResult;
import org.racelab.testing.Scenarios;

class LoopsAndCompoundAssignmentTest {

  @Test
  void forLoopsRunFromTheStartUpToButNotIncludingTheEnd() {
    RunResult r =
        Scenarios.run(
            """
            shared a: [i32; 5] = 0
            shared sum: i32 = 0
            thread t {
                for i in 1..5 { a[i] = i }
                for i in 0..5 {
                    if i == 2 { continue }
                    if i == 4 { break }
                    sum += a[i]
                }
            }
            expect final a[0] == 0 && a[4] == 4 && sum == 4
            """);
    assertTrue(r.allHeld(), r.expectations().toString());
  }

  @Test
  void compoundAssignmentIsAReadAndThenAWrite() {
    RunResult r =
        Scenarios.run(
            """
            shared counter: i32 = 0
            thread w[2] { counter += 1 }
            """);
    long reads =
        r.representative().execution().ledger().stream().filter(e -> e.op().equals("read")).count();
    long writes =
        r.representative().execution().ledger().stream()
            .filter(e -> e.op().equals("write"))
            .count();
    assertEquals(2, reads);
    assertEquals(2, writes);
    assertEquals(false, r.races().isEmpty(), "the two increments race");
  }

  @Test
  void disjointArrayCellsWrittenByEachInstanceDoNotRace() {
    RunResult r =
        Scenarios.run(
            """
            shared a: [i64; 8] = 0
            thread w[4] {
                for k in 0..2 { a[tid * 2 + k] += tid }
            }
            expect clean
            expect final a[7] == 3
            """,
            10);
    assertTrue(r.allHeld(), r.expectations().toString());
  }

  @Test
  void overlappingCellsRaceLikeDataRaceBenchsAntiDependence() {
    RunResult r =
        Scenarios.run(
            """
            shared a: [i64; 5] = 1
            thread w[4] {
                a[tid] = a[tid + 1] + 1
            }
            expect race a
            """,
            10);
    assertTrue(r.allHeld(), r.expectations().toString());
  }
}
