package org.racelab.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.racelab.testing.HappensBeforeOracle;
import org.racelab.testing.HappensBeforeOracle.Verdict;
import org.racelab.testing.RandomTraces;
import org.racelab.testing.TestTrace;
import org.racelab.trace.StdTraceReader;
import org.racelab.trace.TraceSummary;

class TraceAnalysisTest {

  /**
   * {@code traces/gen-50k.std.gz} was made by {@code gen_std_trace.py -n 50000 -t 6 -l 8 -v 512
   * --racy-vars 16 --p-racy 0.2 --seed 11 --p-txn 0.05}; {@code gen-50k.check.json} is its {@code
   * --check} output.
   */
  @Test
  void happensBeforeCountsEqualTheIndependentCheckerOnACommittedTrace() throws Exception {
    String check = resource("traces/gen-50k.check.json");
    List<AnalysisResult> results;
    try (InputStream in = stream("traces/gen-50k.std.gz")) {
      results = analyse(in, List.of("djit", "fasttrack"));
    }
    for (AnalysisResult r : results) {
      assertEquals(number(check, "events"), r.events(), r.detector());
      assertEquals(number(check, "threads"), r.threads(), r.detector());
      assertEquals(number(check, "hb_racy_events"), r.racyEvents(), r.detector());
      assertEquals(number(check, "hb_racy_locations"), r.racyLines(), r.detector());
      assertEquals(TraceAnalysis.MAX_RACES, r.races().size());
    }
  }

  /** Runs only where python3 and {@code ../shared/tools/gen_std_trace.py} are available. */
  @Test
  void happensBeforeCountsEqualTheCheckerOnAFreshlyGeneratedTrace(@TempDir Path dir)
      throws Exception {
    Path generator = findGenerator();
    assumeTrue(generator != null, "gen_std_trace.py not found beside the repository");
    Path trace = dir.resolve("fresh.std");
    String gen =
        run(
            dir,
            "python3",
            generator.toString(),
            "-n",
            "60000",
            "-t",
            "5",
            "-l",
            "4",
            "-v",
            "64",
            "--racy-vars",
            "8",
            "--p-racy",
            "0.1",
            "--seed",
            "2024",
            "-o",
            trace.toString());
    assumeTrue(gen != null, "python3 could not run the generator");
    String check = run(dir, "python3", generator.toString(), "--check", trace.toString());
    assumeTrue(check != null, "python3 could not run the checker");
    List<AnalysisResult> results;
    try (InputStream in = Files.newInputStream(trace)) {
      results = analyse(in, List.of("djit", "fasttrack"));
    }
    for (AnalysisResult r : results) {
      assertEquals(number(check, "hb_racy_events"), r.racyEvents(), r.detector());
      assertEquals(number(check, "hb_racy_locations"), r.racyLines(), r.detector());
    }
  }

  @Test
  void countsOnRandomTracesEqualTheOraclesThroughTheReader() throws Exception {
    for (long seed = 0; seed < 2000; seed++) {
      TestTrace trace = RandomTraces.generate(seed);
      List<Verdict> verdicts = HappensBeforeOracle.verdicts(trace);
      long racy = 0;
      Set<Integer> sites = new HashSet<>();
      Set<Integer> vars = new HashSet<>();
      for (Verdict v : verdicts) {
        if (v.racy()) {
          racy++;
          TestTrace.Op op = trace.ops().get(v.index());
          sites.add(op.site());
          vars.add(op.target());
        }
      }
      byte[] text = trace.render().getBytes(StandardCharsets.UTF_8);
      for (AnalysisResult r :
          analyse(new ByteArrayInputStream(text), List.of("djit", "fasttrack"))) {
        String where = r.detector() + " on seed " + seed + "\n" + trace.render();
        assertEquals(racy, r.racyEvents(), where);
        assertEquals(sites.size(), r.racyLines(), where);
        assertEquals(vars.size(), r.racyVariables(), where);
        assertEquals(trace.ops().size(), r.events(), where);
      }
    }
  }

  @Test
  void aSendOrdersTheSendersPastBeforeTheReceiversFutureAndNothingElse() throws Exception {
    String text =
        "# racelab-trace 1\n"
            + "T0|w(x)|1\n"
            + "T0|send(M)|2\n"
            + "T0|w(y)|3\n"
            + "T1|recv(M)|4\n"
            + "T1|r(x)|5\n"
            + "T1|r(y)|6\n";
    for (AnalysisResult r :
        analyse(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            List.of("djit", "fasttrack"))) {
      assertEquals(1, r.racyEvents(), r.detector() + ": only y, written after the send, races");
      assertEquals(6, r.events(), r.detector());
      assertEquals(1, r.syncObjects(), r.detector());
      assertEquals(0, r.locks(), r.detector());
      assertEquals("y", r.races().get(0).variable());
    }
  }

  @Test
  void racesNameBothSidesAndStopAtTheLimit() throws Exception {
    StringBuilder sb = new StringBuilder("T0|fork(T1)|1\nT0|w(x)|2\n");
    for (int i = 0; i < 150; i++) {
      sb.append("T1|w(x)|").append(10 + i).append('\n');
    }
    List<AnalysisResult> results =
        analyse(
            new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8)),
            List.of("djit", "lockset"));
    AnalysisResult djit = results.get(0);
    assertEquals(150, djit.racyEvents());
    assertEquals(150, djit.racyLines());
    assertEquals(1, djit.racyVariables());
    assertEquals(100, djit.races().size());
    AnalysisResult.Race first = djit.races().get(0);
    assertEquals("x", first.variable());
    assertEquals(new AnalysisResult.Access("T0", "write", 2, 2), first.first());
    assertEquals(new AnalysisResult.Access("T1", "write", 10, 1), first.second());
    assertEquals(2, djit.threads());
    assertEquals(0, djit.locks());
    AnalysisResult lockset = results.get(1);
    assertEquals("lockset", lockset.detector());
    assertEquals(1, lockset.racyEvents());
    assertEquals(1, lockset.races().size());
  }

  private static List<AnalysisResult> analyse(InputStream in, List<String> detectors)
      throws Exception {
    TraceAnalysis analysis = new TraceAnalysis(detectors);
    TraceSummary summary = new StdTraceReader(null).read(in, "test", analysis);
    return analysis.results(summary, 0.0);
  }

  private static long number(String json, String field) {
    Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(json);
    if (!m.find()) {
      throw new AssertionError("no " + field + " in " + json);
    }
    return Long.parseLong(m.group(1));
  }

  private static InputStream stream(String name) {
    InputStream in = TraceAnalysisTest.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new AssertionError("missing test resource " + name);
    }
    return in;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = stream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static @Nullable Path findGenerator() {
    Path dir = Path.of("").toAbsolutePath();
    for (int up = 0; up < 5 && dir != null; up++) {
      Path candidate = dir.resolveSibling("shared").resolve("tools").resolve("gen_std_trace.py");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
      Path inside = dir.resolve("shared").resolve("tools").resolve("gen_std_trace.py");
      if (Files.isRegularFile(inside)) {
        return inside;
      }
      dir = dir.getParent();
    }
    return null;
  }

  /** Runs a command; its standard output, or null when it cannot run or fails. */
  private static @Nullable String run(Path dir, String... command) {
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return null;
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
