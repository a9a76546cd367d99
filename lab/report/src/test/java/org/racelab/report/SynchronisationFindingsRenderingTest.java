package org.racelab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.racelab.experiment.RunResult;
import org.racelab.report.json.JsonModel;
import org.racelab.report.terminal.TerminalReport;
import org.racelab.testing.Scenarios;

/** Lock-order warnings and deadlock reports reach the terminal summary and the JSON. */
class SynchronisationFindingsRenderingTest {

  private static final String INVERSION =
      """
      scenario "inversion"
      mutex m1
      mutex m2
      thread a { lock m1 { lock m2 { } } }
      thread b { lock m2 { lock m1 { } } }
      expect inversion
      """;

  @Test
  void theJsonListsEachLockOrderCycleWithItsAcquisitions() throws Exception {
    RunResult r = Scenarios.run(INVERSION, 1);
    JsonNode json = new ObjectMapper().readTree(Json.render(JsonModel.run(r)));
    JsonNode warnings = json.get("warnings");
    assertEquals(1, warnings.size());
    JsonNode w = warnings.get(0);
    assertEquals("lock-order-inversion", w.get("kind").asText());
    assertEquals("m1", w.get("locks").get(0).asText());
    assertEquals("m2", w.get("locks").get(1).asText());
    JsonNode edge = w.get("edges").get(0);
    assertEquals("a", edge.get("thread").asText());
    assertEquals("m1", edge.get("held").asText());
    assertEquals("m2", edge.get("acquired").asText());
    assertEquals(4, edge.get("line").asInt());
    assertEquals(1, w.get("schedules").asInt());
  }

  @Test
  void theJsonHasAnEmptyWarningsListWhenLocksAreOrdered() throws Exception {
    RunResult r =
        Scenarios.run(
            """
            scenario "ordered"
            mutex m1
            mutex m2
            thread a { lock m1 { lock m2 { } } }
            thread b { lock m1 { lock m2 { } } }
            """,
            1);
    JsonNode json = new ObjectMapper().readTree(Json.render(JsonModel.run(r)));
    assertTrue(json.get("warnings").isArray());
    assertEquals(0, json.get("warnings").size());
  }

  @Test
  void theTerminalSummaryCountsAndExplainsWarnings() {
    String text = TerminalReport.render(Scenarios.run(INVERSION, 1));
    assertTrue(text.contains("1 warning"), text);
    assertTrue(text.contains("\nWarnings\n  lock-order-inversion: potential deadlock"), text);
  }

  @Test
  void theTerminalSummaryShowsTheDeadlockCycle() {
    String text =
        TerminalReport.render(
            Scenarios.run(
                """
                scenario "self"
                mutex m
                thread a { m.lock()
                           m.lock() }
                """,
                1));
    assertTrue(text.contains("DEADLOCK"), text);
    assertTrue(text.contains("a waits at line 4 for mutex m, which it already holds"), text);
    assertTrue(text.contains("cycle: a → a"), text);
  }
}
