package org.racelab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.racelab.scenario.Parser;
import org.racelab.scenario.Scenario;
import org.racelab.testing.Scenarios;

/** {@code --explore} as an experiment: aggregation, grading, completeness and witnesses. */
class ExploreExperimentTest {
  private static final String LOCK_ORDER =
      """
      scenario "lock order"
      shared data: i32 = 0
      shared published: bool = false
      shared seen: i32 = -1
      mutex m
      thread writer {
          lock m { published = true }
          data = 42
      }
      thread reader {
          let ready = false
          lock m { ready = published }
          if ready { seen = data }
      }
      expect race data
      expect final seen == -1
      """;

  static RunResult explore(String source) throws Exception {
    return Experiment.of(Scenarios.parse(source))
        .withScheduler("explore")
        .run(Experiment.Progress.NONE);
  }

  static RunResult replay(String source, String schedule) throws Exception {
    Scenario s = Scenarios.parse(source);
    Experiment d = Experiment.of(s);
    return new Experiment(
            s, d.strategy(), d.detectors(), d.scheduler(), 1, 1, schedule, d.options())
        .run(Experiment.Progress.NONE);
  }

  @Test
  void aRaceThatNeedsOneLockOrderIsFoundWithEveryOutcome() throws Exception {
    RunResult r = explore(LOCK_ORDER);
    // reader first (seen stays -1); writer first and the reader reads data before or after the
    // writer's late write (0 or 42): three traces
    assertEquals(3, r.explored());
    assertTrue(r.complete());
    assertEquals("explore", r.scheduleKind());
    Set<String> seen =
        r.finals().stream().map(f -> f.values().get("seen")).collect(Collectors.toSet());
    assertEquals(Set.of("-1", "0", "42"), seen);
    assertEquals(2, r.racySchedules());
    ExpectationResult race = r.expectations().get(0);
    assertTrue(race.held());
    assertEquals(2, race.schedulesHeld());
    assertNotNull(race.witness());
  }

  @Test
  void anAlwaysExpectationThatSomeScheduleBreaksFailsWithAWitnessThatReplays() throws Exception {
    RunResult r = explore(LOCK_ORDER);
    ExpectationResult fin = r.expectations().get(1);
    assertFalse(fin.held());
    assertFalse(fin.existential());
    assertEquals(1, fin.schedulesHeld());
    assertNotNull(fin.witness());
    RunResult again = replay(LOCK_ORDER, fin.witness());
    assertFalse(again.expectations().get(1).held(), "the witness must break it again");
    assertTrue(again.expectations().get(0).held(), "and it races");
  }

  @Test
  void eachRaceRemembersTheFirstScheduleThatShowedItAndThatScheduleShowsIt() throws Exception {
    RunResult r = explore(LOCK_ORDER);
    assertFalse(r.races().isEmpty());
    for (Seen<RaceView> s : r.races()) {
      RunResult again = replay(LOCK_ORDER, s.firstReplay());
      assertFalse(again.races().isEmpty(), s.firstReplay() + " shows no race");
    }
  }

  @Test
  void anExplorationCutByMaxSchedulesSaysWhy() throws Exception {
    Scenario s =
        Scenarios.parse(
            "scenario \"c\"\nshared c: i32 = 0\nthread w[2] { repeat 3 { c = c + 1 } }\n"
                + "expect race c\n");
    RunResult r =
        Experiment.of(s)
            .withScheduler("explore")
            .withSearch(new Experiment.Search(3, 25, -1, 1))
            .run(Experiment.Progress.NONE);
    assertEquals(25, r.explored());
    assertFalse(r.complete());
    assertNotNull(r.exploration());
    assertEquals(List.of("max-schedules"), r.exploration().cutBy());
  }

  @Test
  void explorationReportsProgressAfterEveryCountedSchedule() throws Exception {
    Scenario s =
        Scenarios.parse(
            "scenario \"c\"\nshared c: i32 = 0\nthread w[2] { c = c + 1 }\nexpect race c\n");
    int[] calls = new int[3];
    Experiment.Progress p =
        new Experiment.Progress() {
          @Override
          public void update(int done, int total, int racy) {
            calls[2]++;
          }

          @Override
          public void exploring(int done, int max, int racy, int open) {
            calls[0]++;
            calls[1] = racy;
          }
        };
    Experiment.of(s).withScheduler("explore").run(p);
    assertEquals(4, calls[0]);
    assertEquals(4, calls[1]);
    assertEquals(0, calls[2]);
  }

  @Test
  void randomSchedulesHaveNoExplorationSummaryAndAreNeverComplete() throws Exception {
    RunResult r = Scenarios.run(LOCK_ORDER, 5);
    assertNull(r.exploration());
    assertFalse(r.complete());
  }

  @Test
  void theScheduleCatalogueScenariosAreCompleteUnderExploration() throws Exception {
    for (String name : List.of("lock-order-race.race", "check-then-act.race", "lost-wakeup.race")) {
      var file = Scenarios.catalogue().resolve("schedules").resolve(name);
      Scenario s = Parser.parse(name, Files.readString(file));
      RunResult r = Experiment.of(s).withScheduler("explore").run(Experiment.Progress.NONE);
      assertTrue(r.complete(), name);
      assertTrue(r.allHeld(), name);
      assertTrue(r.explored() <= 10, name + ": " + r.explored());
    }
  }
}
