package org.racelab.report.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.racelab.experiment.Comparison;
import org.racelab.report.Comparisons;

class CompareTableTest {
  private static final Comparison COUNTER =
      Comparisons.compare(Comparisons.COUNTER, 10, "none", "mutex", "release-acquire");

  private static List<String> lines(String text) {
    return Arrays.asList(text.split("\n"));
  }

  @Test
  void theTableHasOneAlignedRowPerStrategyUnderItsHeader() {
    List<String> lines = lines(CompareTable.render(COUNTER));
    int head =
        lines.indexOf(lines.stream().filter(l -> l.startsWith("strategy ")).findFirst().get());
    String header = lines.get(head);
    List<String> rows = lines.subList(head + 1, head + 4);
    assertTrue(rows.get(0).startsWith("none "));
    assertTrue(rows.get(1).startsWith("mutex "));
    assertTrue(rows.get(2).startsWith("release-acquire "));
    for (String row : rows) {
      // right-aligned numbers: every row ends where the header ends
      assertEquals(header.length(), row.length(), row);
      for (String column : List.of("racing", "synchronised", "racy", "steps", "blocked")) {
        int end = header.indexOf(column) + column.length();
        assertTrue(end == row.length() || row.charAt(end) == ' ', column + " in " + row);
        assertTrue(row.charAt(end - 1) != ' ', column + " in " + row);
      }
    }
    assertTrue(
        rows.get(1)
            .matches("mutex\\s+0\\s+80\\s+0/10\\s+0/10\\s+0/10\\s+1/2\\s+160\\s+0\\s+\\d+\\s+\\d+"),
        rows.get(1));
  }

  @Test
  void theRaceFreeButIncorrectStrategyIsExplainedInWords() {
    String text = CompareTable.render(COUNTER).replaceAll("\\s+", " ");
    assertTrue(
        text.matches(
            ".*release-acquire: no data race, but updates to counter were lost in \\d+ of 10"
                + " schedules and `expect final counter == 4` failed in \\d+ of 10 schedules:"
                + " every access is atomic, but the read-modify-write is not.*"),
        text);
    assertTrue(
        text.contains(
            "mutex: no data race, no lost update, and the same final values in every schedule"));
  }

  @Test
  void expectationsShowInHowManySchedulesTheyHeldUnderEachStrategy() {
    List<String> lines = lines(CompareTable.render(COUNTER));
    int head = lines.indexOf("Expectations (schedules in which each held)");
    String header = lines.get(head + 1);
    String race = lines.get(head + 2);
    String fin = lines.get(head + 3);
    assertTrue(header.matches(" +none +mutex +release-acquire"), header);
    assertTrue(race.matches("  expect race counter +10/10 +0/10 ✗ +0/10 ✗"), race);
    assertTrue(fin.matches("  expect final counter == 4 +\\d+/10 ✗ +10/10 +0/10 ✗"), fin);
    // every figure ends under the end of its strategy's name
    assertEquals(header.indexOf("none") + 4, race.indexOf("10/10") + 5);
    assertEquals(header.indexOf("mutex") + 5, fin.indexOf("10/10") + 5);
    assertEquals(header.length(), fin.lastIndexOf("0/10") + 4);
    assertTrue(lines.get(head + 4).contains("✗: the expectation failed under that strategy"));
  }

  @Test
  void finalValuesShowOnlyWhatVariesWithTheirSchedules() {
    String text = CompareTable.render(COUNTER);
    assertTrue(text.contains("  mutex            counter=4 ×10\n"), text);
  }

  @Test
  void quietOutputIsOneVerdictPerStrategy() {
    List<String> lines = lines(CompareTable.verdicts(COUNTER));
    assertEquals(3, lines.size());
    assertTrue(lines.get(0).startsWith("none: data races on counter"));
  }

  @Test
  void aScenarioWithoutCriticalBlocksIsFlagged() {
    Comparison c =
        Comparisons.compare("shared x: i32 = 0\nthread t { x = 1 }\n", 1, "none", "mutex");
    assertTrue(
        CompareTable.render(c)
            .contains(
                "note: the scenario has no critical block, so every strategy runs the same"
                    + " program"));
  }
}
