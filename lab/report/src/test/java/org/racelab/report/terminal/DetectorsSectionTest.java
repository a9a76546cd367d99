package org.racelab.report.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.racelab.exec.Machine;
import org.racelab.experiment.Experiment;
import org.racelab.experiment.RunResult;
import org.racelab.scenario.Parser;
import org.racelab.testing.Scenarios;

/** The terminal summary's agreement section of a {@code --detector all} run. */
class DetectorsSectionTest {

  private static RunResult all(String relative, List<String> detectors) throws Exception {
    String source = Files.readString(Scenarios.catalogue().resolve(relative));
    return new Experiment(
            Parser.parse("races/" + relative, source),
            "none",
            detectors,
            "random",
            1,
            1,
            null,
            Machine.Options.DEFAULT)
        .run(Experiment.Progress.NONE);
  }

  /** The lines of the section: from its heading to the next blank line. */
  private static List<String> section(String summary) {
    List<String> lines = summary.lines().toList();
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("Detectors")) {
        start = i;
        break;
      }
    }
    if (start < 0) {
      return List.of();
    }
    int end = start;
    while (end < lines.size() && !lines.get(end).isBlank()) {
      end++;
    }
    return lines.subList(start, end);
  }

  @Test
  void aDisagreementIsATableRowAndASentenceWhy() throws Exception {
    String summary =
        TerminalReport.render(
            all("basics/spawn-join-handoff.race", List.of("fasttrack", "djit", "lockset")));
    List<String> s = section(summary);
    assertEquals("Detectors", s.get(0), summary);
    assertEquals("  location  fasttrack  djit   lockset", s.get(1));
    assertEquals("  data      clean      clean  racing   <- DISAGREE", s.get(2));
    String why = String.join(" ", s.subList(3, s.size())).replaceAll("\\s+", " ").strip();
    assertTrue(
        why.startsWith(
            "lockset reports data: no common lock protects every access, but happens-before"
                + " orders them through the spawn of helper and the join of helper"),
        why);
    for (String line : s) {
      assertTrue(line.length() <= 100, "wrapped to the terminal width: " + line);
    }
  }

  @Test
  void agreementOnACleanRunIsOneLine() throws Exception {
    List<String> s =
        section(
            TerminalReport.render(
                all("basics/locked-counter.race", List.of("fasttrack", "djit", "lockset"))));
    assertEquals(2, s.size(), s.toString());
    assertTrue(
        s.get(1)
            .matches("  all 3 detectors agree: no location raced \\(\\d+ locations? checked\\)"),
        s.get(1));
  }

  @Test
  void oneDetectorHasNoSection() throws Exception {
    String summary =
        TerminalReport.render(all("basics/spawn-join-handoff.race", List.of("fasttrack")));
    assertFalse(summary.contains("\nDetectors"), summary);
  }
}
