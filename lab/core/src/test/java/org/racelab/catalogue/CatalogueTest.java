package org.racelab.catalogue;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.racelab.experiment.ExpectationResult;
import org.racelab.experiment.Experiment;
import org.racelab.experiment.RunResult;
import org.racelab.scenario.Parser;
import org.racelab.scenario.Scenario;
import org.racelab.testing.Scenarios;

/**
 * Runs every scenario of the catalogue the way {@code racelab run FILE} does (the scenario's own
 * schedule count, seed 1) and checks that each one teaches what it says: it has an {@code about}
 * text, at least one expectation, and every expectation holds.
 */
class CatalogueTest {

  static Stream<Path> scenarios() {
    return Scenarios.catalogueFiles().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyExpectationOfTheCatalogueScenarioHolds(Path file) throws Exception {
    Path root = Scenarios.catalogue().getParent();
    String name = root.relativize(file).toString();
    Scenario s = Parser.parse(name, Files.readString(file));
    assertFalse(s.about() == null || s.about().isBlank(), name + " needs an about text");
    assertFalse(s.expectations().isEmpty(), name + " needs at least one expect line");
    Experiment defaults = Experiment.of(s);
    Experiment e =
        new Experiment(
            s,
            defaults.strategy(),
            defaults.detectors(),
            defaults.scheduler(),
            1,
            Math.max(1, s.schedules()),
            null,
            defaults.options());
    RunResult r = e.run(Experiment.Progress.NONE);
    String failed =
        r.expectations().stream()
            .filter(x -> !x.held())
            .map(ExpectationResult::text)
            .collect(Collectors.joining(", "));
    assertTrue(r.allHeld(), name + ": failed expectations: " + failed);
  }
}
