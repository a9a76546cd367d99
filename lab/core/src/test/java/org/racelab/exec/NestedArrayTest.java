package org.racelab.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.racelab.experiment.RunResult;
import org.racelab.testing.Scenarios;

/** {@code m[i][j]} reaches row i, column j: each row is one element of the outer array. */
class NestedArrayTest {

  @Test
  void eachCellOfANestedArrayIsItsOwnLocation() {
    RunResult r =
        Scenarios.run(
            """
            shared m: [[i32; 3]; 2] = 0
            thread main {
                local s: [[i64; 2]; 2] = 0
                for i in 0..2 {
                    for j in 0..3 {
                        m[i][j] = (i * 10 + j) as i32
                    }
                    s[i][1] = i + 5
                }
                assert s[0][1] == 5 && s[1][1] == 6 && s[1][0] == 0
            }
            expect final m[0][2] == 2
            expect final m[1][0] == 10
            expect final m[1][2] == 12
            expect clean
            """);
    assertTrue(r.allHeld(), () -> r.expectations().toString());
    List<String> written =
        r.representative().execution().ledger().stream()
            .filter(e -> e.op().equals("write") && e.location().startsWith("m["))
            .map(LedgerEntry::location)
            .toList();
    assertEquals(
        List.of("m[0][0]", "m[0][1]", "m[0][2]", "m[1][0]", "m[1][1]", "m[1][2]"), written);
  }

  @Test
  void twoThreadsWritingTheirOwnRowsDoNotRace() {
    RunResult r =
        Scenarios.run(
            """
            shared m: [[i32; 2]; 2] = 0
            thread w[2] { m[tid][0] = 1; m[tid][1] = 2 }
            expect no race
            """,
            20);
    assertTrue(r.allHeld(), () -> r.expectations().toString());
  }
}
