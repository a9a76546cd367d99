package org.racelab.sched;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.racelab.exec.Compiler;
import org.racelab.exec.Machine;
import org.racelab.exec.Program;
import org.racelab.experiment.Experiment;
import org.racelab.scenario.ScenarioException;
import org.racelab.testing.Scenarios;

/** Drives an {@link Explorer} over a scenario directly, collecting each run's trace signature. */
final class Explorations {
  private Explorations() {}

  /**
   * What an exploration did.
   *
   * @param runs counted runs
   * @param classes the distinct Mazurkiewicz traces among them
   * @param replays each counted run's replay string
   * @param explorer the explorer, for its verdicts
   */
  record Outcome(int runs, Set<String> classes, List<String> replays, Explorer explorer) {}

  static Program compile(String source) {
    try {
      return Compiler.compile(Scenarios.parse(source));
    } catch (ScenarioException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  static Outcome explore(String source, Explorer.Bounds bounds, boolean reduce) {
    return explore(compile(source), bounds, reduce, Machine.Options.DEFAULT);
  }

  static Outcome explore(
      Program program, Explorer.Bounds bounds, boolean reduce, Machine.Options options) {
    Explorer explorer = new Explorer(bounds, reduce);
    Set<String> classes = new LinkedHashSet<>();
    List<String> replays = new ArrayList<>();
    int runs = 0;
    Explorer.Run run;
    while ((run = explorer.next()) != null) {
      RecordingScheduler rec = new RecordingScheduler(run);
      Machine m = new Machine(program, List.of(Experiment.defaultDetector()), rec::choose, options);
      while (true) {
        List<Integer> enabled = m.enabled();
        if (enabled.isEmpty()) {
          break;
        }
        int t = rec.pickThread(enabled, m);
        if (t < 0) {
          break;
        }
        m.step(t);
      }
      rec.finished(m);
      if (!run.abandoned()) {
        runs++;
        classes.add(run.signature());
        replays.add(rec.schedule().encode());
      }
    }
    return new Outcome(runs, classes, replays, explorer);
  }
}
