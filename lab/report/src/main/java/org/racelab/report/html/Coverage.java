package org.racelab.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.racelab.experiment.Experiment;
import org.racelab.experiment.Exploration;
import org.racelab.experiment.RunResult;

/**
 * What a run's schedules covered and what they did not, sentence by sentence, for the exploration
 * section: a complete exploration rules things out, an exploration cut short (and by which bound)
 * or a random or PCT sample does not, and a reader must not mistake one for the other. Also what
 * the reduction and the spin bound left out and how many schedules the step limit stopped, since
 * each changes what "did not show" means.
 */
final class Coverage {
  private Coverage() {}

  /** What the schedules covered, and what they did not, sentence by sentence. */
  static List<String> of(RunResult r) {
    int n = r.explored();
    Exploration x = r.exploration();
    List<String> out = new ArrayList<>();
    if (x != null) {
      if (x.complete()) {
        out.add(
            "Complete: every schedule was explored, up to reordering independent steps (schedules"
                + " that differ only in the order of steps that do not affect each other ran"
                + " once). What did not show here cannot happen, within the spin bound and the"
                + " step limit.");
      } else {
        List<String> why = new ArrayList<>();
        for (String cut : x.cutBy()) {
          if (cut.equals("max-schedules")) {
            why.add(
                String.format(
                    Locale.ROOT,
                    "the search stopped at its bound of %d schedules (--max-schedules %d) with"
                        + " schedules still to run",
                    x.maxSchedules(),
                    x.maxSchedules()));
          } else if (cut.equals("preemption-bound")) {
            why.add(
                String.format(
                    Locale.ROOT,
                    "only schedules with at most %d preemption%s ran (--preemption-bound %d):"
                        + " schedules that switch away from a thread that could go on more often"
                        + " were cut",
                    x.preemptionBound(),
                    x.preemptionBound() == 1 ? "" : "s",
                    x.preemptionBound()));
          } else {
            why.add("it was cut by " + cut);
          }
        }
        out.add(
            "INCOMPLETE: "
                + (why.isEmpty() ? "not every schedule was explored" : String.join("; ", why))
                + ". What did not show may still happen in a schedule that did not run.");
      }
      if (x.redundant() > 0) {
        out.add(
            String.format(
                Locale.ROOT,
                "%d more run%s stopped part-way as redundant: the reduction showed the rest was"
                    + " already covered. %s not counted above.",
                x.redundant(),
                x.redundant() == 1 ? " was" : "s were",
                x.redundant() == 1 ? "It is" : "They are"));
      }
      if (x.spinBounded() > 0) {
        out.add(
            String.format(
                Locale.ROOT,
                "In %d of %d schedules the spin bound cut a spin loop: after %d futile round%s in"
                    + " a row (re-reading memory no other thread had changed) the spinning thread"
                    + " waited until another thread changed it (--spin-bound %d). Spinning longer"
                    + " only repeats what was seen, so this keeps the search finite.",
                x.spinBounded(),
                n,
                x.spinBound(),
                x.spinBound() == 1 ? "" : "s",
                x.spinBound()));
      }
    } else if (r.scheduleKind().equals(Experiment.OS)) {
      out.add(
          String.format(
              Locale.ROOT,
              "A sample: %d runs on real OS threads, whose interleavings the JVM and the operating"
                  + " system chose: no run can be replayed, and what did not show may still"
                  + " happen; --explore on simulated threads runs every schedule.",
              n));
    } else if (r.scheduleKind().equals("pct")) {
      out.add(
          String.format(
              Locale.ROOT,
              "A sample: %d PCT schedules (random thread priorities with a few priority change"
                  + " points; seeds %d to %d). PCT finds a bug that needs only a few specific"
                  + " orderings with a known chance per run, but what did not show may still"
                  + " happen; --explore runs every schedule.",
              n,
              r.seed(),
              r.seed() + n - 1));
    } else if (r.scheduleKind().equals("random")) {
      out.add(
          String.format(
              Locale.ROOT,
              "A sample: %d random schedules, seeds %d to %d. Something that did not show may"
                  + " still happen in a schedule not tried; --explore runs every schedule.",
              n,
              r.seed(),
              r.seed() + n - 1));
    } else {
      out.add(
          String.format(
              Locale.ROOT,
              "A sample: %d %s schedules. Something that did not show may still happen in a"
                  + " schedule not tried; --explore runs every schedule.",
              n,
              r.scheduleKind()));
    }
    if (r.stepLimit() != null) {
      out.add(
          String.format(
              Locale.ROOT,
              "%d of %d schedules were stopped at the step limit: what they would have done"
                  + " afterwards was not run.",
              r.stepLimit().schedules(),
              n));
    }
    return List.copyOf(out);
  }
}
