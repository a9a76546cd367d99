package org.racelab.sched;

import java.util.List;
import java.util.Locale;
import org.racelab.exec.Machine;

/**
 * Replays a recorded schedule decision by decision. If the scenario no longer matches (the recorded
 * thread cannot move, or a choice is out of range), it says at which step.
 */
public final class ReplayScheduler implements Scheduler {
  private final Schedule schedule;
  private int next;
  private int choice;

  /** Thrown when a replay does not fit the scenario it is replayed on. */
  public static final class DivergenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DivergenceException(String message) {
      super(message);
    }
  }

  /** Replays {@code schedule}. */
  public ReplayScheduler(Schedule schedule) {
    this.schedule = schedule;
  }

  @Override
  public String kind() {
    return "replay";
  }

  @Override
  public int pickThread(List<Integer> enabled, Machine machine) {
    if (next >= schedule.steps().size()) {
      throw new DivergenceException(
          String.format(
              Locale.ROOT,
              "the replayed schedule ends after %d steps, but the run goes on (threads %s can"
                  + " move)",
              next,
              names(enabled, machine)));
    }
    Schedule.Step s = schedule.steps().get(next);
    if (!enabled.contains(s.thread())) {
      throw new DivergenceException(
          String.format(
              Locale.ROOT,
              "the replay diverges at step %d: it says thread %d moves, but only %s can",
              next,
              s.thread(),
              names(enabled, machine)));
    }
    next++;
    choice = 0;
    return s.thread();
  }

  @Override
  public int choose(int thread, int options) {
    Schedule.Step s = schedule.steps().get(next - 1);
    if (choice >= s.choices().size() || s.choices().get(choice) >= options) {
      throw new DivergenceException(
          String.format(
              Locale.ROOT,
              "the replay diverges at step %d: a choice among %d options is not in the schedule",
              next - 1,
              options));
    }
    return s.choices().get(choice++);
  }

  /** Whether every recorded step was used. */
  public boolean exhausted() {
    return next >= schedule.steps().size();
  }

  private static String names(List<Integer> enabled, Machine machine) {
    List<String> names = machine.threadNames();
    StringBuilder sb = new StringBuilder();
    for (int t : enabled) {
      sb.append(sb.length() == 0 ? "" : ", ")
          .append(t)
          .append(" (")
          .append(names.get(t))
          .append(')');
    }
    return sb.length() == 0 ? "none" : sb.toString();
  }
}
