package org.racelab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.racelab.experiment.RunResult;
import org.racelab.report.json.JsonModel;
import org.racelab.report.terminal.TerminalReport;
import org.racelab.testing.Scenarios;

/**
 * The terminal summary and the JSON name every memory UB kind exactly as DESIGN lists them, with
 * its thread, line, location and message, and show leaks and dangling-pointer notes as information.
 */
class MemoryUbInOutputTest {

  private static final String ALL_KINDS =
      """
      scenario "every memory UB kind"
      thread main {
          let p = alloc [i32; 2]
          let x = p[0]
          p[0] = 1
          let y = p[2]
          local k: u8 = 2
          let b = *(&k as ptr<bool>)
          free p + 1
          free p
          free p
          let z = p[0]
          let leaked = alloc i64
      }
      """;

  @Test
  void jsonNamesEachKindWithThreadLineLocationAndMessage() throws Exception {
    RunResult r = Scenarios.run(ALL_KINDS);
    JsonNode json = new ObjectMapper().valueToTree(JsonModel.run(r));
    List<String> kinds = new ArrayList<>();
    for (JsonNode u : json.get("ub")) {
      kinds.add(u.get("kind").asText());
      assertEquals("main", u.get("thread").asText());
      assertTrue(u.get("line").asInt() > 0);
      assertTrue(!u.get("location").asText().isEmpty());
      assertTrue(!u.get("message").asText().isEmpty());
    }
    assertEquals(
        List.of(
            "uninitialized-read",
            "out-of-bounds",
            "invalid-value",
            "invalid-free",
            "double-free",
            "use-after-free"),
        kinds);
    JsonNode leak = json.get("leaks").get(0);
    assertEquals("leaked", leak.get("location").asText());
    assertEquals(8, leak.get("bytes").asInt());
  }

  @Test
  void theTerminalSummaryNamesTheKindsAndKeepsLeaksAndNotesApartFromUb() {
    RunResult r = Scenarios.run(ALL_KINDS);
    String text = TerminalReport.render(r);
    for (String kind :
        List.of(
            "uninitialized-read at line 4",
            "out-of-bounds at line 6",
            "invalid-value at line 8",
            "invalid-free at line 9",
            "double-free at line 11",
            "use-after-free at line 12")) {
      assertTrue(text.contains(kind), kind + " in\n" + text);
    }
    assertTrue(text.contains("Leaks (information, not UB)"), text);

    RunResult dangling =
        Scenarios.run(
            """
            scenario "held, never used"
            thread main {
                let p: ptr<i32> = null
                {
                    local x: i32 = 1
                    p = &x
                }
            }
            """);
    String clean = TerminalReport.render(dangling);
    assertTrue(clean.contains("CLEAN"), clean);
    assertTrue(clean.contains("holding it is allowed, using it would be UB"), clean);
  }
}
