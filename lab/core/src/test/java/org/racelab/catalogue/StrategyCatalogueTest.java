package org.racelab.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.racelab.experiment.Comparison;
import org.racelab.experiment.Experiment;
import org.racelab.experiment.RunResult;
import org.racelab.scenario.Parser;
import org.racelab.scenario.Scenario;
import org.racelab.strategy.Strategies;
import org.racelab.strategy.Strategy;
import org.racelab.testing.Scenarios;

/**
 * Compares every strategy on each scenario of {@code races/strategies/} (its own schedule count,
 * seed 1, as {@code racelab compare FILE} does) and checks what the catalogue teaches: unprotected
 * critical blocks race; a lock makes them race-free, loses no update and ends the same way in every
 * schedule; atomics make them race-free; and at least one atomic strategy is race-free but not
 * correct.
 */
class StrategyCatalogueTest {

  static Stream<Path> scenarios() {
    return Scenarios.catalogueFiles().stream()
        .filter(p -> p.getParent().getFileName().toString().equals("strategies"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyStrategyTeachesWhatTheScenarioSays(Path file) throws Exception {
    Scenario s = Parser.parse(file.getFileName().toString(), Files.readString(file));
    assertTrue(Strategies.hasCritical(s), "a strategy scenario protects critical blocks");
    Experiment d = Experiment.of(s);
    Experiment base =
        new Experiment(
            s, "none", d.detectors(), "random", 1, Math.max(1, s.schedules()), null, d.options());
    Comparison c = Comparison.run(base, Strategies.names(), Experiment.Progress.NONE);
    boolean someAtomicIsRaceFreeButWrong = false;
    for (Comparison.Entry e : c.entries()) {
      RunResult r = e.result();
      String what = e.verdict().sentence();
      switch (e.kind()) {
        case NONE -> assertFalse(e.verdict().raceFree(), what);
        case LOCK -> {
          assertTrue(e.verdict().raceFree(), what);
          assertFalse(e.verdict().raceFreeButIncorrect(), what);
          assertEquals(0, r.tally().lostUpdateSchedules(), what);
          assertEquals(1, r.finals().size(), what);
          assertTrue(r.panics().isEmpty(), what);
          assertNull(r.deadlock(), what);
          assertNull(r.stepLimit(), what);
        }
        case ATOMIC -> {
          assertTrue(e.verdict().raceFree(), what);
          someAtomicIsRaceFreeButWrong |= e.verdict().raceFreeButIncorrect();
        }
      }
    }
    assertTrue(someAtomicIsRaceFreeButWrong, "race-free is not correct: " + c.entries());
    assertEquals(Strategy.Kind.NONE, c.entries().get(0).kind());
  }
}
