package org.racelab.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Horizontal bar charts as view models, drawn as inline SVG by {@code parts/chart.jte}: one bar per
 * label, its value written at the end of the bar, so the chart reads without colour and prints in
 * black and white. The exploration section uses it for final values and racy schedules; the
 * comparison page for racing accesses, failed expectations, cost (a {@link #grouped} chart: steps,
 * spinning and blocked per strategy) and each strategy's final values:
 *
 * <pre>{@code
 * BarChart racing = Charts.horizontal("racing", "Racing accesses per strategy",
 *     "How many accesses raced under each strategy, over all schedules.", "accesses",
 *     List.of(Charts.Bar.of("none", 9, Tone.BAD), Charts.Bar.of("mutex", 0, Tone.GOOD)));
 * // or, from two parallel lists, with bad bars wherever the count is above zero:
 * BarChart failed = Charts.counts("failed", "Failed expectations per strategy", "...",
 *     "expectations", strategies, failedCounts, Tone.BAD, Tone.GOOD);
 * BarChart cost = Charts.measures("cost", "Steps per strategy", "...", "steps",
 *     strategies, steps, v -> String.format(Locale.ROOT, "%,d", (long) v));
 * }</pre>
 *
 * and in a template (which must sit inside {@code layout.jte}, whose stylesheet draws the bars):
 * {@code @template.parts.chart(chart = page.racing())}. The {@code id} must be unique in the page.
 */
public final class Charts {
  /** Width of the whole chart in SVG units (it scales down to the page width). */
  static final int WIDTH = 640;

  private static final int BAR = 22;
  private static final int GAP = 10;
  private static final int TOP = 8;
  private static final int AXIS = 26;
  private static final int CHAR = 7;
  private static final int MAX_LABEL = 32;

  private Charts() {}

  /** What a bar means, drawn as a fill and a pattern (never colour alone: values are written). */
  public enum Tone {
    /** Neither good nor bad. */
    NEUTRAL,
    /** A good outcome (race-free, held). */
    GOOD,
    /** A bad outcome (racing, failed); also hatched. */
    BAD;

    /** The CSS class of the bar. */
    public String css() {
      return "tone-" + name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One input bar.
   *
   * @param label what it measures ("none", "counter = 4")
   * @param value its length
   * @param valueText how its value is written ("9", "12 ms", "17 (34%)")
   * @param tone what it means
   */
  public record Bar(String label, double value, String valueText, Tone tone) {
    /** A bar whose value is written as an integer. */
    public static Bar of(String label, long value, Tone tone) {
      return new Bar(label, value, Long.toString(value), tone);
    }
  }

  /**
   * A chart, laid out.
   *
   * @param id a document-unique id prefix for its title and description
   * @param title what it shows (the SVG's {@code <title>})
   * @param description how to read it (the SVG's {@code <desc>})
   * @param unit what the values count
   * @param width the SVG width
   * @param height the SVG height
   * @param labelWidth where the bars start
   * @param bars the bars, top to bottom
   * @param ticks the axis ticks
   * @param axisY where the axis line is
   */
  public record BarChart(
      String id,
      String title,
      String description,
      String unit,
      int width,
      int height,
      int labelWidth,
      List<Shape> bars,
      List<Tick> ticks,
      int axisY) {}

  /**
   * One bar, laid out.
   *
   * @param group the label of the group this bar starts ({@link #grouped}), else empty
   * @param label its label (shortened to fit; {@code title} has it whole)
   * @param valueText its value as written
   * @param y its top
   * @param length its length in SVG units (at least 1 for a non-zero value)
   * @param height its height
   * @param textY the baseline of its texts
   * @param valueX where its value is written
   * @param tone its CSS class
   * @param title the whole label and value, for tooltips and screen readers
   */
  public record Shape(
      String group,
      String label,
      String valueText,
      int y,
      int length,
      int height,
      int textY,
      int valueX,
      String tone,
      String title) {}

  /**
   * An axis tick.
   *
   * @param x its position
   * @param label its value
   */
  public record Tick(int x, String label) {}

  /**
   * A chart of counts, one bar per label: {@code positive} for a count above zero, {@code zero} for
   * a zero (racing accesses or failed expectations: {@code BAD} and {@code GOOD}).
   */
  public static BarChart counts(
      String id,
      String title,
      String description,
      String unit,
      List<String> labels,
      List<? extends Number> counts,
      Tone positive,
      Tone zero) {
    if (labels.size() != counts.size()) {
      throw new IllegalArgumentException(
          labels.size() + " labels but " + counts.size() + " counts for chart " + id);
    }
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      long v = counts.get(i).longValue();
      bars.add(Bar.of(labels.get(i), v, v > 0 ? positive : zero));
    }
    return horizontal(id, title, description, unit, bars);
  }

  /**
   * A chart of measurements (cost: steps, milliseconds), one neutral bar per label, each value
   * written by {@code format}.
   */
  public static BarChart measures(
      String id,
      String title,
      String description,
      String unit,
      List<String> labels,
      List<? extends Number> values,
      DoubleFunction<String> format) {
    if (labels.size() != values.size()) {
      throw new IllegalArgumentException(
          labels.size() + " labels but " + values.size() + " values for chart " + id);
    }
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      double v = values.get(i).doubleValue();
      bars.add(new Bar(labels.get(i), v, format.apply(v), Tone.NEUTRAL));
    }
    return horizontal(id, title, description, unit, bars);
  }

  /**
   * A chart of several measures per group, on one scale: for each group (a strategy), one bar per
   * series (steps, spinning, blocked), the group's name written once beside its first bar and the
   * groups set apart. {@code values.get(g).get(s)} is series {@code s} of group {@code g}.
   */
  public static BarChart grouped(
      String id,
      String title,
      String description,
      String unit,
      List<String> groups,
      List<String> series,
      List<? extends List<? extends Number>> values,
      DoubleFunction<String> format) {
    if (groups.size() != values.size()) {
      throw new IllegalArgumentException(
          groups.size() + " groups but " + values.size() + " value lists for chart " + id);
    }
    List<List<Bar>> bars = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      if (values.get(g).size() != series.size()) {
        throw new IllegalArgumentException(
            series.size() + " series but " + values.get(g).size() + " values in group " + g);
      }
      List<Bar> group = new ArrayList<>();
      for (int k = 0; k < series.size(); k++) {
        double v = values.get(g).get(k).doubleValue();
        group.add(new Bar(series.get(k), v, format.apply(v), Tone.NEUTRAL));
      }
      bars.add(group);
    }
    return layout(id, title, description, unit, groups, bars, 0);
  }

  /** Lays out a horizontal bar chart of {@code bars}, scaled to the largest value. */
  public static BarChart horizontal(
      String id, String title, String description, String unit, List<Bar> bars) {
    return layout(id, title, description, unit, List.of(), List.of(bars), 0);
  }

  /**
   * Lays out a horizontal bar chart of {@code bars} on an axis that reaches at least {@code scale}:
   * charts drawn side by side with the same {@code scale} can be compared bar by bar.
   */
  public static BarChart horizontal(
      String id, String title, String description, String unit, List<Bar> bars, double scale) {
    return layout(id, title, description, unit, List.of(), List.of(bars), scale);
  }

  /**
   * Lays out groups of bars (one unnamed group when {@code groups} is empty), scaled to the largest
   * value or {@code scale}, whichever is larger: group names at the left edge, bar labels
   * right-aligned before the bars.
   */
  private static BarChart layout(
      String id,
      String title,
      String description,
      String unit,
      List<String> groups,
      List<List<Bar>> grouped,
      double scale) {
    List<Bar> bars = new ArrayList<>();
    grouped.forEach(bars::addAll);
    int longest = 4;
    for (Bar b : bars) {
      longest = Math.max(longest, Math.min(MAX_LABEL, b.label().length()));
    }
    int groupWidth = 0;
    for (String g : groups) {
      groupWidth = Math.max(groupWidth, Math.min(MAX_LABEL, g.length()) * CHAR + 16);
    }
    int labelWidth = groupWidth + longest * CHAR + 16;
    int valueRoom = 12 * CHAR;
    int plot = Math.max(120, WIDTH - labelWidth - valueRoom);
    double max = scale;
    for (Bar b : bars) {
      max = Math.max(max, b.value());
    }
    double top = niceCeiling(max);
    List<Shape> shapes = new ArrayList<>();
    int y = TOP;
    for (int g = 0; g < grouped.size(); g++) {
      String group = g < groups.size() ? groups.get(g) : "";
      if (g > 0) {
        y += GAP;
      }
      for (int i = 0; i < grouped.get(g).size(); i++) {
        Bar b = grouped.get(g).get(i);
        int length = top <= 0 ? 0 : (int) Math.round(b.value() / top * plot);
        if (b.value() > 0 && length < 1) {
          length = 1;
        }
        shapes.add(
            new Shape(
                i == 0 ? shorten(group) : "",
                shorten(b.label()),
                b.valueText(),
                y,
                length,
                BAR,
                y + BAR / 2 + 4,
                labelWidth + length + 6,
                b.tone().css(),
                (group.isEmpty() ? "" : group + ", ")
                    + b.label()
                    + ": "
                    + b.valueText()
                    + (unit.isEmpty() ? "" : " " + unit)));
        y += BAR + GAP;
      }
    }
    int axisY = y - GAP + 4;
    List<Tick> ticks = new ArrayList<>();
    boolean integers = bars.stream().allMatch(b -> b.value() == Math.rint(b.value()));
    int steps = tickCount(top, integers);
    for (int i = 0; i <= steps; i++) {
      double v = top * i / steps;
      ticks.add(new Tick(labelWidth + (int) Math.round(plot * (double) i / steps), number(v)));
    }
    return new BarChart(
        id,
        title,
        description,
        unit,
        labelWidth + plot + valueRoom,
        axisY + AXIS,
        labelWidth,
        List.copyOf(shapes),
        List.copyOf(ticks),
        axisY);
  }

  /**
   * Diagonal hatching inside the rectangle at ({@code x}, {@code y}) of size {@code w} × {@code h},
   * as one SVG path: marks bad bars by pattern as well as by colour.
   */
  public static String hatch(int x, int y, int w, int h) {
    StringBuilder d = new StringBuilder();
    for (int k = x - h; k < x + w; k += 8) {
      // the line from (k, y + h) to (k + h, y), clipped to x..x+w
      int x0 = k;
      int y0 = y + h;
      int x1 = k + h;
      int y1 = y;
      if (x0 < x) {
        y0 -= x - x0;
        x0 = x;
      }
      if (x1 > x + w) {
        y1 += x1 - (x + w);
        x1 = x + w;
      }
      if (x1 > x0) {
        d.append(String.format(Locale.ROOT, "M%d %dL%d %d", x0, y0, x1, y1));
      }
    }
    return d.toString();
  }

  /**
   * How many intervals split the axis 0..{@code top} into round steps (whole numbers when every
   * value is one): 5 for 50 (steps of 10), 4 for 20 (steps of 5), 1 for 1.
   */
  static int tickCount(double top, boolean integers) {
    for (int n : new int[] {5, 4, 2}) {
      double step = top / n;
      double p = Math.pow(10, Math.floor(Math.log10(step)));
      double m = step / p;
      boolean round = Math.abs(m - 1) < 1e-9 || Math.abs(m - 2) < 1e-9 || Math.abs(m - 5) < 1e-9;
      if (round && (!integers || Math.abs(step - Math.rint(step)) < 1e-9)) {
        return n;
      }
    }
    return 1;
  }

  /** 1, 2, 5, 10, 20, 50, ... at or above {@code v} (0 stays 0, drawn as an empty axis of 1). */
  static double niceCeiling(double v) {
    if (v <= 0) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * p >= v - 1e-9) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static String number(double v) {
    if (Math.abs(v - Math.rint(v)) < 1e-9) {
      return Long.toString(Math.round(v));
    }
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String shorten(String label) {
    return label.length() <= MAX_LABEL ? label : label.substring(0, MAX_LABEL - 1) + "…";
  }
}
