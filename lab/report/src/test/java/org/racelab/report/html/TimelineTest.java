package org.racelab.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.racelab.exec.Execution;
import org.racelab.exec.LedgerEntry;
import org.racelab.experiment.RunResult;

class TimelineTest {

  private static final String LONG =
      """
      scenario "Many locked increments, then a race"
      shared counter: i64 = 0
      shared flag: i32 = 0
      mutex m
      thread worker[2] {
          repeat 150 {
              lock m {
                  counter = counter + 1
              }
          }
          flag = tid
      }
      expect race flag
      """;

  @Test
  void aLongRunShowsAWindowAroundItsFirstRace() {
    RunResult r = ReportScenarios.inline(LONG, 1);
    Execution e = r.representative().execution();
    assertTrue(e.steps().size() > Timeline.CAP, "the run is longer than the cap");
    Timeline t = RunPage.of(r).timeline();
    assertEquals(Timeline.CAP, t.nodes().size());
    assertEquals(Timeline.CAP, t.shownTo() - t.shownFrom());
    int firstRace =
        e.ledger().stream().filter(LedgerEntry::racing).findFirst().orElseThrow().step();
    assertTrue(t.shownFrom() > 0 && t.shownFrom() <= firstRace && firstRace < t.shownTo());
    assertTrue(t.summary().contains("around the first race"), t.summary());
    assertTrue(t.width() <= Timeline.CAP * Timeline.COL + 200, "the picture stays bounded");
    assertTrue(t.nodes().stream().anyMatch(n -> n.step() == firstRace && n.css().equals("racing")));
  }

  @Test
  void everyStepIsLabelledWithItsSourceLine() {
    RunResult r = ReportScenarios.catalogue("atomics/message-passing-relaxed.race", 1);
    Execution e = r.representative().execution();
    Timeline t = RunPage.of(r).timeline();
    for (int i = 0; i < e.steps().size(); i++) {
      assertEquals("L" + e.steps().get(i).line(), t.nodes().get(i).label());
    }
    assertEquals("L13", t.nodes().get(2).label(), "the producer's write of data");
  }
}
