package org.racelab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of syntax error names file:line:column, what was expected and what was found. */
class ParserErrorTest {

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(
            "unexpected character", "thread t { x = 1 $ }", "1:18", "unexpected character '$'"),
        Arguments.of("unclosed string", "scenario \"abc\nthread t { }", "1:10", "never closed"),
        Arguments.of("unclosed text block", "about \"\"\"abc\nthread t { }", "1:7", "never closed"),
        Arguments.of("unclosed block", "thread t {\n  yield\n", "1:10", "'{' is never closed"),
        Arguments.of("missing colon", "shared x i32 = 0\nthread t { }", "1:10", "expected ':'"),
        Arguments.of(
            "unknown type", "shared x: int = 0\nthread t { }", "1:11", "unknown type 'int'"),
        Arguments.of(
            "keyword as name", "shared let: i32 = 0\nthread t { }", "1:8", "'let' is a keyword"),
        Arguments.of("top-level junk", "x = 1\nthread t { }", "1:1", "expected a declaration"),
        Arguments.of("no threads", "shared x: i32 = 0\n", "2:1", "at least one thread"),
        Arguments.of(
            "bad expectation", "thread t { }\nexpect nothing", "2:8", "expected what to expect"),
        Arguments.of(
            "chained comparison", "thread t { let b = 1 < 2 < 3 }", "1:26", "cannot be chained"),
        Arguments.of(
            "missing expression",
            "thread t { let x = }",
            "1:20",
            "expected an expression, found '}'"),
        Arguments.of(
            "two statements on a line",
            "thread t { let x = 1 let y = 2 }",
            "1:22",
            "expected end of line"),
        Arguments.of(
            "number too large", "thread t { let x = 99999999999999999999 }", "1:20", "too large"),
        Arguments.of(
            "binary digit out of range", "thread t { let x = 0b102 }", "1:20", "binary number"),
        Arguments.of(
            "octal number too large",
            "thread t { let x = 0o7777777777777777777777 }",
            "1:20",
            "octal number of at most 64 bits"),
        Arguments.of("empty hexadecimal", "thread t { let x = 0x }", "1:20", "hexadecimal"),
        Arguments.of("bad ordering", "thread t { fence(strong) }", "1:18", "expected an ordering"),
        Arguments.of(
            "duplicate declaration",
            "shared x: i32 = 0\nshared x: i32 = 1\nthread t { }",
            "2:1",
            "declared twice"),
        Arguments.of(
            "parameters without spawned", "thread t(n: i32) { }", "1:1", "must be 'spawned'"),
        Arguments.of(
            "bad array length", "shared a: [i32; 0] = 0\nthread t { }", "1:17", "array length"),
        Arguments.of("else without if", "thread t { else { } }", "1:12", "'else' without an 'if'"),
        Arguments.of("bad escape", "thread t { let c = '\\q' }", "1:21", "unknown escape"),
        Arguments.of("empty char", "thread t { let c = '' }", "1:20", "one character"),
        Arguments.of(
            "ordering outside a call",
            "thread t { let o = acquire }",
            "1:20",
            "can only be an argument"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void syntaxErrorNamesItsPositionAndWhatWasWrong(
      String kind, String source, String position, String fragment) {
    ScenarioException e =
        assertThrows(ScenarioException.class, () -> Parser.parse("bad.race", source));
    assertTrue(
        e.getMessage().startsWith("bad.race:" + position + ": "),
        () -> kind + ": expected position " + position + " in: " + e.getMessage());
    assertTrue(
        e.getMessage().contains(fragment),
        () -> kind + ": expected '" + fragment + "' in: " + e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), "one line");
  }

  @Test
  void veryDeepNestingIsRefusedWithAMessageNotAStackOverflow() {
    String deep = "thread t { let x = " + "(".repeat(100_000) + "1" + ")".repeat(100_000) + " }";
    ScenarioException e = assertThrows(ScenarioException.class, () -> Parser.parse("d.race", deep));
    assertTrue(e.getMessage().contains("nesting is deeper than"), e.getMessage());
  }

  @Test
  void deeplyNestedBlocksAreRefusedToo() {
    String deep = "thread t " + "{ ".repeat(50_000) + "}".repeat(50_000);
    ScenarioException e = assertThrows(ScenarioException.class, () -> Parser.parse("d.race", deep));
    assertTrue(e.getMessage().contains("nesting is deeper than"), e.getMessage());
  }

  @Test
  void longUnaryChainsAreRefusedToo() {
    String deep = "thread t { let b = " + "!".repeat(100_000) + "true }";
    ScenarioException e = assertThrows(ScenarioException.class, () -> Parser.parse("d.race", deep));
    assertTrue(e.getMessage().contains("nesting is deeper than"), e.getMessage());
  }

  @Test
  void longOperatorChainsAreRefusedToo() {
    String chain = "thread t { let x = 1" + " + 1".repeat(100_000) + " }";
    ScenarioException e =
        assertThrows(ScenarioException.class, () -> Parser.parse("d.race", chain));
    assertTrue(e.getMessage().contains("nesting is deeper than"), e.getMessage());
  }

  @Test
  void aLongFlatFileParsesQuickly() throws ScenarioException {
    String body = "    x = x + 1\n".repeat(20_000);
    Scenario s = Parser.parse("flat.race", "shared x: i64 = 0\nthread t {\n" + body + "}\n");
    assertEquals(20_000, s.threads().get(0).body().body().size());
  }

  @Test
  void nestingWithinTheLimitParses() throws ScenarioException {
    String ok = "thread t { let x = " + "(".repeat(150) + "1" + ")".repeat(150) + " }";
    Parser.parse("ok.race", ok);
  }

  @Test
  void expectationsKeepTheirSourceText() throws ScenarioException {
    Scenario s =
        Parser.parse(
            "e.race",
            "shared x: i32 = 0\nthread t { }\nexpect final x == 0   # comment\nexpect ub use-after-free");
    assertEquals("final x == 0", s.expectations().get(0).text());
    assertEquals("use-after-free", s.expectations().get(1).subject());
  }

  @Test
  void aByteOrderMarkAndCrlfLineEndingsAreAccepted() throws ScenarioException {
    Scenario s = Parser.parse("w.race", "\uFEFFshared x: i32 = 0\r\nthread t {\r\n x = 1\r\n}\r\n");
    assertEquals(1, s.threads().size());
  }
}
