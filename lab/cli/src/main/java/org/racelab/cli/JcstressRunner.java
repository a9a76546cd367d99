package org.racelab.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Runs one JCStress test of {@code lab/stress} in a child JVM and reads its results.
 *
 * <p>The jar is {@code jcstress.jar}, built by {@code ./mvnw package} into {@code
 * lab/stress/target/}. It is looked for, in order: where {@code --jcstress} says; next to the
 * racelab jar; in {@code lab/stress/target/} of the installation ({@code -Dracelab.home}, which the
 * launcher sets) and of the repository the racelab jar was built in; in {@code lab/stress/target/}
 * under the working directory.
 *
 * <p>The settings are the short ones that find the classic reorderings on two cores in well under a
 * minute (see TOOLCHAIN.md): one fork, no fork multiplier, one iteration of {@code time}
 * milliseconds, unified compilation, a 256 MB heap. The child runs in a temporary folder (JCStress
 * writes a results file into its working directory) with an English locale, and prints every test's
 * table ({@code -v}).
 */
final class JcstressRunner {

  /** What a run produced. */
  record Outcome(JcstressOutput.@Nullable Result result, String output, long wallMillis) {}

  private JcstressRunner() {}

  /** Finds the jar, or explains where it looked and how to build it. */
  static Path locate(@Nullable Path explicit) {
    if (explicit != null) {
      if (!Files.isRegularFile(explicit)) {
        throw new UserError(explicit + ": no such file (--jcstress names the JCStress jar)");
      }
      return explicit;
    }
    Set<Path> candidates = new LinkedHashSet<>();
    Path racelabJar = racelabJar();
    if (racelabJar != null) {
      Path dir = racelabJar.getParent();
      candidates.add(dir.resolve("jcstress.jar"));
      // the repository layout: lab/cli/target/racelab.jar next to lab/stress/target/jcstress.jar
      Path lab = dir.getParent() == null ? null : dir.getParent().getParent();
      if (lab != null) {
        candidates.add(lab.resolve("stress/target/jcstress.jar"));
      }
    }
    String home = System.getProperty("racelab.home");
    if (home != null) {
      candidates.add(Path.of(home, "lab", "stress", "target", "jcstress.jar"));
    }
    candidates.add(Path.of("lab", "stress", "target", "jcstress.jar"));
    for (Path p : candidates) {
      if (Files.isRegularFile(p)) {
        return p.normalize();
      }
    }
    List<String> looked = new ArrayList<>();
    for (Path p : candidates) {
      looked.add(p.normalize().toString());
    }
    throw new UserError(
        "cannot find the JCStress jar (looked at "
            + String.join(", ", looked)
            + "); build it with './mvnw -B -q -DskipTests -pl lab/stress -am package', or name it"
            + " with --jcstress FILE");
  }

  private static @Nullable Path racelabJar() {
    try {
      Path p =
          Path.of(JcstressRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(p) ? p.toAbsolutePath() : null;
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  /** The command line that runs one test. */
  static List<String> command(Path jar, String test, int millis, int iterations, Path results) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Duser.language=en");
    cmd.add("-Duser.country=US");
    cmd.add("-jar");
    cmd.add(jar.toAbsolutePath().toString());
    cmd.add("-t");
    cmd.add("^" + Pattern.quote(test) + "$");
    cmd.add("-v");
    cmd.addAll(List.of("-f", "1", "-fsm", "0", "-sc", "false"));
    cmd.addAll(List.of("-iters", Integer.toString(iterations)));
    cmd.addAll(List.of("-time", Integer.toString(millis)));
    cmd.addAll(List.of("-jvmArgs", "-Xmx256m"));
    cmd.addAll(List.of("-r", results.toAbsolutePath().toString()));
    return cmd;
  }

  /**
   * Runs one test and parses its results.
   *
   * @param jar the JCStress jar
   * @param test the test class
   * @param millis the time of one iteration
   * @param iterations how many iterations
   * @param results where JCStress writes its HTML report, or null for a temporary folder
   * @param timeoutMinutes when to give up
   */
  static Outcome run(
      Path jar,
      String test,
      int millis,
      int iterations,
      @Nullable Path results,
      long timeoutMinutes) {
    Path work;
    try {
      work = Files.createTempDirectory("racelab-jcstress");
    } catch (IOException e) {
      throw new UserError("cannot create a temporary folder for JCStress: " + e.getMessage());
    }
    Path log = work.resolve("jcstress.out");
    Path report = results != null ? results : work.resolve("results");
    long t0 = System.nanoTime();
    try {
      Process p =
          new ProcessBuilder(command(jar, test, millis, iterations, report))
              .directory(work.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new UserError(
            String.format(
                Locale.ROOT,
                "JCStress did not finish within %d minutes; its output so far: %s",
                timeoutMinutes,
                log));
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      if (p.exitValue() != 0) {
        throw new UserError(
            String.format(
                Locale.ROOT,
                "JCStress failed (exit code %d); its output: %s%n%s",
                p.exitValue(),
                log,
                tail(output, 15)));
      }
      JcstressOutput.Result r = JcstressOutput.parse(output).get(test);
      deleteQuietly(work);
      return new Outcome(r, output, wall);
    } catch (IOException e) {
      throw new UserError("cannot run JCStress (" + jar + "): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while JCStress was running");
    }
  }

  private static String tail(String text, int lines) {
    List<String> all = text.lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  private static void deleteQuietly(Path dir) {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a leftover temporary folder is harmless
    }
  }
}
