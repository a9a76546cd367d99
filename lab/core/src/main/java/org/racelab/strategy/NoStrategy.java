package org.racelab.strategy;

import org.racelab.scenario.Scenario;

/** {@code none}: critical blocks run as written, so whatever races they contain, race. */
final class NoStrategy implements Strategy {

  @Override
  public String name() {
    return "none";
  }

  @Override
  public Kind kind() {
    return Kind.NONE;
  }

  @Override
  public String description() {
    return "critical blocks run as written: no protection";
  }

  @Override
  public Scenario apply(Scenario scenario) {
    return scenario;
  }
}
