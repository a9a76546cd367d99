package org.racelab.report;

import org.racelab.exec.Machine;
import org.racelab.experiment.Experiment;
import org.racelab.experiment.Exploration;
import org.racelab.experiment.RunResult;

/**
 * The one command line that replays a schedule of a run, shared by every renderer: the file, the
 * options a replay must repeat (strategy, a non-default detector, spurious wake-ups, the step
 * limit), and the schedule, each quoted for a POSIX shell when it needs to be.
 */
public final class ReplayCommand {
  private ReplayCommand() {}

  /**
   * {@code racelab run FILE [options] --replay SCHEDULE}; empty for a run on OS threads, which has
   * no schedule to replay.
   */
  public static String of(RunResult r, String schedule) {
    if (r.scheduleKind().equals(Experiment.OS)) {
      return "";
    }
    return base(r).append(" --replay ").append(shell(schedule)).toString();
  }

  /**
   * The command that runs the same schedules again: the same exploration, or the same scheduler
   * with the same count and first seed.
   */
  public static String rerun(RunResult r) {
    StringBuilder sb = base(r);
    Exploration x = r.exploration();
    if (x != null) {
      sb.append(" --explore --max-schedules ").append(x.maxSchedules());
      if (x.preemptionBound() >= 0) {
        sb.append(" --preemption-bound ").append(x.preemptionBound());
      }
      if (x.spinBound() != Experiment.Search.DEFAULT.spinBound()) {
        sb.append(" --spin-bound ").append(x.spinBound());
      }
      return sb.toString();
    }
    if (r.scheduleKind().equals(Experiment.OS)) {
      sb.append(" --threads os");
    } else if (!r.scheduleKind().equals("random")) {
      sb.append(" --scheduler ").append(shell(r.scheduleKind()));
    }
    return sb.append(" --schedules ")
        .append(r.explored())
        .append(" --seed ")
        .append(r.seed())
        .toString();
  }

  private static StringBuilder base(RunResult r) {
    StringBuilder sb = new StringBuilder("racelab run ").append(shell(r.file()));
    if (!r.strategy().equals("none")) {
      sb.append(" --strategy ").append(shell(r.strategy()));
    }
    if (r.detectors().size() > 1) {
      sb.append(" --detector all");
    } else if (!r.detectors().isEmpty()
        && !r.detectors().get(0).equals(Experiment.defaultDetector())) {
      sb.append(" --detector ").append(shell(r.detectors().get(0)));
    }
    Machine.Options o = r.options();
    if (o.spuriousWakeups()) {
      sb.append(" --spurious-wakeups");
    }
    if (o.maxSteps() != Machine.Options.DEFAULT.maxSteps()) {
      sb.append(" --max-steps ").append(o.maxSteps());
    }
    return sb;
  }

  /** A word as a POSIX shell reads it: as it is when it is plain, else in single quotes. */
  public static String shell(String word) {
    if (!word.isEmpty()
        && word.chars()
            .allMatch(
                c -> c < 128 && (Character.isLetterOrDigit(c) || "_./:@%+=,-".indexOf(c) >= 0))) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
