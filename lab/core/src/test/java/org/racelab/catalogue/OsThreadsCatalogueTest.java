package org.racelab.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.racelab.exec.Compiler;
import org.racelab.exec.Execution;
import org.racelab.exec.Machine;
import org.racelab.exec.OsThreads;
import org.racelab.exec.Program;
import org.racelab.experiment.Experiment;
import org.racelab.scenario.Expectation;
import org.racelab.scenario.Parser;
import org.racelab.scenario.Scenario;
import org.racelab.testing.Scenarios;

/**
 * Every catalogue scenario also runs on real OS threads: the run ends (every thread finished, or a
 * deadlock or a limit was reported), and the race-freedom the scenario promises ({@code expect
 * clean}, {@code expect no race}, {@code expect no race on x}) holds there too, since an OS run is
 * one of the sequentially consistent executions the simulator covers. Expectations about values and
 * outcomes are not checked: an OS run is one real interleaving, and a heavily loaded machine can
 * starve a thread until a spinning one reaches the step limit.
 */
class OsThreadsCatalogueTest {

  static Stream<Path> scenarios() {
    return Scenarios.catalogueFiles().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void theCatalogueScenarioRunsOnOsThreadsAndKeepsItsRaceFreedom(Path file) throws Exception {
    Path root = Scenarios.catalogue().getParent();
    String name = root.relativize(file).toString();
    Scenario s = Parser.parse(name, Files.readString(file));
    Program program = Compiler.compile(s);
    Execution e =
        OsThreads.run(program, List.of(Experiment.defaultDetector()), Machine.Options.DEFAULT)
            .execution();
    assertTrue(
        e.completed() || e.deadlock() != null || e.stepLimit() != null, name + " did not end");
    assertEquals(e.stepCount(), e.steps().size(), name + ": one timeline entry per step");
    for (Expectation x : s.expectations()) {
      boolean promisesNoRace =
          x.kind() == Expectation.Kind.CLEAN || x.kind() == Expectation.Kind.RACE && x.negated();
      if (promisesNoRace) {
        boolean racing =
            x.subject() == null
                ? !e.races().isEmpty()
                : e.ledger().stream()
                    .anyMatch(
                        le ->
                            le.racing()
                                && (le.location().equals(x.subject())
                                    || le.location().startsWith(x.subject() + "[")
                                    || le.location().startsWith(x.subject() + "@")));
        assertTrue(
            !racing, name + ": 'expect " + x.text() + "' broken on OS threads: " + e.races());
      }
    }
  }
}
