package org.racelab.report.terminal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.racelab.experiment.Comparison;
import org.racelab.experiment.ExpectationResult;
import org.racelab.experiment.FinalOutcome;
import org.racelab.experiment.RunResult;
import org.racelab.experiment.Tally;

/**
 * Renders a comparison of strategies for a terminal: one aligned row per strategy (accesses, racy
 * schedules, lost updates, UB, expectations, cost, wall time), then per strategy the races by
 * location, the distribution of final values and each expectation, and last the verdict sentences,
 * which say in words what the numbers mean (race-free is not correct). Every figure counts all
 * schedules together. Plain text; nothing is only coloured.
 */
public final class CompareTable {
  private static final int WIDTH = 100;
  private static final int MAX_OUTCOMES = 4;

  private CompareTable() {}

  /** The full comparison. */
  public static String render(Comparison c) {
    StringBuilder out = new StringBuilder();
    out.append(c.scenario()).append("  (").append(c.file()).append(")\n");
    out.append(header(c)).append("\n");
    if (!c.hasCritical()) {
      out.append(
          "note: the scenario has no critical block, so every strategy runs the same program\n");
    }
    out.append('\n');
    table(out, c);
    races(out, c);
    finals(out, c);
    expectations(out, c);
    out.append("\nWhat the comparison shows\n");
    for (Comparison.Entry e : c.entries()) {
      wrap(out, e.verdict().sentence(), "  ", "      ");
    }
    out.append('\n');
    wrap(
        out,
        "steps: visible steps of all schedules; spinning: steps that went round in a circle"
            + " (a failed compare_exchange, re-reading an unchanged flag); blocked: steps other"
            + " threads spent unable to move (waiting for a lock, a join, a message).",
        "",
        "");
    return out.toString();
  }

  /** Only the verdict sentences, one per strategy ({@code --quiet}). */
  public static String verdicts(Comparison c) {
    StringBuilder out = new StringBuilder();
    for (Comparison.Entry e : c.entries()) {
      out.append(e.verdict().sentence()).append('\n');
    }
    return out.toString();
  }

  private static String header(Comparison c) {
    String n = c.schedules() == 1 ? "1 schedule" : c.schedules() + " schedules";
    String seeds =
        c.scheduleKind().equals("random")
            ? (c.schedules() == 1
                ? ", seed " + c.seed()
                : ", seeds " + c.seed() + "-" + (c.seed() + c.schedules() - 1))
            : "";
    return String.format(
        Locale.ROOT,
        "%d strategies · %s each (%s%s) · figures are totals over all schedules",
        c.entries().size(),
        n,
        c.scheduleKind(),
        seeds);
  }

  private static void table(StringBuilder out, Comparison c) {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "strategy",
          "racing",
          "synchronised",
          "racy",
          "lost upd",
          "UB",
          "held",
          "steps",
          "spinning",
          "blocked",
          "wall ms"
        });
    for (Comparison.Entry e : c.entries()) {
      RunResult r = e.result();
      Tally t = r.tally();
      int n = r.explored();
      long held = r.expectations().stream().filter(ExpectationResult::held).count();
      rows.add(
          new String[] {
            e.strategy(),
            Long.toString(t.racingAccesses()),
            Long.toString(t.synchronisedAccesses()),
            r.racySchedules() + "/" + n,
            t.lostUpdateSchedules() + "/" + n,
            t.ubSchedules() + "/" + n,
            r.expectations().isEmpty() ? "-" : held + "/" + r.expectations().size(),
            Long.toString(r.steps()),
            Long.toString(t.spinSteps()),
            Long.toString(t.blockedSteps()),
            Long.toString(r.wallMillis())
          });
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int k = 0; k < row.length; k++) {
        widths[k] = Math.max(widths[k], row[k].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int k = 0; k < row.length; k++) {
        String cell = row[k];
        String pad = " ".repeat(widths[k] - cell.length());
        if (k == 0) {
          line.append(cell).append(pad);
        } else {
          line.append("  ").append(pad).append(cell);
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    out.append("(racy, lost upd, UB: schedules that showed them; held: expectations that held)\n");
  }

  private static int nameWidth(Comparison c) {
    return c.entries().stream().mapToInt(e -> e.strategy().length()).max().orElse(4);
  }

  private static void races(StringBuilder out, Comparison c) {
    if (c.entries().stream()
        .allMatch(e -> e.result().tally().racySchedulesByLocation().isEmpty())) {
      return;
    }
    out.append("\nRaces by location (schedules in which some access to it raced)\n");
    int w = nameWidth(c);
    for (Comparison.Entry e : c.entries()) {
      Map<String, Integer> by = e.result().tally().racySchedulesByLocation();
      List<String> parts = new ArrayList<>();
      by.forEach((loc, k) -> parts.add(loc + ": " + k + "/" + e.result().explored()));
      String text = parts.isEmpty() ? "none" : String.join(" · ", parts);
      wrap(out, pad(e.strategy(), w) + "  " + text, "  ", "  " + " ".repeat(w + 2));
    }
  }

  private static void finals(StringBuilder out, Comparison c) {
    Set<String> shown = c.varyingLocations();
    out.append("\nFinal values (schedules that ended so)\n");
    int w = nameWidth(c);
    for (Comparison.Entry e : c.entries()) {
      List<FinalOutcome> finals = e.result().finals();
      List<String> parts = new ArrayList<>();
      for (int k = 0; k < Math.min(MAX_OUTCOMES, finals.size()); k++) {
        FinalOutcome f = finals.get(k);
        parts.add(values(f.values(), shown) + " ×" + f.schedules());
      }
      if (finals.size() > MAX_OUTCOMES) {
        parts.add((finals.size() - MAX_OUTCOMES) + " more");
      }
      String text = parts.isEmpty() ? "no schedule finished" : String.join(" · ", parts);
      wrap(out, pad(e.strategy(), w) + "  " + text, "  ", "  " + " ".repeat(w + 2));
    }
  }

  private static String values(Map<String, String> all, Set<String> shown) {
    List<String> parts = new ArrayList<>();
    all.forEach(
        (k, v) -> {
          if (shown.contains(k)) {
            parts.add(k + "=" + v);
          }
        });
    return String.join(" ", parts);
  }

  private static void expectations(StringBuilder out, Comparison c) {
    if (c.entries().isEmpty() || c.entries().get(0).result().expectations().isEmpty()) {
      return;
    }
    out.append("\nExpectations (schedules in which each held)\n");
    List<ExpectationResult> first = c.entries().get(0).result().expectations();
    List<String[]> rows = new ArrayList<>();
    String[] head = new String[c.entries().size() + 1];
    head[0] = "";
    for (int s = 0; s < c.entries().size(); s++) {
      // the names end above the figures, not above the ✗ column after them
      head[s + 1] = c.entries().get(s).strategy() + "  ";
    }
    rows.add(head);
    for (int k = 0; k < first.size(); k++) {
      String[] row = new String[c.entries().size() + 1];
      row[0] = "expect " + first.get(k).text();
      for (int s = 0; s < c.entries().size(); s++) {
        ExpectationResult x = c.entries().get(s).result().expectations().get(k);
        row[s + 1] = x.schedulesHeld() + "/" + x.schedules() + (x.held() ? "  " : " ✗");
      }
      rows.add(row);
    }
    int[] widths = new int[head.length];
    for (String[] row : rows) {
      for (int k = 0; k < row.length; k++) {
        widths[k] = Math.max(widths[k], row[k].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder("  ").append(pad(row[0], widths[0]));
      for (int k = 1; k < row.length; k++) {
        line.append("  ").append(" ".repeat(widths[k] - row[k].length())).append(row[k]);
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    out.append("  (✗: the expectation failed under that strategy)\n");
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  private static void wrap(StringBuilder out, String text, String first, String rest) {
    String indent = first;
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && indent.length() + line.length() + 1 + word.length() > WIDTH) {
        out.append(indent).append(line).append('\n');
        line.setLength(0);
        indent = rest;
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      out.append(indent).append(line).append('\n');
    }
  }
}
