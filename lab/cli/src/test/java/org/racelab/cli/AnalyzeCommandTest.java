package org.racelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AnalyzeCommandTest {

  @TempDir Path dir;

  /** What one run printed and returned. */
  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Path small() throws IOException {
    Path file = dir.resolve("small.std");
    try (InputStream in = getClass().getResourceAsStream("/analyze/small.std")) {
      Files.write(file, in.readAllBytes());
    }
    return file;
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = AnalyzeCommandTest.class.getResourceAsStream("/analyze/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String withoutTime(String json) {
    return json.replaceAll("\"seconds\" : [0-9.Ee-]+", "\"seconds\" : 0.0");
  }

  @Test
  void printsAShortAlignedSummaryAndExitsZero() throws IOException {
    Run r = run("analyze", small().toString(), "--detector", "djit");
    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals("trace        " + dir.resolve("small.std") + " (std)", lines.get(0));
    assertTrue(lines.get(1).startsWith("events       12 in "), lines.get(1));
    assertEquals("names        2 threads, 2 variables, 1 locks", lines.get(2));
    assertEquals("detector     djit", lines.get(4));
    assertEquals("racy         1 events, 1 lines, 1 variables", lines.get(5));
    assertEquals("for example  y: T0 write at 12, then T1 read at 22", lines.get(6));
  }

  @Test
  void jsonHasTheDocumentedFieldNames() throws IOException {
    Run r = run("analyze", small().toString(), "--detector", "fasttrack", "--json", "-");
    assertEquals(0, r.exit(), r.err());
    assertEquals(golden("small.fasttrack.json"), withoutTime(r.out()));
  }

  @Test
  void allDetectorsGiveAJsonArrayInAFileWrittenAtomically() throws IOException {
    Path json = dir.resolve("out.json");
    Files.writeString(json, "old");
    Run r = run("analyze", small().toString(), "--detector", "all", "--json", json.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("detector     lockset"), r.out());
    assertEquals(golden("small.all.json"), withoutTime(Files.readString(json)));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(2, files.count(), "no temporary file is left behind");
    }
  }

  @Test
  void quietPrintsNothing() throws IOException {
    Run r = run("analyze", small().toString(), "--quiet");
    assertEquals(0, r.exit());
    assertEquals("", r.out());
    assertEquals("", r.err());
  }

  @Test
  void aCorruptTraceGivesOneLineWithFileLineAndColumnAndExitTwo() throws IOException {
    Path bad = dir.resolve("bad.std");
    Files.writeString(bad, "T0|w(x)|1\nT0|wr(x)|2\n");
    Run r = run("analyze", bad.toString());
    assertEquals(2, r.exit());
    assertEquals("", r.out());
    assertEquals(bad + ":2:4: unknown operation 'wr'\n", r.err());
  }

  @Test
  void aLockDisciplineViolationIsACorruptTrace() throws IOException {
    Path bad = dir.resolve("locks.std");
    Files.writeString(bad, "T0|acq(L)|1\nT1|acq(L)|2\n");
    Run r = run("analyze", bad.toString());
    assertEquals(2, r.exit());
    assertEquals(bad + ":2:4: acq(L) while thread T0 holds it (since line 1)\n", r.err());
  }

  @Test
  void aMissingFileGivesOneLineAndExitTwo() {
    Path missing = dir.resolve("missing.std");
    Run r = run("analyze", missing.toString());
    assertEquals(2, r.exit());
    assertEquals(missing + ":1:1: cannot read the trace: no such file\n", r.err());
  }

  @Test
  void aDirectoryIsNotATrace() {
    Run r = run("analyze", dir.toString());
    assertEquals(2, r.exit());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith(dir + ":1:1: cannot read the trace: "), r.err());
  }

  @Test
  void badUsageExitsTwo() throws IOException {
    String trace = small().toString();
    assertEquals(2, run("analyze").exit());
    assertEquals(2, run("analyze", trace, "--detector", "tsan").exit());
    assertTrue(run("analyze", trace, "--detector", "tsan").err().contains("unknown detector"));
    assertEquals(2, run("analyze", trace, "--format", "csv").exit());
    assertEquals(2, run("analyze", trace, "--frobnicate").exit());
  }

  @Test
  void theFormatOptionOverridesTheHeader() throws IOException {
    Path own = dir.resolve("own.trace");
    Files.writeString(own, "T0|fork(T1)|1\nT0|aw(x)|2\nT1|w(x)|3\n");
    assertEquals(2, run("analyze", own.toString()).exit());
    Run r = run("analyze", own.toString(), "--format", "racelab", "--json", "-");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("\"racyEvents\" : 1"), r.out());
  }

  @Test
  void helpShowsExamples() {
    Run r = run("analyze", "--help");
    assertEquals(0, r.exit());
    assertTrue(r.out().contains("racelab analyze trace.std --detector djit --json result.json"));
  }
}
