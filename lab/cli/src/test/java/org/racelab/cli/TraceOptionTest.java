package org.racelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.racelab.testing.Scenarios;

/**
 * {@code run --trace FILE [--trace-format std|racelab]}: the exported run, analysed by {@code
 * analyze}, shows the run's races; bad usage is exit 2 with one line; the file is written
 * atomically.
 */
class TraceOptionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private static String catalogue(String name) {
    return Scenarios.catalogue().resolve(name).toString();
  }

  private static void assertOneCleanLine(Cli.Result r) {
    assertEquals(2, r.exit(), r.out() + r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  /**
   * Scenarios whose ledger entries are one cell each, so that racing entries and racy lines count
   * the same; STD only where the run has no atomic accesses, which STD leaves out.
   */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "basics/unsynchronised-counter.race, std",
    "basics/unsynchronised-counter.race, racelab",
    "basics/locked-counter.race, std",
    "sync/barrier-missing.race, std",
    "sync/channel-producer-consumer.race, std",
    "atomics/message-passing-relaxed.race, racelab",
    "atomics/mixed-atomic-and-plain.race, racelab",
    "atomics/release-sequence-broken.race, racelab"
  })
  void analyzingTheTraceFindsAsManyRacyAccessesAsTheRun(String scenario, String format)
      throws Exception {
    Path trace = tmp.resolve("run." + format);
    Path json = tmp.resolve("run.json");
    Cli.Result run =
        Cli.run(
            "run",
            "--no-report",
            "--schedules",
            "1",
            "--trace",
            trace.toString(),
            "--trace-format",
            format,
            "--json",
            json.toString(),
            catalogue(scenario));
    assertTrue(run.exit() <= 1, run.err());
    assertTrue(run.out().contains("trace " + trace + " (" + format + ", "), run.out());
    JsonNode result = JSON.readTree(json.toFile());

    Cli.Result analyze = Cli.run("analyze", trace.toString(), "--json", "-");
    assertEquals(0, analyze.exit(), analyze.err());
    JsonNode counts = JSON.readTree(analyze.out());
    assertEquals(result.get("accesses").get("racing").asLong(), counts.get("racyEvents").asLong());
    int racyLocations = 0;
    for (JsonNode location : result.get("accesses").get("byLocation")) {
      racyLocations += location.get("racing").asInt() > 0 ? 1 : 0;
    }
    assertEquals(racyLocations, counts.get("racyVariables").asInt());
  }

  @Test
  void theStdTraceOfARacyRunHasItsRacesForAnalyze() throws Exception {
    Path trace = tmp.resolve("counter.std");
    Cli.Result run =
        Cli.run(
            "run",
            "--no-report",
            "--trace",
            trace.toString(),
            catalogue("basics/unsynchronised-counter.race"));
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().contains("trace " + trace + " (std, 12 events)\n"), run.out());
    String text = Files.readString(trace);
    assertFalse(text.startsWith("#"), "STD is the default and has no header or comments");
    assertTrue(text.contains("|w(counter)|"), text);
    Cli.Result analyze = Cli.run("analyze", trace.toString());
    assertEquals(0, analyze.exit(), analyze.err());
    assertTrue(analyze.out().contains(" (std)"), analyze.out());
    assertTrue(
        analyze.out().contains("racy         9 events, 1 lines, 1 variables"), analyze.out());
  }

  @Test
  void theOwnFormatHasAtomicsEdgesAndTheScheduleToReplay() throws Exception {
    Path trace = tmp.resolve("mp.trace");
    Path json = tmp.resolve("mp.json");
    Cli.Result run =
        Cli.run(
            "run",
            "--no-report",
            "--schedules",
            "10",
            "--trace",
            trace.toString(),
            "--trace-format",
            "racelab",
            "--json",
            json.toString(),
            catalogue("atomics/message-passing-release-acquire.race"));
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().contains(" 1 edge without a lock)\n"), run.out());
    List<String> lines = Files.readAllLines(trace);
    assertEquals("# racelab-trace 1", lines.get(0));
    String replay = JSON.readTree(json.toFile()).get("schedule").get("replay").asText();
    assertTrue(lines.contains("# replay " + replay), "the representative run: " + lines);
    assertTrue(lines.stream().anyMatch(l -> l.contains("|aw(")), "atomic write lines");
    assertTrue(lines.stream().anyMatch(l -> l.contains("|send(")), "a send edge");
    assertTrue(lines.stream().anyMatch(l -> l.contains("|recv(")), "a recv edge");
    Cli.Result analyze = Cli.run("analyze", trace.toString(), "--json", "-");
    assertEquals(0, analyze.exit(), analyze.err());
    JsonNode counts = JSON.readTree(analyze.out());
    assertEquals(0, counts.get("racyEvents").asInt(), "release/acquire orders data");
    assertTrue(counts.get("syncObjects").asInt() > 0, analyze.out());
  }

  @Test
  void aReplayedRunIsExportedAsTheSameTrace() throws Exception {
    Path first = tmp.resolve("first.std");
    Path again = tmp.resolve("again.std");
    String scenario = catalogue("sync/channel-producer-consumer.race");
    Path json = tmp.resolve("r.json");
    Cli.Result run =
        Cli.run(
            "run", "--no-report", "--trace", first.toString(), "--json", json.toString(), scenario);
    assertEquals(0, run.exit(), run.err());
    String replay = JSON.readTree(json.toFile()).get("schedule").get("replay").asText();
    Cli.Result replayed =
        Cli.run("run", "--no-report", "--replay", replay, "--trace", again.toString(), scenario);
    assertEquals(0, replayed.exit(), replayed.err());
    assertEquals(Files.readString(first), Files.readString(again));
  }

  @Test
  void aRunOnOsThreadsIsExportedTooAndSaysItHasNoReplay() throws Exception {
    Path trace = tmp.resolve("os.trace");
    Path json = tmp.resolve("os.json");
    Cli.Result run =
        Cli.run(
            "run",
            "--no-report",
            "--threads",
            "os",
            "--trace",
            trace.toString(),
            "--trace-format",
            "racelab",
            "--json",
            json.toString(),
            catalogue("basics/unsynchronised-counter.race"));
    assertTrue(run.exit() <= 1, run.err());
    List<String> lines = Files.readAllLines(trace);
    assertTrue(
        lines.contains(
            "# threads os: the operating system chose this interleaving; it has no replay"),
        lines.toString());
    Cli.Result analyze = Cli.run("analyze", trace.toString(), "--json", "-");
    assertEquals(0, analyze.exit(), analyze.err());
    assertEquals(
        JSON.readTree(json.toFile()).get("accesses").get("racing").asLong(),
        JSON.readTree(analyze.out()).get("racyEvents").asLong());
  }

  @Test
  void aBadTraceFormatIsExitTwoWithOneClearLine() {
    Cli.Result r =
        Cli.run(
            "run",
            "--no-report",
            "--trace",
            tmp.resolve("t").toString(),
            "--trace-format",
            "rapid",
            catalogue("basics/concurrent-reads.race"));
    assertOneCleanLine(r);
    assertEquals(
        "--trace-format: unknown trace format 'rapid' (expected std or racelab)", r.err().strip());
    assertEquals("", r.out());
    assertFalse(Files.exists(tmp.resolve("t")));
  }

  @Test
  void aTraceFormatWithoutTraceIsExitTwo() {
    Cli.Result r =
        Cli.run(
            "run",
            "--no-report",
            "--trace-format",
            "std",
            catalogue("basics/concurrent-reads.race"));
    assertOneCleanLine(r);
    assertEquals("--trace-format needs --trace FILE", r.err().strip());
  }

  @Test
  void traceWithTwoScenarioFilesIsExitTwo() {
    Cli.Result r =
        Cli.run(
            "run",
            "--no-report",
            "--trace",
            tmp.resolve("t.std").toString(),
            catalogue("basics/concurrent-reads.race"),
            catalogue("basics/locked-counter.race"));
    assertOneCleanLine(r);
    assertEquals("--trace writes one run; give exactly one FILE", r.err().strip());
    assertFalse(Files.exists(tmp.resolve("t.std")));
  }

  @Test
  void twoTraceFilesAreExitTwo() {
    Cli.Result r =
        Cli.run(
            "run",
            "--no-report",
            "--trace",
            tmp.resolve("a.std").toString(),
            "--trace",
            tmp.resolve("b.std").toString(),
            catalogue("basics/concurrent-reads.race"));
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("option '--trace' (FILE) should be specified only once"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertFalse(Files.exists(tmp.resolve("a.std")));
  }

  @Test
  void theTraceReplacesAnOldFileAtomicallyAndLeavesNoTemporaryFile() throws Exception {
    Path trace = tmp.resolve("counter.std");
    Files.writeString(trace, "old contents\n");
    Cli.Result r =
        Cli.run(
            "run",
            "--no-report",
            "--trace",
            trace.toString(),
            catalogue("basics/unsynchronised-counter.race"));
    assertEquals(0, r.exit(), r.err());
    String text = Files.readString(trace);
    assertFalse(text.contains("old contents"), text);
    assertTrue(text.endsWith("\n"), text);
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(List.of(trace), files.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void anUnwritableTraceIsExitTwoWithOneLine() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("taken"));
    Files.writeString(dir.resolve("inside"), "x");
    Cli.Result r =
        Cli.run(
            "run",
            "--no-report",
            "--trace",
            dir.toString(),
            catalogue("basics/unsynchronised-counter.race"));
    assertEquals(2, r.exit(), r.err());
    assertTrue(
        r.err().strip().lines().anyMatch(l -> l.startsWith(dir + ": cannot write")), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }
}
