package org.racelab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.racelab.scenario.Scenario;
import org.racelab.scenario.ScenarioException;
import org.racelab.testing.Scenarios;

/** Comparisons: same schedules for every strategy, and the verdict sentences. */
class ComparisonTest {
  private static final int N = 20;

  static final String COUNTER =
      """
      scenario "Counter"
      shared counter: i32 = 0
      thread worker[2] {
          repeat 2 {
              critical {
                  counter = counter + 1
              }
          }
      }
      expect race counter
      expect final counter == 4
      """;

  static Comparison compare(String source, int schedules, String... strategies)
      throws ScenarioException {
    Scenario s = Scenarios.parse(source);
    Experiment base = Experiment.of(s);
    base =
        new Experiment(s, "none", base.detectors(), "random", 1, schedules, null, base.options());
    return Comparison.run(base, List.of(strategies), Experiment.Progress.NONE);
  }

  private static Comparison.Entry entry(Comparison c, String strategy) {
    return c.entries().stream().filter(e -> e.strategy().equals(strategy)).findFirst().get();
  }

  @Test
  void atomicIsRaceFreeButLosesUpdatesAndTheVerdictSaysSoInWords() throws Exception {
    Comparison c = compare(COUNTER, N, "none", "mutex", "atomic");
    Comparison.Entry atomic = entry(c, "atomic");
    Comparison.Verdict v = atomic.verdict();
    assertTrue(v.raceFree());
    assertTrue(v.raceFreeButIncorrect());
    Matcher m =
        Pattern.compile(
                "atomic: no data race, but updates to counter were lost in (\\d+) of 20 schedules"
                    + " and `expect final counter == 4` failed in (\\d+) of 20 schedules: every"
                    + " access is atomic, but the read-modify-write is not")
            .matcher(v.sentence());
    assertTrue(m.matches(), v.sentence());
    // every lost increment leaves the counter short, and only a lost one does
    assertEquals(m.group(1), m.group(2));
    assertTrue(Integer.parseInt(m.group(1)) > 0);
    assertEquals(Integer.parseInt(m.group(1)), atomic.result().tally().lostUpdateSchedules());
  }

  @Test
  void mutexHasNeitherARaceNorALostUpdate() throws Exception {
    Comparison.Entry mutex = entry(compare(COUNTER, N, "mutex"), "mutex");
    assertTrue(mutex.verdict().raceFree());
    assertFalse(mutex.verdict().raceFreeButIncorrect());
    assertEquals(
        "mutex: no data race, no lost update, and the same final values in every schedule",
        mutex.verdict().sentence());
    assertEquals(0, mutex.result().tally().lostUpdateSchedules());
    assertEquals(1, mutex.result().finals().size());
  }

  @Test
  void noneHasBothRacesAndLostUpdates() throws Exception {
    Comparison.Entry none = entry(compare(COUNTER, N, "none"), "none");
    assertFalse(none.verdict().raceFree());
    assertFalse(none.verdict().raceFreeButIncorrect());
    assertTrue(
        none.verdict()
            .sentence()
            .matches(
                "none: data races on counter in 20 of 20 schedules, and updates to counter were"
                    + " lost in \\d+ of 20 schedules and `expect final counter == 4` failed in \\d+"
                    + " of 20 schedules"),
        none.verdict().sentence());
  }

  @Test
  void everyStrategyRunsTheSameSchedulesFromTheSameSeed() throws Exception {
    Comparison c = compare(COUNTER, N, "none", "spin", "relaxed");
    assertEquals(
        List.of("none", "spin", "relaxed"), c.entries().stream().map(e -> e.strategy()).toList());
    for (Comparison.Entry e : c.entries()) {
      assertEquals(N, e.result().explored());
      assertEquals(1, e.result().seed());
      assertEquals(e.strategy(), e.result().strategy());
    }
    assertEquals(1, c.seed());
    assertEquals(N, c.schedules());
    assertTrue(c.hasCritical());
  }

  @Test
  void progressCountsEveryScheduleOfEveryStrategyAsOneRun() throws Exception {
    Scenario s = Scenarios.parse(COUNTER);
    Experiment base = Experiment.of(s);
    base = new Experiment(s, "none", base.detectors(), "random", 1, 5, null, base.options());
    List<int[]> updates = new ArrayList<>();
    Comparison.run(
        base,
        List.of("none", "mutex"),
        (done, total, racy) -> updates.add(new int[] {done, total}));
    assertEquals(10, updates.size());
    assertEquals(10, updates.get(9)[0]);
    assertEquals(10, updates.get(9)[1]);
  }

  @Test
  void eachEntryShowsTheProgramItsStrategyRan() throws Exception {
    Comparison c = compare(COUNTER, 1, "mutex", "relaxed");
    assertTrue(entry(c, "mutex").program().contains("mutex critical_mutex\n"));
    assertTrue(entry(c, "mutex").program().contains("lock critical_mutex {"));
    assertTrue(
        entry(c, "relaxed")
            .program()
            .contains("counter.store(counter.load(relaxed) + 1, relaxed)"));
  }

  @Test
  void relaxedMessagePassingIsRaceFreeButAThreadSeesOldData() throws Exception {
    Comparison c =
        compare(
            """
            shared data: i32 = 0
            shared ready: bool = false
            thread producer {
                critical { data = 42 }
                critical { ready = true }
            }
            thread consumer {
                let seen = false
                while !seen { critical read { seen = ready } }
                let v = 0
                critical read { v = data }
                assert v == 42
            }
            """,
            30,
            "relaxed",
            "release-acquire");
    Comparison.Verdict relaxed = entry(c, "relaxed").verdict();
    assertTrue(relaxed.raceFreeButIncorrect(), relaxed.sentence());
    assertTrue(
        relaxed
            .sentence()
            .matches(
                "relaxed: no data race, but a thread panicked in \\d+ of 30 schedules \\(assertion"
                    + " failed: v == 42\\): every access is atomic, but relaxed accesses order"
                    + " nothing, so a thread can see one write and miss the writes before it"),
        relaxed.sentence());
    assertEquals(
        "release-acquire: no data race, no lost update, and the same final values in every"
            + " schedule",
        entry(c, "release-acquire").verdict().sentence());
  }

  @Test
  void withOneScheduleTheVerdictSpeaksOfTheSchedule() throws Exception {
    Comparison c = compare(COUNTER, 1, "mutex");
    assertEquals("mutex: no data race and no lost update", entry(c, "mutex").verdict().sentence());
  }

  @Test
  void aStrategyThatCannotProtectABlockStopsTheComparisonWithThePosition() {
    ScenarioException e =
        assertThrows(
            ScenarioException.class,
            () ->
                compare(
                    """
                    shared total: f64 = 0.0
                    thread t { critical { total = 1.5 } }
                    """,
                    3,
                    "mutex",
                    "atomic"));
    assertTrue(e.getMessage().startsWith("test.race:2:23: strategy atomic cannot make this write"));
  }

  @Test
  void theLocationsWorthShowingAreThoseWhoseFinalValueVaries() throws Exception {
    Comparison c =
        compare(
            """
            shared counter: i32 = 0
            shared fixed: i32 = 7
            thread worker[2] { critical { counter = counter + 1 } }
            """,
            20,
            "none",
            "mutex");
    assertEquals(Set.of("counter"), c.varyingLocations());
    Comparison same =
        compare("shared fixed: i32 = 7\nthread t { critical { fixed = 7 } }\n", 2, "mutex");
    assertEquals(Set.of("fixed"), same.varyingLocations());
  }

  @Test
  void aScenarioWithoutCriticalBlocksIsComparedButSaysSo() throws Exception {
    Comparison c = compare("shared x: i32 = 0\nthread t { x = 1 }\n", 2, "none", "mutex");
    assertFalse(c.hasCritical());
  }
}
