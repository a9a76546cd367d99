package org.racelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.racelab.testing.Scenarios;

/**
 * {@code racelab litmus}, end to end, with a stand-in JCStress jar ({@link FakeJcstress}) that
 * replays recorded output: the RaceLab side is really simulated, the JVM side is parsed from what
 * JCStress printed on a real run.
 */
class LitmusCommandTest {

  @TempDir Path dir;

  private Path fakeJar(String recording) throws IOException, URISyntaxException {
    Path jar = dir.resolve("fake-jcstress.jar");
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeJcstress.class.getName());
    Path classes =
        Path.of(FakeJcstress.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (OutputStream os = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(os, m)) {
      String cls = FakeJcstress.class.getName().replace('.', '/') + ".class";
      out.putNextEntry(new JarEntry(cls));
      out.write(Files.readAllBytes(classes.resolve(cls)));
      out.closeEntry();
      out.putNextEntry(new JarEntry("fake/output"));
      out.write(recording.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  private static RunOnOsThreadsTest.Run litmus(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "litmus";
    System.arraycopy(args, 0, all, 1, args.length);
    String home = System.getProperty("racelab.home");
    System.setProperty("racelab.home", Scenarios.catalogue().getParent().toString());
    try {
      return RunOnOsThreadsTest.run(all);
    } finally {
      if (home == null) {
        System.clearProperty("racelab.home");
      } else {
        System.setProperty("racelab.home", home);
      }
    }
  }

  @Test
  void listNamesEveryLitmusTestWithItsJcstressTestAndScenario() {
    RunOnOsThreadsTest.Run r = litmus("--list");
    assertEquals(0, r.exit(), r.err());
    for (LitmusTests.Entry e : LitmusTests.ALL) {
      assertTrue(r.out().contains(e.name() + " "), e.name());
      assertTrue(r.out().contains("races/" + e.scenario()), e.scenario());
    }
  }

  @Test
  void everyLitmusTestHasItsScenarioAndJcstressTestInTheRepository() throws IOException {
    Path root = Scenarios.catalogue().getParent();
    for (LitmusTests.Entry e : LitmusTests.ALL) {
      Path scenario = root.resolve("races").resolve(e.scenario());
      assertTrue(Files.isRegularFile(scenario), scenario.toString());
      assertTrue(
          Files.readString(scenario).contains("\"" + e.assertMessage() + "\""),
          e.scenario() + " must assert with the message the command counts");
      Path source =
          root.resolve("lab/stress/src/main/java")
              .resolve(e.jcstressTest().replace('.', '/') + ".java");
      assertTrue(Files.isRegularFile(source), source.toString());
      String java = Files.readString(source);
      for (String outcome : e.keyOutcomes()) {
        assertTrue(java.contains("\"" + outcome + "\""), e.jcstressTest() + " lacks " + outcome);
      }
    }
  }

  @Test
  void aPlainStoreBufferingRunShowsTheRaceNextToTheObservedReordering() throws Exception {
    Path jar = fakeJar(JcstressOutputTest.recorded("litmus-all.out"));
    RunOnOsThreadsTest.Run r = litmus("store-buffering", "--jcstress", jar.toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("RaceLab's prediction (50 simulated schedules"), r.out());
    assertTrue(r.out().contains("This JVM (JCStress OK, 92,008 runs"), r.out());
    assertTrue(r.out().contains("← (0, 0)"), r.out());
    String summary = r.out().strip().lines().reduce((a, b) -> b).orElseThrow();
    assertEquals(
        "RaceLab: racing (read of `x` by right at line 26 and write of `x` by left at line 20),"
            + " (0, 0) in none of 50 schedules · this JVM: (0, 0) in 0.3% of 92k runs",
        summary);
  }

  @Test
  void relaxedStoreBufferingIsPredictedWithoutARaceAndCounted() throws Exception {
    Path jar = fakeJar(JcstressOutputTest.recorded("litmus-all.out"));
    RunOnOsThreadsTest.Run r = litmus("store-buffering-opaque", "--jcstress", jar.toString(), "-q");
    assertEquals(0, r.exit(), r.out() + r.err());
    String summary = r.out().strip();
    assertTrue(
        summary.matches(
            "RaceLab: no race, \\(0, 0\\) in [1-9][0-9]* of 200 schedules · this JVM: \\(0, 0\\)"
                + " in 3\\.9% of 423k runs"),
        summary);
  }

  @Test
  void aForbiddenOutcomeThatNeverShowedIsSaidToBeForbidden() throws Exception {
    Path jar = fakeJar(JcstressOutputTest.recorded("litmus-all.out"));
    Path results = dir.resolve("html");
    RunOnOsThreadsTest.Run r =
        litmus(
            "message-passing-volatile",
            "--jcstress",
            jar.toString(),
            "--results",
            results.toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().strip().endsWith("(1, 0) in none of 92k runs (forbidden)"), r.out());
    assertTrue(
        r.out()
            .startsWith(
                "RaceLab: no race, (1, 0) in none of 50 schedules",
                r.out().strip().lastIndexOf('\n') + 1),
        r.out());
    assertTrue(Files.isRegularFile(results.resolve("index.html")), "--results keeps the report");
  }

  @Test
  void aForbiddenOutcomeSeenByJcstressFailsTheCommandWithExitCode1() throws Exception {
    String failed =
        """
        RUN RESULTS:
        .......... [FAILED] org.racelab.stress.litmus.StoreBufferingVolatile

          Results across all configurations:

          RESULT  SAMPLES     FREQ      EXPECT  DESCRIPTION
            0, 0        7   <0.01%   Forbidden  Both loads passed the other store: forbidden for volatile.
            0, 1  345,394   79.05%  Acceptable  Sequentially consistent.

        """;
    RunOnOsThreadsTest.Run r =
        litmus("store-buffering-volatile", "--jcstress", fakeJar(failed).toString(), "-q");
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("(FORBIDDEN, yet seen)"), r.out());
  }

  @Test
  void badInputGetsOneLineAndExitCode2() {
    RunOnOsThreadsTest.Run unknown = litmus("store-buffer");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().startsWith("no litmus test named 'store-buffer' (litmus tests: "));
    assertEquals(1, unknown.err().strip().lines().count());
    RunOnOsThreadsTest.Run none = litmus();
    assertEquals(2, none.exit());
    assertTrue(none.err().startsWith("name a litmus test"), none.err());
    RunOnOsThreadsTest.Run jar =
        litmus("racy-counter", "--jcstress", dir.resolve("no.jar").toString());
    assertEquals(2, jar.exit());
    assertTrue(jar.err().contains("no such file"), jar.err());
    RunOnOsThreadsTest.Run time = litmus("racy-counter", "--time", "0");
    assertEquals(2, time.exit());
  }

  @Test
  void aMissingJarIsExplainedWithTheBuildCommand() {
    String saved = System.getProperty("racelab.home");
    System.setProperty("racelab.home", dir.toString());
    try {
      UserError e = assertThrows(UserError.class, () -> JcstressRunner.locate(null));
      assertTrue(
          e.getMessage().startsWith("cannot find the JCStress jar (looked at "), e.getMessage());
      assertTrue(e.getMessage().contains(dir.resolve("lab/stress/target/jcstress.jar").toString()));
      assertTrue(e.getMessage().contains("./mvnw -B -q -DskipTests -pl lab/stress -am package"));
    } finally {
      if (saved == null) {
        System.clearProperty("racelab.home");
      } else {
        System.setProperty("racelab.home", saved);
      }
    }
  }

  @Test
  void theChildRunsOneTestWithTheShortSettings() {
    var cmd =
        JcstressRunner.command(
            Path.of("j.jar"), "org.racelab.stress.litmus.RacyCounter", 500, 1, Path.of("r"));
    String line = String.join(" ", cmd);
    assertTrue(line.contains("-jar"), line);
    assertTrue(
        line.contains(
            "-t ^\\Qorg.racelab.stress.litmus.RacyCounter\\E$ -v -f 1 -fsm 0 -sc false -iters 1"
                + " -time 500 -jvmArgs -Xmx256m"),
        line);
  }
}
