package org.racelab.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
