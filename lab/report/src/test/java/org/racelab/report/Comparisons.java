package org.racelab.report;

import java.util.List;
import org.racelab.experiment.Comparison;
import org.racelab.experiment.Experiment;
import org.racelab.scenario.Scenario;
import org.racelab.testing.Scenarios;

/** Comparisons for renderer tests. */
public final class Comparisons {
  private Comparisons() {}

  /** Two workers, two increments each, in a critical block: small enough for a golden file. */
  public static final String COUNTER =
      """
      scenario "Counter"
      about "Two workers add 1 twice each."
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

  /** Compares the strategies over {@code schedules} random schedules from seed 1. */
  public static Comparison compare(String source, int schedules, String... strategies) {
    Scenario s = Scenarios.parse(source);
    Experiment d = Experiment.of(s);
    Experiment base =
        new Experiment(s, "none", d.detectors(), "random", 1, schedules, null, d.options());
    try {
      return Comparison.run(base, List.of(strategies), Experiment.Progress.NONE);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
