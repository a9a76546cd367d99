package org.racelab.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gg.jte.output.StringOutput;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ChartsTest {

  @Test
  void barsAreScaledToARoundAxisAndKeepTheirWrittenValues() {
    Charts.BarChart c =
        Charts.horizontal(
            "c",
            "Racing accesses per strategy",
            "d",
            "accesses",
            List.of(
                Charts.Bar.of("none", 45, Charts.Tone.BAD),
                Charts.Bar.of("mutex", 0, Charts.Tone.GOOD),
                Charts.Bar.of("atomic", 1, Charts.Tone.NEUTRAL)));
    assertEquals(3, c.bars().size());
    Charts.Shape none = c.bars().get(0);
    Charts.Shape mutex = c.bars().get(1);
    Charts.Shape atomic = c.bars().get(2);
    int plot = c.ticks().get(c.ticks().size() - 1).x() - c.labelWidth();
    assertEquals("50", c.ticks().get(c.ticks().size() - 1).label(), "45 rounds up to 50");
    assertEquals(
        List.of("0", "10", "20", "30", "40", "50"),
        c.ticks().stream().map(Charts.Tick::label).toList());
    assertEquals(Math.round(plot * 45 / 50.0), none.length());
    assertEquals(0, mutex.length());
    assertTrue(atomic.length() >= 1, "a non-zero value is never invisible");
    assertEquals("45", none.valueText());
    assertEquals("tone-bad", none.tone());
    assertTrue(none.y() < mutex.y() && mutex.y() < atomic.y(), "in the given order");
    assertTrue(c.height() > atomic.y() + atomic.height());
  }

  @Test
  void countsAreBadAboveZeroAndMeasuresAreNeutralAndWrittenByTheirFormat() {
    Charts.BarChart failed =
        Charts.counts(
            "failed",
            "Failed expectations per strategy",
            "d",
            "expectations",
            List.of("none", "mutex", "atomic"),
            List.of(2, 0, 1),
            Charts.Tone.BAD,
            Charts.Tone.GOOD);
    assertEquals(
        List.of("tone-bad", "tone-good", "tone-bad"),
        failed.bars().stream().map(Charts.Shape::tone).toList());
    Charts.BarChart cost =
        Charts.measures(
            "cost",
            "Wall time per strategy",
            "d",
            "ms",
            List.of("none", "mutex"),
            List.of(12.5, 40.0),
            v -> String.format(Locale.ROOT, "%.1f ms", v));
    assertEquals(
        List.of("12.5 ms", "40.0 ms"), cost.bars().stream().map(Charts.Shape::valueText).toList());
    assertEquals(
        List.of("tone-neutral", "tone-neutral"),
        cost.bars().stream().map(Charts.Shape::tone).toList());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Charts.counts(
                "x", "t", "d", "", List.of("a"), List.of(), Charts.Tone.BAD, Charts.Tone.GOOD));
  }

  @Test
  void theChartTemplateDrawsAnAccessibleSvgWithItsValuesAsText() {
    Charts.BarChart c =
        Charts.counts(
            "racing",
            "Racing accesses <per> strategy",
            "How many accesses raced",
            "accesses",
            List.of("none", "mutex"),
            List.of(9, 0),
            Charts.Tone.BAD,
            Charts.Tone.GOOD);
    StringOutput out = new StringOutput();
    HtmlReport.engine().render("parts/chart.jte", Map.of("chart", c), out);
    String svg = out.toString();
    assertTrue(svg.contains("role=\"img\" aria-labelledby=\"racing-title racing-desc\""), svg);
    assertTrue(
        svg.contains("<title id=\"racing-title\">Racing accesses &lt;per&gt; strategy</title>"));
    assertTrue(svg.contains(">9</text>") && svg.contains(">0</text>"), "values are written");
    assertEquals(1, svg.split("class=\"bar-hatch\"", -1).length - 1, "the bad bar is hatched");
    assertFalse(svg.contains("style="), "no inline style (the policy forbids it)");
  }

  @Test
  void aGroupedChartNamesEachGroupOnceAndDrawsEveryMeasureOnOneScale() {
    Charts.BarChart c =
        Charts.grouped(
            "cost",
            "Cost per strategy",
            "d",
            "steps",
            List.of("none", "spin"),
            List.of("visible steps", "spinning"),
            List.of(List.of(40, 0), List.of(122, 42)),
            v -> String.format(Locale.ROOT, "%,d", (long) v));
    assertEquals(
        List.of("none", "", "spin", ""), c.bars().stream().map(Charts.Shape::group).toList());
    assertEquals(
        List.of("visible steps", "spinning", "visible steps", "spinning"),
        c.bars().stream().map(Charts.Shape::label).toList());
    assertEquals("spin, spinning: 42 steps", c.bars().get(3).title());
    int sameGroup = c.bars().get(1).y() - c.bars().get(0).y();
    int nextGroup = c.bars().get(2).y() - c.bars().get(1).y();
    assertTrue(nextGroup > sameGroup, "groups are set apart");
    assertEquals(
        c.bars().get(2).length() * 40 / 122.0,
        (double) c.bars().get(0).length(),
        1.0,
        "one scale for every group");
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Charts.grouped(
                "x", "t", "d", "", List.of("a"), List.of("p", "q"), List.of(List.of(1)), v -> ""));
  }

  @Test
  void chartsDrawnWithTheSameScaleCompareBarByBar() {
    Charts.BarChart small =
        Charts.horizontal(
            "a", "t", "d", "", List.of(Charts.Bar.of("x", 5, Charts.Tone.NEUTRAL)), 50);
    Charts.BarChart large =
        Charts.horizontal(
            "b", "t", "d", "", List.of(Charts.Bar.of("x", 50, Charts.Tone.NEUTRAL)), 50);
    assertEquals("50", small.ticks().get(small.ticks().size() - 1).label());
    assertEquals(small.bars().get(0).length() * 10, large.bars().get(0).length(), 10);
  }

  @Test
  void anAllZeroChartStillHasAnAxis() {
    Charts.BarChart c =
        Charts.horizontal("z", "t", "d", "", List.of(Charts.Bar.of("a", 0, Charts.Tone.GOOD)));
    assertEquals(List.of("0", "1"), c.ticks().stream().map(Charts.Tick::label).toList());
    assertEquals(0, c.bars().get(0).length());
  }

  @Test
  void longLabelsAreShortenedButTheTooltipKeepsThemWhole() {
    String label = "a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7";
    Charts.BarChart c =
        Charts.horizontal(
            "l", "t", "d", "schedules", List.of(Charts.Bar.of(label, 3, Charts.Tone.NEUTRAL)));
    assertTrue(c.bars().get(0).label().length() <= 32);
    assertTrue(c.bars().get(0).title().startsWith(label));
  }

  @Test
  void hatchingStaysInsideItsBar() {
    String d = Charts.hatch(100, 20, 57, 22);
    Matcher m = Pattern.compile("[ML](\\d+) (\\d+)").matcher(d);
    int points = 0;
    while (m.find()) {
      int x = Integer.parseInt(m.group(1));
      int y = Integer.parseInt(m.group(2));
      assertTrue(x >= 100 && x <= 157 && y >= 20 && y <= 42, m.group());
      points++;
    }
    assertTrue(points >= 8, "several lines");
  }
}
