package org.racelab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.racelab.exec.Compiler;
import org.racelab.scenario.Scenario;
import org.racelab.scenario.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code racelab check}: validates scenario files without running them. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Parses and checks scenario files (names, types, atomic accesses, expectations) without"
          + " running them.",
      "Exit code 0 when every file is valid, 2 at the first invalid one (file:line:column:"
          + " message)."
    },
    footer = {"", "Examples:", "  racelab check races/atomics/*.race", "  racelab check my.race"})
final class CheckCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario files (.race).")
  List<String> files = new ArrayList<>();

  @Override
  public Integer call() {
    for (String file : files) {
      Scenario s = ScenarioFiles.parse(file);
      try {
        Compiler.compile(s);
      } catch (ScenarioException e) {
        throw new UserError(e.getMessage());
      }
      System.out.println(
          file
              + ": ok ("
              + s.threads().size()
              + " thread declaration"
              + (s.threads().size() == 1 ? "" : "s")
              + ", "
              + s.expectations().size()
              + " expectation"
              + (s.expectations().size() == 1 ? "" : "s")
              + ")");
    }
    return 0;
  }
}
