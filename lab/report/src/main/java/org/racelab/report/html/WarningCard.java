package org.racelab.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.racelab.exec.Findings;
import org.racelab.experiment.RunResult;
import org.racelab.experiment.Seen;

/**
 * A lock-order inversion explained: the locks of the cycle, each thread's order (which lock it
 * held, where it took it, and which it took next, where), the engine's sentence, and whether a
 * schedule of this run did deadlock. A warning is about a deadlock that can happen in another
 * schedule, so it shows even when every run here finished.
 *
 * @param id its anchor ({@code warning-1})
 * @param name its short name ({@code W1})
 * @param kind what kind of warning ({@code lock-order inversion})
 * @param locks the locks of the cycle, in cycle order ({@code alice → bob → alice})
 * @param orders one row per thread of the cycle: the order in which it takes two of the locks
 * @param message the engine's explanation
 * @param outcome whether the run deadlocked because of it, in words
 * @param deadlocked whether some schedule of this run deadlocked (then {@code #deadlock} exists)
 * @param seen in how many schedules it showed, in words (empty for one schedule)
 * @param command the command that replays the first schedule that showed it
 */
public record WarningCard(
    String id,
    String name,
    String kind,
    String locks,
    List<Order> orders,
    List<Text.Span> message,
    String outcome,
    boolean deadlocked,
    String seen,
    String command) {

  /**
   * One thread's lock order.
   *
   * @param thread the thread
   * @param order the two locks in the order it takes them ({@code alice → bob})
   * @param held the lock it already held
   * @param heldLine where it took that lock
   * @param acquired the lock it took while holding the other
   * @param line where it took it
   */
  public record Order(
      String thread, String order, String held, int heldLine, String acquired, int line) {}

  static WarningCard of(
      int number, Seen<Findings.Warning> s, RunResult r, String seen, String cmd) {
    Findings.Warning w = s.item();
    List<Order> orders = new ArrayList<>();
    for (Findings.LockEdge e : w.edges()) {
      orders.add(
          new Order(
              e.thread(),
              e.held() + " → " + e.acquired(),
              e.held(),
              e.heldLine(),
              e.acquired(),
              e.line()));
    }
    String cycle =
        w.locks().isEmpty() ? "" : String.join(" → ", w.locks()) + " → " + w.locks().get(0);
    String outcome;
    if (r.deadlock() != null) {
      outcome =
          r.explored() > 1
              ? String.format(
                  Locale.ROOT,
                  "This is not only a possibility here: %d of %d schedules deadlocked.",
                  r.deadlock().schedules(),
                  r.explored())
              : "This is not only a possibility here: the run deadlocked.";
    } else {
      outcome =
          r.explored() > 1
              ? String.format(
                  Locale.ROOT,
                  "None of the %d schedules here deadlocked, but a schedule in which each thread"
                      + " takes its first lock before the others take their second one does.",
                  r.explored())
              : "This run did not deadlock, but a schedule in which each thread takes its first"
                  + " lock before the others take their second one does.";
    }
    return new WarningCard(
        "warning-" + number,
        "W" + number,
        w.kind().replace('-', ' '),
        cycle,
        List.copyOf(orders),
        Text.spans(Text.sentence(w.message())),
        outcome,
        r.deadlock() != null,
        seen,
        cmd);
  }
}
