package org.racelab.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.racelab.exec.Execution;
import org.racelab.experiment.RunResult;

/** The rendered page itself: self-contained, locked down by its policy, every value escaped. */
class HtmlReportTest {

  private static final RunResult RELAXED =
      ReportScenarios.catalogue("atomics/message-passing-relaxed.race", 1);

  private static String between(String html, String open, String close) {
    int a = html.indexOf(open);
    int b = html.indexOf(close, a);
    assertTrue(a >= 0 && b > a, "the page has " + open + "..." + close);
    return html.substring(a + open.length(), b);
  }

  private static int count(String html, String needle) {
    int n = 0;
    for (int i = html.indexOf(needle); i >= 0; i = html.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void thePolicyAllowsExactlyThePagesOwnStyleAndScriptByHash() {
    String html = HtmlReport.run(RELAXED);
    Matcher m =
        Pattern.compile("http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\"")
            .matcher(html);
    assertTrue(m.find(), "the page declares a Content-Security-Policy");
    String policy = m.group(1).replace("&#39;", "'");
    assertTrue(policy.startsWith("default-src 'none';"), policy);
    assertFalse(policy.contains("unsafe-inline"), policy);
    assertFalse(policy.contains("unsafe-eval"), policy);
    String script = between(html, "<script>", "</script>");
    String style = between(html, "<style>", "</style>");
    assertTrue(policy.contains("script-src '" + Assets.sha256(script) + "'"), policy);
    assertTrue(policy.contains("style-src '" + Assets.sha256(style) + "'"), policy);
    assertTrue(
        html.indexOf("Content-Security-Policy") < html.indexOf("<style>"),
        "the policy comes before the style it governs");
  }

  @Test
  void thePageLoadsNothing() {
    for (RunResult r :
        List.of(
            RELAXED,
            ReportScenarios.inline(ReportScenarios.VEC_PUSH, 1),
            ReportScenarios.catalogue("basics/unsynchronised-counter.race", 5))) {
      String html = HtmlReport.run(r);
      assertEquals(1, count(html, "<script"), "one script element");
      assertEquals(1, count(html, "<style"), "one style element");
      assertFalse(html.contains(" src="), "no src attribute");
      assertFalse(html.contains("<link"), "no link element");
      assertFalse(html.contains("@import"), "no CSS import");
      assertFalse(html.contains("http://") || html.contains("https://"), "no web address");
      Matcher urls = Pattern.compile("url\\(([^)]*)\\)").matcher(html);
      while (urls.find()) {
        assertTrue(urls.group(1).startsWith("#"), "only same-page references: " + urls.group());
      }
      assertFalse(html.contains(" style=\""), "no style attribute (the policy would block it)");
      assertFalse(Pattern.compile(" on[a-z]+=").matcher(html).find(), "no event handler attribute");
    }
  }

  @Test
  void markupInTheScenariosNameAndAboutIsEscapedNotRendered() {
    String html = HtmlReport.run(ReportScenarios.inline(ReportScenarios.HOSTILE, 1));
    assertFalse(html.contains("<img"), "no image element");
    assertFalse(html.contains("<script>document"), "the about text's script is not a script");
    assertFalse(html.contains("<b onmouseover"), "raw HTML in Markdown is escaped");
    assertFalse(html.contains("href=\"javascript:"), "javascript: links are dropped");
    assertFalse(html.contains("<h1 id=\"injected\""), "no injected element");
    assertTrue(html.contains("[image: picture (https://example.invalid/x.png)]"), "no image");
    assertTrue(html.contains("&lt;img src=x onerror="), "the name shows as text");
    assertTrue(html.contains("&lt;script&gt;document.title"), "the about text shows as text");
    assertEquals(1, count(html, "<script"), "still one script element");
  }

  @Test
  void theTimelineDrawsEveryStepEverySynchronisationAndEveryRacingPair() {
    RunResult r = ReportScenarios.catalogue("basics/unsynchronised-counter.race", 1);
    Execution e = r.representative().execution();
    Timeline t = RunPage.of(r).timeline();
    assertEquals(e.steps().size(), t.nodes().size());
    long pairs = e.ledger().stream().mapToLong(l -> l.racesWith().size()).sum();
    assertTrue(pairs > 0);
    assertEquals(pairs, t.races().size());
    RunResult ra = ReportScenarios.catalogue("atomics/message-passing-release-acquire.race", 1);
    Execution ea = ra.representative().execution();
    long syncs = ea.steps().stream().filter(s -> s.syncFrom() >= 0).count();
    assertTrue(syncs > 0, "the acquire load that reads the release store synchronises");
    assertEquals(syncs, RunPage.of(ra).timeline().syncs().size());
    assertTrue(RunPage.of(ra).timeline().races().isEmpty());
  }

  @Test
  void racingAndUbLinesAreMarkedAndLinkedToTheirExplanations() {
    String html = HtmlReport.run(RELAXED);
    Matcher racing = Pattern.compile("<tr id=\"L(\\d+)\" class=\"racing\">").matcher(html);
    List<String> lines = new ArrayList<>();
    while (racing.find()) {
      lines.add(racing.group(1));
    }
    assertEquals(List.of("13", "19"), lines);
    assertTrue(html.contains("href=\"#race-1\""));
    assertTrue(html.contains("id=\"race-1\""));

    String ub = HtmlReport.run(ReportScenarios.inline(ReportScenarios.VEC_PUSH, 1));
    assertTrue(ub.contains("<tr id=\"L13\" class=\"ub\">"), "the read through p is marked");
    assertTrue(ub.contains("href=\"#ub-1\"") && ub.contains("id=\"ub-1\""));
  }

  @Test
  void theMemoryMapDrawsTheVecHeaderAndTheDanglingPointer() {
    MemoryView m = RunPage.of(ReportScenarios.inline(ReportScenarios.VEC_PUSH, 1)).memory();
    assertTrue(m != null, "a run with UB has a memory map");
    MemoryView.Box v =
        m.boxes().stream()
            .filter(b -> b.title().equals("v") && b.css().equals("local"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        List.of("ptr", "len", "cap"), v.rows().stream().map(MemoryView.Row::name).toList());
    assertEquals(1, m.boxes().stream().filter(b -> b.css().equals("freed")).count());
    assertEquals(1, m.arrows().stream().filter(a -> a.css().equals("dangling")).count());
    assertEquals(1, m.arrows().stream().filter(a -> a.css().equals("ptr")).count());
    assertTrue(
        RunPage.of(ReportScenarios.catalogue("atomics/message-passing-release-acquire.race", 1))
                .memory()
            == null);
  }

  @Test
  void onlyARunOverSeveralSchedulesHasTheSchedulesSection() {
    assertTrue(RunPage.of(RELAXED).exploration() == null);
    assertFalse(HtmlReport.run(RELAXED).contains("id=\"exploration\""));
    RunResult many = ReportScenarios.catalogue("basics/unsynchronised-counter.race", 20);
    ExplorationView x = RunPage.of(many).exploration();
    assertTrue(x != null);
    assertEquals(20, x.explored());
    assertEquals(
        20,
        x.finalRows().stream().mapToInt(ExplorationView.FinalRow::schedules).sum(),
        "every schedule ends in exactly one outcome");
    String html = HtmlReport.run(many);
    assertTrue(html.contains("id=\"exploration\""));
    assertTrue(html.contains("--schedules 20 --seed 1"));
  }

  @Test
  void schedulesThatDeadlockedCountAsNotFinishedInTheFinalValues() {
    RunResult r = ReportScenarios.inline(ReportScenarios.DEADLOCK, 20);
    assertTrue(r.deadlock() != null && r.deadlock().schedules() < 20, "some, not all, deadlock");
    ExplorationView x = RunPage.of(r).exploration();
    assertTrue(x != null);
    assertEquals(20, x.finalRows().stream().mapToInt(ExplorationView.FinalRow::schedules).sum());
    ExplorationView.FinalRow unfinished = x.finalRows().get(x.finalRows().size() - 1);
    assertEquals("(did not finish)", unfinished.values());
    assertEquals(r.deadlock().schedules(), unfinished.schedules());
    String html = HtmlReport.run(r);
    assertTrue(html.contains("id=\"deadlock\"") && html.contains("id=\"panics\""));
    assertTrue(html.contains("t1 → t2 → t1"), "the cycle of waiting");
  }

  @Test
  void replayCommandsQuoteWhatTheShellWouldSplit() {
    assertEquals("races/basics/a-b_c.race", RunPage.shell("races/basics/a-b_c.race"));
    assertEquals("b2ab2ab:0b", RunPage.shell("b2ab2ab:0b"));
    assertEquals("'my races/a.race'", RunPage.shell("my races/a.race"));
    assertEquals("''", RunPage.shell(""), "an empty schedule stays one argument");
    assertEquals("'it'\\''s.race'", RunPage.shell("it's.race"));
    assertEquals("'$(rm -rf x).race'", RunPage.shell("$(rm -rf x).race"));
  }

  @Test
  void withoutScriptTheFiltersStayHiddenAndEveryRowShows() {
    String html = HtmlReport.run(RELAXED);
    assertTrue(html.contains("<form class=\"filters\" id=\"ledger-filter\" hidden"));
    assertTrue(html.contains("id=\"theme-toggle\" class=\"theme-toggle\" hidden"));
    String ledger = between(html, "id=\"ledger-table\"", "</table>");
    assertEquals(RELAXED.representative().execution().ledger().size(), count(ledger, "<tr id=\"a"));
    assertFalse(ledger.contains(" hidden"), "no ledger row starts hidden");
  }

  @Test
  void theBannerSaysEachVerdictInWords() {
    List<String> words =
        RunPage.of(ReportScenarios.inline(ReportScenarios.BOX_AFTER_FREE, 1))
            .banner()
            .items()
            .stream()
            .map(Banner.Item::word)
            .toList();
    assertEquals(List.of("NO RACE", "UB", "LEAK", "NO DEADLOCK", "EXPECTATIONS HELD"), words);
    assertEquals("bad", RunPage.of(RELAXED).banner().tone());
    assertEquals(
        "ok",
        RunPage.of(ReportScenarios.catalogue("atomics/message-passing-release-acquire.race", 1))
            .banner()
            .tone());
  }
}
