package org.racelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code racelab run} with {@code --explore}, {@code --scheduler pct} and their bounds. */
class RunScheduleOptionsTest {
  private static final String LOCK_ORDER =
      """
      scenario "lock order"
      shared data: i32 = 0
      shared published: bool = false
      shared seen: i32 = -1
      mutex m
      thread writer {
          lock m { published = true }
          data = 42
      }
      thread reader {
          let ready = false
          lock m { ready = published }
          if ready { seen = data }
      }
      expect race data
      expect final seen == -1
      """;

  @TempDir Path dir;

  record Result(int exit, String out, String err) {}

  private Result run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    StringWriter picoErr = new StringWriter();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      CommandLine cl = Main.commandLine();
      cl.setErr(new PrintWriter(picoErr, true));
      int exit = cl.execute(args);
      return new Result(
          exit,
          out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8) + picoErr);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private String scenario() throws Exception {
    Path f = dir.resolve("lock-order.race");
    Files.writeString(f, LOCK_ORDER);
    return f.toString();
  }

  @Test
  void exploreFindsTheLockOrderRaceAndPrintsTheWitnessCommand() throws Exception {
    String file = scenario();
    Result r = run("run", file, "--explore", "--no-report");
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("3 schedules (explored, 2 racy, complete)"), r.out());
    assertTrue(r.out().contains("FAILED  expect final seen == -1"), r.out());
    assertTrue(r.out().contains("first broken by --replay "), r.out());
    assertTrue(r.out().contains("reproduce the first race: racelab run " + file + " --replay "));
  }

  @Test
  void theReplayCommandRepeatsTheOptionsAReplayNeeds() throws Exception {
    String file = scenario();
    Result r =
        run("run", file, "--explore", "--spurious-wakeups", "--max-steps", "500", "--no-report");
    String line = r.out().lines().filter(l -> l.startsWith("reproduce")).findFirst().orElseThrow();
    assertTrue(line.contains(" --spurious-wakeups --max-steps 500 --replay "), line);
    String replay = line.substring(line.indexOf("--replay ") + "--replay ".length());
    Result again =
        run(
            "run",
            file,
            "--spurious-wakeups",
            "--max-steps",
            "500",
            "--replay",
            replay,
            "--no-report",
            "--quiet");
    assertTrue(again.out().startsWith("RACE"), again.out() + again.err());
  }

  @Test
  void exploreJsonSaysHowManySchedulesAndThatTheyAreComplete() throws Exception {
    Result r = run("run", scenario(), "--explore", "--no-report", "--json", "-");
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals("explore", json.get("schedule").get("kind").asText());
    JsonNode s = json.get("schedules");
    assertEquals(3, s.get("explored").asInt());
    assertEquals(2, s.get("racy").asInt());
    assertTrue(s.get("complete").asBoolean());
    assertEquals(0, s.get("cutBy").size());
    assertFalse(s.has("preemptionBound"));
    JsonNode race = json.get("races").get(0);
    assertFalse(race.get("firstReplay").asText().isEmpty());
    JsonNode fin = json.get("expectations").get(1);
    assertFalse(fin.get("held").asBoolean());
    assertFalse(fin.get("witness").asText().isEmpty());
    assertEquals(3, json.get("finalDistribution").size());
  }

  @Test
  void aReplayedWitnessReproducesTheFailure() throws Exception {
    String file = scenario();
    Result r = run("run", file, "--explore", "--no-report", "--json", "-");
    String witness =
        new ObjectMapper().readTree(r.out()).get("expectations").get(1).get("witness").asText();
    Result again = run("run", file, "--replay", witness, "--no-report", "--json", "-");
    assertEquals(1, again.exit());
    JsonNode json = new ObjectMapper().readTree(again.out());
    assertEquals("replay", json.get("schedule").get("kind").asText());
    assertEquals(witness, json.get("schedule").get("replay").asText());
  }

  @Test
  void aScheduleBoundMakesTheExplorationIncompleteAndSaysWhich() throws Exception {
    Result r =
        run(
            "run",
            scenario(),
            "--explore",
            "--max-schedules",
            "1",
            "--no-report",
            "--json",
            dir.resolve("out.json").toString());
    assertTrue(r.out().contains("INCOMPLETE: stopped at --max-schedules 1"), r.out());
    JsonNode s = new ObjectMapper().readTree(dir.resolve("out.json").toFile()).get("schedules");
    assertFalse(s.get("complete").asBoolean());
    assertEquals("max-schedules", s.get("cutBy").get(0).asText());
    assertEquals(1, s.get("maxSchedules").asInt());
  }

  @Test
  void aPreemptionBoundThatCutsSaysSo() throws Exception {
    Result r =
        run("run", scenario(), "--explore", "--preemption-bound", "0", "--no-report", "--quiet");
    Result full = run("run", scenario(), "--explore", "--no-report");
    Result json =
        run(
            "run",
            scenario(),
            "--explore",
            "--preemption-bound",
            "0",
            "--no-report",
            "--json",
            "-");
    JsonNode s = new ObjectMapper().readTree(json.out()).get("schedules");
    assertEquals(0, s.get("preemptionBound").asInt());
    assertTrue(full.out().contains("complete"), full.out());
    assertTrue(r.out().startsWith("RACE") || r.out().startsWith("CLEAN"), r.out());
  }

  @Test
  void pctRunsSeededSchedulesWithItsDepth() throws Exception {
    Result r =
        run(
            "run",
            scenario(),
            "--scheduler",
            "pct",
            "--pct-depth",
            "2",
            "--schedules",
            "20",
            "--no-report",
            "--json",
            "-");
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals("pct", json.get("schedule").get("kind").asText());
    assertEquals(20, json.get("schedules").get("explored").asInt());
    assertFalse(json.get("schedules").get("complete").asBoolean());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--explore --replay a|give only one",
        "--explore --schedules 5|use --max-schedules N",
        "--explore --scheduler pct|drop --scheduler pct",
        "--max-schedules 5|--max-schedules needs --explore",
        "--preemption-bound 2|--preemption-bound needs --explore",
        "--pct-depth 2|--pct-depth needs --scheduler pct",
        "--scheduler pct --pct-depth 0|--pct-depth must be between 1 and 100",
        "--explore --max-schedules 0|--max-schedules must be between 1 and 10000000",
        "--explore --preemption-bound -1|--preemption-bound must be between 0 and 1000",
        "--spin-bound 2|--spin-bound needs --explore or --scheduler pct",
        "--scheduler dpor|unknown scheduler 'dpor'"
      })
  void badScheduleOptionsGetOneClearMessageAndExitTwo(String options, String message)
      throws Exception {
    String[] extra = options.split(" ");
    String[] args = new String[extra.length + 3];
    args[0] = "run";
    args[1] = scenario();
    args[2] = "--no-report";
    System.arraycopy(extra, 0, args, 3, extra.length);
    Result r = run(args);
    assertEquals(2, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains(message), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  @Test
  void theExplorationProgressLineShowsDoneBoundRacyAndOpenBranches() {
    assertEquals(
        "exploring: 120 schedules (at most 10000), 7 racy, 300/s, 3 open branch points",
        ProgressBar.exploringLine(120, 10_000, 7, 3, 300.0));
  }

  @Test
  void progressIsNotDrawnWhenDisabled() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    bar.exploring(5, 100, 1, 2);
    bar.update(5, 100, 1);
    bar.finish();
    assertEquals(0, bytes.size());
  }

  @Test
  void helpExplainsTheScheduleOptionsWithExamples() {
    Result r = run("run", "--help");
    for (String s :
        new String[] {
          "--explore",
          "--max-schedules",
          "--preemption-bound",
          "--pct-depth",
          "--spin-bound",
          "racelab run counter.race --explore --max-schedules 500 --preemption-bound 2"
        }) {
      assertTrue(r.out().contains(s), s + " in\n" + r.out());
    }
  }
}
