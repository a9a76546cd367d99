package org.racelab.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceViewTest {

  private static List<String> kinds(SourceView.Line l) {
    return l.tokens().stream()
        .map(t -> t.kind().isEmpty() ? t.text() : t.kind() + ":" + t.text())
        .toList();
  }

  @Test
  void keywordsOrderingsNumbersStringsAndCommentsAreTokens() {
    SourceView v =
        SourceView.of(
            "    ready.store(true, release) # publish\nlet s = \"a # not a comment\"\n", Map.of());
    assertEquals(2, v.lines().size(), "no empty line for the final newline");
    assertEquals(
        List.of("    ready.store(", "kw:true", ", ", "ord:release", ") ", "com:# publish"),
        kinds(v.lines().get(0)));
    assertEquals(List.of("kw:let", " s = ", "str:\"a # not a comment\""), kinds(v.lines().get(1)));
  }

  @Test
  void everyKeywordTheParserReservesIsHighlightedAndSchedulesToo() {
    SourceView v = SourceView.of("schedules 5\nfor i in 0..n { }", Map.of());
    assertEquals(List.of("kw:schedules", " ", "num:5"), kinds(v.lines().get(0)));
    assertEquals("kw:for", kinds(v.lines().get(1)).get(0));
    assertEquals("kw:in", kinds(v.lines().get(1)).get(2));
  }

  @Test
  void aTripleQuotedAboutSpansLines() {
    SourceView v = SourceView.of("about \"\"\"\nthread is text here\n\"\"\"\nthread t {", Map.of());
    assertEquals(List.of("str:thread is text here"), kinds(v.lines().get(1)));
    assertEquals(List.of("str:\"\"\""), kinds(v.lines().get(2)));
    assertEquals("kw:thread", kinds(v.lines().get(3)).get(0));
  }

  @Test
  void aKeywordInsideAHyphenatedWordIsPlain() {
    SourceView v = SourceView.of("expect ub use-after-free", Map.of());
    assertEquals(List.of("kw:expect", " ub use-after-free"), kinds(v.lines().get(0)));
  }

  @Test
  void marksMakeALineRacingOrUb() {
    SourceView v =
        SourceView.of(
            "a\nb\nc",
            Map.of(
                1, List.of(new SourceView.Mark("#race-1", "R1", "race", "t")),
                3, List.of(new SourceView.Mark("#ub-1", "U1", "ub", "t"))));
    assertTrue(v.lines().get(0).racing());
    assertTrue(!v.lines().get(1).racing() && !v.lines().get(1).ub());
    assertTrue(v.lines().get(2).ub());
    assertTrue(v.anyRacing() && v.anyUb());
  }
}
