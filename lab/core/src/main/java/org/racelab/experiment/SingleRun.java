package org.racelab.experiment;

import java.util.List;
import org.racelab.exec.Execution;

/**
 * One graded run.
 *
 * @param execution what happened
 * @param seed the seed of its scheduler (0 for non-random schedulers)
 * @param replay the schedule's text, for {@code --replay} (empty for a run on OS threads, which
 *     cannot be replayed)
 * @param verdicts one per expectation, in order: whether it held in this run
 * @param wallNanos how long it took
 */
public record SingleRun(
    Execution execution, long seed, String replay, List<Boolean> verdicts, long wallNanos) {

  /** Whether this run shows something worth showing: a race, UB, a panic, a deadlock. */
  public boolean eventful() {
    return !execution.races().isEmpty()
        || !execution.ub().isEmpty()
        || !execution.panics().isEmpty()
        || execution.deadlock() != null
        || execution.stepLimit() != null;
  }
}
