package org.racelab.strategy;

import java.util.List;
import org.racelab.scenario.Scenario;
import org.racelab.scenario.ScenarioException;

/** Looks strategies up by name and applies them. */
public final class Strategies {
  private Strategies() {}

  /** The strategy names, in the order comparisons list them. */
  public static List<String> names() {
    return List.of("none");
  }

  /** Applies the named strategy to every {@code critical} block of the scenario. */
  public static Scenario apply(String name, Scenario scenario) throws ScenarioException {
    if (name.equals("none")) {
      return scenario;
    }
    throw new IllegalArgumentException(
        "unknown strategy '" + name + "' (strategies: " + String.join(", ", names()) + ")");
  }
}
