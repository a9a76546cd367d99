package org.racelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.racelab.testing.Golden;
import org.racelab.testing.Scenarios;

class RunCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private String catalogue(String name) {
    return Scenarios.catalogue().resolve(name).toString();
  }

  private Path scenario(String name, String text) throws Exception {
    Path p = tmp.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void exitCodeIsZeroWhenEveryExpectationHolds() {
    Cli.Result r = Cli.run("run", "--no-report", catalogue("atomics/message-passing-relaxed.race"));
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("RACE: 1 racing pair on 1 location"), r.out());
    assertTrue(r.out().contains("replay "), r.out());
  }

  @Test
  void exitCodeIsOneWhenAnExpectationFails() throws Exception {
    Path p =
        scenario(
            "f.race", "shared x: i32 = 0\nthread a { x = 1 }\nthread b { x = 2 }\nexpect clean\n");
    Cli.Result r = Cli.run("run", "--no-report", p.toString());
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("FAILED  expect clean"), r.out());
  }

  @Test
  void aSyntaxErrorIsOneLineWithFileLineColumnAndExitTwo() throws Exception {
    Path p = scenario("bad.race", "thread t {\n  x = = 1\n}\n");
    Cli.Result r = Cli.run("run", "--no-report", p.toString());
    assertEquals(2, r.exit());
    assertEquals(p + ":2:7: expected an expression, found '='", r.err().strip());
    assertEquals("", r.out());
  }

  @Test
  void aMissingFileIsOneLineAndExitTwo() {
    Cli.Result r = Cli.run("run", tmp.resolve("nope.race").toString());
    assertEquals(2, r.exit());
    assertEquals(tmp.resolve("nope.race") + ": no such file", r.err().strip());
  }

  @Test
  void badUsageIsExitTwoWithAHint() {
    Cli.Result r = Cli.run("run", "--schedules", "many", catalogue("basics/concurrent-reads.race"));
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("Try 'racelab run --help'"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void aReplayThatDoesNotFitIsExitTwo() {
    Cli.Result r =
        Cli.run("run", "--no-report", "--replay", "zz", catalogue("basics/concurrent-reads.race"));
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("replay diverges at step 0"), r.err());
  }

  @Test
  void theReportIsWrittenWhereAsked() throws Exception {
    Cli.Result r =
        Cli.run("run", "--report", tmp.toString(), catalogue("basics/lock-on-one-side.race"));
    assertEquals(0, r.exit(), r.err());
    Path report = tmp.resolve("lock-on-one-side.html");
    assertTrue(Files.size(report) > 1000);
    try (var files = Files.list(tmp)) {
      assertEquals(List.of(report), files.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void jsonOnStandardOutputHasDesignsFieldNamesAndTheSummaryGoesToStandardError() throws Exception {
    Cli.Result r =
        Cli.run(
            "run", "--no-report", "--json", "-", catalogue("atomics/message-passing-relaxed.race"));
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("RACE"), "summary on stderr");
    JsonNode run = JSON.readTree(r.out());
    for (String field :
        List.of(
            "scenario",
            "strategy",
            "detector",
            "schedule",
            "races",
            "ub",
            "leaks",
            "deadlock",
            "panics",
            "accesses",
            "ledger",
            "expectations",
            "final",
            "schedules")) {
      assertTrue(run.has(field), "missing " + field);
    }
    for (String field : List.of("kind", "seed", "replay")) {
      assertTrue(run.get("schedule").has(field), "schedule." + field);
    }
    JsonNode race = run.get("races").get(0);
    for (String field : List.of("location", "kind", "first", "second")) {
      assertTrue(race.has(field), "races[]." + field);
    }
    for (String field : List.of("thread", "line", "op", "clock")) {
      assertTrue(race.get("first").has(field), "access." + field);
    }
    for (String field : List.of("total", "synchronised", "racing", "byLocation")) {
      assertTrue(run.get("accesses").has(field), "accesses." + field);
    }
    assertEquals(
        "racing",
        run.get("ledger").get(run.get("ledger").size() - 1).get("classification").asText());
    for (String field : List.of("explored", "racy", "complete")) {
      assertTrue(run.get("schedules").has(field), "schedules." + field);
    }
    JsonNode ub = run.get("ub").get(0);
    for (String field : List.of("kind", "thread", "line", "location", "message")) {
      assertTrue(ub.has(field), "ub[]." + field);
    }
    assertEquals("data-race", ub.get("kind").asText());
    assertEquals("42", run.get("final").get("data").asText());
    assertEquals("true", run.get("final").get("ready").asText());
  }

  @Test
  void severalFilesGiveAJsonArray() throws Exception {
    Cli.Result r =
        Cli.run(
            "run",
            "--no-report",
            "--quiet",
            "--json",
            "-",
            catalogue("basics/concurrent-reads.race"),
            catalogue("basics/locked-counter.race"));
    assertEquals(0, r.exit(), r.err());
    JsonNode all = JSON.readTree(r.out());
    assertTrue(all.isArray());
    assertEquals(2, all.size());
  }

  @Test
  void theJsonOfACatalogueRunMatchesTheGoldenFile() throws Exception {
    Cli.Result r =
        Cli.run(
            "run", "--no-report", "--json", "-", catalogue("atomics/message-passing-relaxed.race"));
    assertEquals(0, r.exit(), r.err());
    // the catalogue's absolute path depends on the checkout (main or a worktree)
    String actual =
        r.out()
            .replaceAll("\"wallMillis\" : \\d+", "\"wallMillis\" : 0")
            .replace(Scenarios.catalogue().toString(), "races");
    Golden.check("golden/message-passing-relaxed.json", actual);
  }
}
