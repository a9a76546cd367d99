package org.racelab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.racelab.exec.Machine;
import org.racelab.exec.Program;
import org.racelab.scenario.Scenario;
import org.racelab.sched.RandomScheduler;
import org.racelab.sched.ReplayScheduler;
import org.racelab.sched.Schedule;
import org.racelab.testing.Scenarios;

/** A run is a pure function of its decisions: replaying the printed schedule reproduces it. */
class ReplayTest {

  private static final String WEAK =
      """
      atomic x: i32 = 0
      atomic y: i32 = 0
      shared r: [i32; 2] = 0
      shared counter: i32 = 0
      mutex m
      thread a { x.store(1, relaxed)
          r[0] = y.load(relaxed)
          counter = counter + 1 }
      thread b { y.store(1, relaxed)
          r[1] = x.load(relaxed)
          lock m { counter = counter + 1 } }
      """;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 17, 99, 12345})
  void replayingAScheduleReproducesTheRunExactly(long seed) throws Exception {
    Scenario s = Scenarios.parse(WEAK);
    Experiment e = Experiment.of(s);
    Program p = e.compile();
    SingleRun original = e.runOne(p, new RandomScheduler(seed), seed);
    SingleRun replayed = e.runOne(p, new ReplayScheduler(Schedule.decode(original.replay())), seed);
    assertEquals(original.replay(), replayed.replay());
    assertEquals(original.execution().ledger(), replayed.execution().ledger());
    assertEquals(original.execution().finalValues(), replayed.execution().finalValues());
    assertEquals(original.execution().races(), replayed.execution().races());
  }

  @ParameterizedTest
  @ValueSource(strings = {"b9", "zz"})
  void aScheduleThatDoesNotFitTheScenarioIsRefusedWithTheStep(String replay) throws Exception {
    Scenario s = Scenarios.parse(WEAK);
    Experiment e =
        new Experiment(
            s,
            "none",
            Experiment.of(s).detectors(),
            "random",
            1,
            1,
            replay,
            Machine.Options.DEFAULT);
    ReplayScheduler.DivergenceException ex =
        assertThrows(
            ReplayScheduler.DivergenceException.class, () -> e.run(Experiment.Progress.NONE));
    assertTrue(ex.getMessage().contains("step"), ex.getMessage());
  }
}
