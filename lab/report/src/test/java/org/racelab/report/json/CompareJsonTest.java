package org.racelab.report.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.racelab.experiment.Comparison;
import org.racelab.report.Comparisons;
import org.racelab.report.Json;
import org.racelab.testing.Golden;

/**
 * The compare JSON contract (DESIGN section 7), pinned by a golden file. Regenerate it after an
 * intended change with {@code -Dracelab.updateGoldens=true} and review the diff.
 */
class CompareJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The JSON text with wall times (the only figures that vary between runs) set to 0. */
  private static String stable(Comparison c) throws Exception {
    JsonNode tree = MAPPER.readTree(Json.render(CompareJson.of(c)));
    for (JsonNode s : tree.get("strategies")) {
      ((ObjectNode) s).put("wallMillis", 0);
    }
    return Json.render(tree);
  }

  @Test
  void aSmallComparisonWithFixedSeedsMatchesTheGoldenFile() throws Exception {
    String actual = stable(Comparisons.compare(Comparisons.COUNTER, 4, "none", "mutex", "atomic"));
    Golden.check("golden/compare-counter.json", actual);
  }

  @Test
  void eachStrategyIsTheRunObjectOfRunJsonPlusItsVerdict() throws Exception {
    Comparison c = Comparisons.compare(Comparisons.COUNTER, 3, "mutex", "atomic");
    JsonNode tree = MAPPER.readTree(Json.render(CompareJson.of(c)));
    assertEquals(List.of("scenario", "strategies"), names(tree));
    assertEquals("Counter", tree.get("scenario").asText());
    for (int k = 0; k < 2; k++) {
      JsonNode run = MAPPER.readTree(Json.render(JsonModel.run(c.entries().get(k).result())));
      List<String> expected = names(run);
      expected.add("verdict");
      JsonNode s = tree.get("strategies").get(k);
      assertEquals(expected, names(s));
      for (String field : List.of("strategy", "steps", "wallMillis", "totals", "lostUpdates")) {
        assertTrue(s.has(field), field);
      }
      assertEquals(c.entries().get(k).strategy(), s.get("strategy").asText());
      assertEquals(c.entries().get(k).verdict().sentence(), s.get("verdict").get("text").asText());
    }
    JsonNode atomic = tree.get("strategies").get(1).get("verdict");
    assertTrue(atomic.get("raceFree").asBoolean());
  }

  private static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
