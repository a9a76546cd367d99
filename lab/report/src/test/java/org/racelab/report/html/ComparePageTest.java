package org.racelab.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.racelab.experiment.Comparison;
import org.racelab.report.Comparisons;

class ComparePageTest {

  @Test
  void thePageHasOneTableRowPerStrategyAndItsVerdict() {
    Comparison c = Comparisons.compare(Comparisons.COUNTER, 5, "none", "mutex", "atomic");
    String html = ComparePage.html(c);
    Matcher rows = Pattern.compile("<tr><td><strong>([a-z-]+)</strong></td>").matcher(html);
    StringBuilder order = new StringBuilder();
    while (rows.find()) {
      order.append(rows.group(1)).append(' ');
    }
    assertEquals("none mutex atomic ", order.toString());
    assertTrue(html.contains("<li class=\"warning\">atomic: no data race, but updates to counter"));
    assertTrue(html.contains("<li class=\"plain\">mutex: no data race, no lost update"));
    assertTrue(html.contains("lock critical_mutex {"));
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
    assertFalse(html.contains("<script>"), "title must be escaped");
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertFalse(html.contains("<b>there</b>"), "raw HTML in the about text is escaped");
    assertFalse(html.contains("http://") || html.contains("https://"), "no network resources");
    assertTrue(html.contains("<style>"));
    assertTrue(html.contains("<code>expect final x == 1</code>"));
  }
}
