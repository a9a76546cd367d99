package org.racelab.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.racelab.experiment.Comparison;
import org.racelab.report.Comparisons;

class ComparePageTest {

  @Test
  void thePageHasOneTableRowAndOneVerdictCardPerStrategy() {
    Comparison c = Comparisons.compare(Comparisons.COUNTER, 5, "none", "mutex", "atomic");
    String html = ComparePage.html(c);
    Matcher rows =
        Pattern.compile("<tr><th scope=\"row\" class=\"mono\">([a-z-]+)</th>").matcher(html);
    StringBuilder order = new StringBuilder();
    while (rows.find()) {
      order.append(rows.group(1)).append(' ');
    }
    assertEquals("none mutex atomic ", order.toString());
    ComparePage page = ComparePage.of(c);
    assertEquals(
        List.of("DATA RACE", "RACE-FREE", "RACE-FREE, NOT CORRECT"),
        page.verdicts().stream().map(ComparePage.Verdict::word).toList());
    assertTrue(
        page.verdicts().get(2).sentence().startsWith("no data race, but updates to counter"),
        page.verdicts().get(2).sentence());
    assertTrue(html.contains("id=\"strategy-atomic\""));
    assertFalse(html.contains("run report</a>"), "no links when no run reports were written");
    assertTrue(html.contains("lock critical_mutex {"));
  }

  @Test
  void verdictCardsLinkToTheRunReportsTheyAreGiven() {
    Comparison c = Comparisons.compare(Comparisons.COUNTER, 2, "none", "mutex");
    String html =
        ComparePage.html(
            c,
            Map.of(
                "none", ComparePage.runReportName("counter", "none"),
                "mutex", ComparePage.runReportName("counter", "mutex")));
    assertTrue(html.contains("<a href=\"counter-compare-none.html\">The none run report</a>"));
    assertTrue(html.contains("<a href=\"counter-compare-mutex.html\">The mutex run report</a>"));
  }

  @Test
  void theChartsHaveAccessibleNamesAndTheTableHoldsTheirFigures() {
    Comparison c = Comparisons.compare(Comparisons.COUNTER, 3, "none", "mutex", "spin");
    ComparePage page = ComparePage.of(c);
    for (Charts.BarChart chart :
        List.of(page.racing(), page.failed(), page.ub(), page.cost(), page.wall())) {
      assertFalse(chart.title().isBlank());
      assertFalse(chart.description().isBlank());
    }
    assertEquals(
        List.of("none", "mutex", "spin"),
        page.racing().bars().stream().map(Charts.Shape::label).toList());
    assertEquals(9, page.cost().bars().size(), "three measures for each of three strategies");
    assertEquals(
        List.of("none", "", ""),
        page.cost().bars().subList(0, 3).stream().map(Charts.Shape::group).toList());
    ComparePage.Row spin = page.rows().get(2);
    assertTrue(spin.spinning() > 0, "the spin lock spins in some schedule");
    assertEquals(
        String.format(Locale.ROOT, "%,d", spin.spinning()), page.cost().bars().get(7).valueText());
  }

  @Test
  void thePageIsSelfContainedAndEscapesEveryValue() {
    Comparison c =
        Comparisons.compare(
            """
            scenario "<script>alert(1)</script>"
            about "Hello <b>there</b>"
            shared x: i32 = 0
            thread t { critical { x = 1 } }
            expect final x == 1
            """,
            1,
            "none",
            "spin");
    String html = ComparePage.html(c);
    assertFalse(html.contains("<script>alert"), "title must be escaped");
    assertEquals(1, html.split("<script", -1).length - 1, "only the page's own script");
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertFalse(html.contains("<b>there</b>"), "raw HTML in the about text is escaped");
    assertFalse(html.contains("http://") || html.contains("https://"), "no network resources");
    assertTrue(html.contains("<style>"));
    assertTrue(html.contains("<code>expect final x == 1</code>"));
  }
}
