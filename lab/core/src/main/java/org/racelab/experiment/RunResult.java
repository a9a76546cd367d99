package org.racelab.experiment;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.racelab.exec.Findings;
import org.racelab.exec.Machine;

/**
 * The result of running one scenario under one strategy over one or more schedules.
 *
 * <p>Races, UB, leaks and panics are the union over schedules, each with the number of schedules it
 * occurred in and the first schedule that showed it. The ledger, timeline and memory map are those
 * of the <em>representative</em> schedule: the first that showed a race, UB, panic or deadlock,
 * else the first that broke an expectation, else the first.
 *
 * @param scenario the scenario's title
 * @param file the file as the user named it
 * @param source the scenario's text
 * @param about the about text, or null
 * @param strategy the strategy applied
 * @param detectors the detectors run; the first classified
 * @param scheduleKind random, round-robin, replay, pct, explore
 * @param seed the first seed
 * @param explored how many schedules ran
 * @param racySchedules in how many of them a race occurred
 * @param complete whether exploration covered every schedule (up to reduction)
 * @param representative the run whose details are shown
 * @param races every race pair seen
 * @param ub every undefined behaviour seen
 * @param leaks every leak seen
 * @param panics every panic seen
 * @param deadlock the first deadlock, if any schedule deadlocked
 * @param stepLimit the first run stopped by the step limit, if any
 * @param warnings every warning seen (lock-order inversions: potential deadlocks), once per cycle
 *     of locks
 * @param expectations the graded expectations
 * @param finals the distribution of final values
 * @param wallMillis the wall time of all runs
 * @param steps the steps of all runs together
 * @param tally figures counted over every schedule: accesses, lost updates, waiting
 * @param exploration how an exhaustive exploration ended ({@code --explore}), else null
 * @param options the machine's limits and switches the runs used (a replay needs the same)
 */
public record RunResult(
    String scenario,
    String file,
    String source,
    @Nullable String about,
    String strategy,
    List<String> detectors,
    String scheduleKind,
    long seed,
    int explored,
    int racySchedules,
    boolean complete,
    SingleRun representative,
    List<Seen<RaceView>> races,
    List<Seen<Findings.Ub>> ub,
    List<Seen<Findings.Leak>> leaks,
    List<Seen<Findings.Panic>> panics,
    @Nullable Seen<Findings.Deadlock> deadlock,
    @Nullable Seen<Findings.StepLimit> stepLimit,
    List<Seen<Findings.Warning>> warnings,
    List<ExpectationResult> expectations,
    List<FinalOutcome> finals,
    long wallMillis,
    long steps,
    Tally tally,
    @Nullable Exploration exploration,
    Machine.Options options) {

  /** Whether every expectation held (true when there are none). */
  public boolean allHeld() {
    return expectations.stream().allMatch(ExpectationResult::held);
  }

  /** The run's first UB, the headline, if any. */
  public @Nullable Seen<Findings.Ub> headline() {
    return ub.isEmpty() ? null : ub.get(0);
  }
}
