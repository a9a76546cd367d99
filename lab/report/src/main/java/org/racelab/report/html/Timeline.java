package org.racelab.report.html;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import org.racelab.exec.Execution;
import org.racelab.exec.Findings;
import org.racelab.exec.LedgerEntry;
import org.racelab.memory.UbKind;

/**
 * The executed schedule as swim lanes, laid out for inline SVG: one lane per thread, one column per
 * step, time running left to right. Happens-before edges (a step that synchronised with an earlier
 * one: the lock that acquired an unlock, the acquire load that read a release store, a spawn, a
 * join) are solid arrows; races are dashed red lines between their two accesses. Long schedules
 * show a window of {@link #CAP} steps around the first race or UB.
 *
 * @param width the SVG width
 * @param height the SVG height
 * @param gutter the width of the thread-name column
 * @param lanes one per thread
 * @param ticks step numbers along the top
 * @param nodes one per shown step
 * @param syncs happens-before arrows
 * @param races race edges
 * @param shownFrom the first shown step
 * @param shownTo one past the last shown step
 * @param total how many steps the run took
 * @param summary what part of the run is shown, in words
 */
public record Timeline(
    int width,
    int height,
    int gutter,
    List<Lane> lanes,
    List<Tick> ticks,
    List<Node> nodes,
    List<Edge> syncs,
    List<Edge> races,
    int shownFrom,
    int shownTo,
    int total,
    String summary) {

  /** How many steps are drawn at most. */
  static final int CAP = 240;

  static final int COL = 40;
  static final int LANE = 72;
  static final int TOP = 30;
  private static final int R = 8;

  /**
   * A thread's lane.
   *
   * @param thread its name (shortened to fit; {@code title} has it whole)
   * @param title the whole name
   * @param y the centre line
   * @param top the top of the band
   * @param height the band's height
   * @param odd whether it is drawn with the alternate shade
   */
  public record Lane(String thread, String title, int y, int top, int height, boolean odd) {}

  /**
   * A step number on top.
   *
   * @param x its centre
   * @param label the number
   */
  public record Tick(int x, String label) {}

  /**
   * One step.
   *
   * @param step its number
   * @param x its centre
   * @param y its centre
   * @param shape its outline as an SVG path
   * @param mark a glyph inside it (the cross of UB), or empty
   * @param css its classes: {@code access}, {@code op}, {@code racing}, {@code race-end}, {@code
   *     ub}, {@code panic}
   * @param label its source line ({@code L13})
   * @param labelY where the label goes
   * @param tag the races that end here ({@code R1 R3}), written above it, or empty
   * @param tagY where the tag goes
   * @param title what happened, in words
   * @param href the ledger row of its access, or empty
   */
  public record Node(
      int step,
      int x,
      int y,
      String shape,
      String mark,
      String css,
      String label,
      int labelY,
      String tag,
      int tagY,
      String title,
      String href) {}

  /**
   * An arrow or a race edge.
   *
   * @param d its path
   * @param label its label ({@code R1}, {@code from step 4}), or empty
   * @param labelX where the label goes
   * @param labelY where the label goes
   * @param title what it means, in words
   */
  public record Edge(String d, String label, int labelX, int labelY, String title) {}

  /**
   * Lays out the timeline.
   *
   * @param e the execution
   * @param raceLabels per pair of ledger indices ("earlier:later"), the race's short name
   * @param linked whether a ledger row is in the report (so a step can link to it)
   */
  static Timeline of(Execution e, Map<String, String> raceLabels, IntPredicate linked) {
    List<Findings.Step> steps = e.steps();
    List<String> threads = e.threads();
    int total = steps.size();
    int from = 0;
    int to = total;
    if (total > CAP) {
      int interesting = Integer.MAX_VALUE;
      for (LedgerEntry le : e.ledger()) {
        if (le.racing()) {
          interesting = Math.min(interesting, le.step());
          break;
        }
      }
      for (Findings.Ub u : e.ub()) {
        interesting = Math.min(interesting, u.step());
      }
      if (interesting != Integer.MAX_VALUE && interesting >= CAP - CAP / 8) {
        from = Math.max(0, Math.min(total - CAP, interesting - CAP / 2));
      }
      to = from + CAP;
    }
    int longest = 6;
    for (String t : threads) {
      longest = Math.max(longest, t.length());
    }
    int gutter = Math.max(88, Math.min(184, longest * 7 + 28));
    int maxChars = (gutter - 20) / 7;

    Map<String, Integer> laneOf = new HashMap<>();
    List<Lane> lanes = new ArrayList<>();
    for (int i = 0; i < threads.size(); i++) {
      String t = threads.get(i);
      laneOf.put(t, i);
      String shown = t.length() <= maxChars ? t : t.substring(0, maxChars - 1) + "…";
      lanes.add(new Lane(shown, t, TOP + i * LANE + LANE / 2, TOP + i * LANE, LANE, i % 2 == 1));
    }

    Map<Integer, Integer> stepOfAccess = new HashMap<>();
    for (LedgerEntry le : e.ledger()) {
      stepOfAccess.put(le.index(), le.step());
    }
    Set<Integer> racingSteps = new HashSet<>();
    Set<Integer> raceEnds = new HashSet<>();
    Map<Integer, Set<String>> tags = new HashMap<>();
    for (LedgerEntry le : e.ledger()) {
      if (le.racing()) {
        racingSteps.add(le.step());
        raceEnds.add(le.step());
        for (int k : le.racesWith()) {
          raceEnds.add(stepOfAccess.getOrDefault(k, -1));
          String label = raceLabels.get(k + ":" + le.index());
          if (label != null) {
            tags.computeIfAbsent(le.step(), x -> new TreeSet<>()).add(label);
          }
        }
      }
    }
    Map<Integer, Findings.Ub> ubAt = new HashMap<>();
    for (Findings.Ub u : e.ub()) {
      if (u.kind() != UbKind.DATA_RACE) {
        ubAt.putIfAbsent(u.step(), u);
      }
    }
    Set<Integer> panicSteps = new HashSet<>();
    for (Findings.Step s : steps) {
      if (s.what().startsWith("panic")) {
        panicSteps.add(s.step());
      }
    }

    List<Tick> ticks = new ArrayList<>();
    List<Node> nodes = new ArrayList<>();
    for (int i = from; i < to; i++) {
      Findings.Step s = steps.get(i);
      int x = xOf(gutter, from, i);
      int y = TOP + laneOf.getOrDefault(s.thread(), 0) * LANE + LANE / 2;
      ticks.add(new Tick(x, Integer.toString(s.step())));
      String css;
      String shape;
      String mark = "";
      Findings.Ub ub = ubAt.get(s.step());
      if (ub != null) {
        css = "ub";
        shape = square(x, y, R);
        mark = cross(x, y, R - 3);
      } else if (panicSteps.contains(s.step())) {
        css = "panic";
        shape = triangle(x, y, R + 2);
      } else if (racingSteps.contains(s.step())) {
        css = "racing";
        shape = diamond(x, y, R + 2);
      } else if (s.access() >= 0) {
        css = raceEnds.contains(s.step()) ? "access race-end" : "access";
        shape = circle(x, y, R - 1);
      } else {
        css = "op";
        shape = square(x, y, R - 3);
      }
      StringBuilder title = new StringBuilder();
      title.append(
          String.format(
              Locale.ROOT,
              "step %d · %s · line %d · %s",
              s.step(),
              s.thread(),
              s.line(),
              s.what()));
      if (ub != null) {
        title.append(" · undefined behaviour: ").append(ub.kind().label());
      }
      if (s.syncFrom() >= 0) {
        title.append(" · synchronises with step ").append(s.syncFrom());
      }
      String href = s.access() >= 0 && linked.test(s.access()) ? "#a" + s.access() : "";
      nodes.add(
          new Node(
              s.step(),
              x,
              y,
              shape,
              mark,
              css,
              "L" + s.line(),
              y + R + 14,
              String.join(" ", tags.getOrDefault(s.step(), Set.of())),
              y - R - 6,
              title.toString(),
              href));
    }

    List<Edge> syncs = new ArrayList<>();
    for (int i = from; i < to; i++) {
      Findings.Step s = steps.get(i);
      int f = s.syncFrom();
      if (f < 0 || f >= total) {
        continue;
      }
      Findings.Step src = steps.get(f);
      int x2 = xOf(gutter, from, i);
      int y2 = TOP + laneOf.getOrDefault(s.thread(), 0) * LANE + LANE / 2;
      int y1 = TOP + laneOf.getOrDefault(src.thread(), 0) * LANE + LANE / 2;
      String title =
          String.format(
              Locale.ROOT,
              "happens-before: step %d (%s, line %d: %s) synchronises with step %d (%s, line %d:"
                  + " %s)",
              f,
              src.thread(),
              src.line(),
              src.what(),
              s.step(),
              s.thread(),
              s.line(),
              s.what());
      if (f >= from) {
        int x1 = xOf(gutter, from, f);
        syncs.add(edge(x1, y1, x2, y2, "", title, R + 2, R + 4));
      } else {
        int x1 = gutter + 4;
        syncs.add(edge(x1, y1, x2, y2, "from step " + f, title, 0, R + 4));
      }
    }

    List<Edge> races = new ArrayList<>();
    for (LedgerEntry le : e.ledger()) {
      if (!le.racing() || le.step() < from || le.step() >= to) {
        continue;
      }
      for (int k : le.racesWith()) {
        int ks = stepOfAccess.getOrDefault(k, -1);
        if (ks < 0) {
          continue;
        }
        LedgerEntry other = e.ledger().get(k);
        String label = raceLabels.getOrDefault(k + ":" + le.index(), "");
        String title =
            String.format(
                Locale.ROOT,
                "race%s: %s of %s by %s at line %d (step %d) and %s of %s by %s at line %d (step"
                    + " %d) are not ordered by happens-before",
                label.isEmpty() ? "" : " " + label,
                other.op(),
                other.location(),
                other.thread(),
                other.line(),
                ks,
                le.op(),
                le.location(),
                le.thread(),
                le.line(),
                le.step());
        int x2 = xOf(gutter, from, le.step());
        int y2 = TOP + laneOf.getOrDefault(le.thread(), 0) * LANE + LANE / 2;
        int y1 = TOP + laneOf.getOrDefault(other.thread(), 0) * LANE + LANE / 2;
        // the race's name is written above its later access; only a cut-off edge gets a label
        if (ks >= from) {
          races.add(edge(xOf(gutter, from, ks), y1, x2, y2, "", title, R, R + 2));
        } else {
          races.add(edge(gutter + 4, y1, x2, y2, "from step " + ks, title, 0, R + 2));
        }
      }
    }

    int width = gutter + Math.max(1, to - from) * COL + 16;
    int height = TOP + Math.max(1, threads.size()) * LANE + 8;
    String summary =
        total == 0
            ? "The run took no steps."
            : total <= CAP
                ? String.format(
                    Locale.ROOT,
                    "All %s of the run, in the order the scheduler chose them.",
                    Text.count(total, "step", "steps"))
                : String.format(
                    Locale.ROOT,
                    "Steps %d to %d of %d (at most %d are drawn%s; the ledger lists the accesses as"
                        + " text).",
                    from,
                    to - 1,
                    total,
                    CAP,
                    from > 0 ? ", around the first race or UB" : "");
    return new Timeline(
        width,
        height,
        gutter,
        List.copyOf(lanes),
        List.copyOf(ticks),
        List.copyOf(nodes),
        List.copyOf(syncs),
        List.copyOf(races),
        from,
        to,
        total,
        summary);
  }

  private static int xOf(int gutter, int from, int step) {
    return gutter + (step - from) * COL + COL / 2;
  }

  /**
   * A straight edge from (x1, y1) to (x2, y2), shortened by {@code cut1} and {@code cut2} so that
   * it starts and ends at the nodes' rims; an arc above the lane when both ends share a lane.
   */
  private static Edge edge(
      int x1, int y1, int x2, int y2, String label, String title, int cut1, int cut2) {
    if (y1 == y2) {
      int lift = Math.min(LANE / 2 - 4, 12 + Math.abs(x2 - x1) / 8);
      int mx = (x1 + x2) / 2;
      String d =
          String.format(
              Locale.ROOT,
              "M%d %d Q%d %d %d %d",
              x1 + (cut1 > 0 ? 3 : 0),
              y1 - (cut1 > 0 ? cut1 - 2 : 0),
              mx,
              y1 - 2 * lift,
              x2 - 3,
              y2 - cut2 + 2);
      return new Edge(d, label, mx, y1 - lift - 4, title);
    }
    double dx = x2 - x1;
    double dy = y2 - y1;
    double len = Math.sqrt(dx * dx + dy * dy);
    double ux = dx / len;
    double uy = dy / len;
    int sx = (int) Math.round(x1 + ux * cut1);
    int sy = (int) Math.round(y1 + uy * cut1);
    int ex = (int) Math.round(x2 - ux * cut2);
    int ey = (int) Math.round(y2 - uy * cut2);
    String d = String.format(Locale.ROOT, "M%d %d L%d %d", sx, sy, ex, ey);
    return new Edge(d, label, (sx + ex) / 2 + 4, (sy + ey) / 2 - 4, title);
  }

  private static String circle(int x, int y, int r) {
    return String.format(
        Locale.ROOT,
        "M%d %d a%d %d 0 1 0 %d 0 a%d %d 0 1 0 %d 0Z",
        x - r,
        y,
        r,
        r,
        2 * r,
        r,
        r,
        -2 * r);
  }

  private static String square(int x, int y, int r) {
    return String.format(Locale.ROOT, "M%d %dh%dv%dh%dZ", x - r, y - r, 2 * r, 2 * r, -2 * r);
  }

  private static String diamond(int x, int y, int r) {
    return String.format(
        Locale.ROOT, "M%d %dL%d %dL%d %dL%d %dZ", x, y - r, x + r, y, x, y + r, x - r, y);
  }

  private static String triangle(int x, int y, int r) {
    return String.format(
        Locale.ROOT, "M%d %dL%d %dL%d %dZ", x, y - r, x + r, y + r - 2, x - r, y + r - 2);
  }

  private static String cross(int x, int y, int r) {
    return String.format(
        Locale.ROOT,
        "M%d %dL%d %dM%d %dL%d %d",
        x - r,
        y - r,
        x + r,
        y + r,
        x + r,
        y - r,
        x - r,
        y + r);
  }
}
