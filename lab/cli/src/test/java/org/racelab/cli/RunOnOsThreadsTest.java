package org.racelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code racelab run --threads os}: real executions, said to be not reproducible. */
class RunOnOsThreadsTest {

  @TempDir Path dir;

  /** What one run printed and returned. */
  record Run(int exit, String out, String err) {}

  /** Runs the command line, capturing System.out (where run prints) and picocli's streams. */
  static Run run(String... args) {
    PrintStream savedOut = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    StringWriter out = new StringWriter();
    try {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      CommandLine cl = Main.commandLine();
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
      int exit = cl.execute(args);
      return new Run(exit, bytes.toString(StandardCharsets.UTF_8) + out, err.toString());
    } finally {
      System.setOut(savedOut);
    }
  }

  private Path counter() throws IOException {
    Path file = dir.resolve("counter.race");
    Files.writeString(
        file,
        """
        scenario "counter"
        about "Two workers, no lock."
        shared counter: i64 = 0
        thread worker[2] {
            repeat 50 {
                let v = counter
                yield
                counter = v + 1
            }
        }
        expect race counter
        """);
    return file;
  }

  @Test
  void aRunOnOsThreadsSaysItIsNotReproducibleAndPrintsNoReplay() throws IOException {
    Run r = run("run", counter().toString(), "--threads", "os", "--schedules", "5", "--no-report");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("5 runs on OS threads (5 racy, not reproducible)"), r.out());
    assertTrue(r.out().contains("not reproducible: real OS threads chose the interleaving"));
    assertFalse(r.out().contains("· replay"), "no replay string: " + r.out());
    assertFalse(r.out().contains("--replay"), r.out());
    assertTrue(r.out().contains("RACE:"), r.out());
  }

  @Test
  void theJsonScheduleKindIsOsWithAnEmptyReplay() throws IOException {
    Run r = run("run", counter().toString(), "--threads", "os", "--json", "-", "--no-report");
    assertEquals(0, r.exit(), r.err());
    String json = r.out();
    assertTrue(json.matches("(?s).*\"kind\" ?: ?\"os\".*"), json);
    assertTrue(json.matches("(?s).*\"replay\" ?: ?\"\".*"), json);
    assertTrue(json.contains("os.blockingWaits"), json);
  }

  @Test
  void replayingOrRoundRobinWithOsThreadsIsRefusedWithExitCode2() throws IOException {
    String file = counter().toString();
    Run replay = run("run", file, "--threads", "os", "--replay", "ab");
    assertEquals(2, replay.exit());
    assertEquals(
        "--replay replays a simulated schedule; a run on OS threads cannot be replayed (drop"
            + " --threads os)",
        replay.err().strip());
    Run rr = run("run", file, "--threads", "os", "--scheduler", "round-robin");
    assertEquals(2, rr.exit());
    assertTrue(rr.err().startsWith("--scheduler chooses among simulated threads"), rr.err());
    Run bad = run("run", file, "--threads", "green");
    assertEquals(2, bad.exit());
    assertEquals("unknown --threads 'green' (sim or os)", bad.err().strip());
  }

  @Test
  void anHtmlReportOfAnOsRunSaysThereIsNoReplay() throws IOException {
    Path reports = dir.resolve("reports");
    Run r =
        run(
            "run",
            counter().toString(),
            "--threads",
            "os",
            "--schedules",
            "3",
            "--report",
            reports.toString());
    assertEquals(0, r.exit(), r.err());
    String html = Files.readString(reports.resolve("counter.html"));
    assertTrue(html.contains("Not reproducible"), html);
    assertFalse(html.contains("--replay"), html);
    assertTrue(html.contains("runs on OS threads (not reproducible)"), "the header says so");
    assertTrue(
        html.contains("runs on real OS threads, whose interleavings the JVM and the operating"),
        "the coverage of the Schedules section says so");
    assertTrue(html.contains("<td class=\"mono\">not reproducible</td>"), "no first schedule");
  }
}
