package org.racelab.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.racelab.exec.Machine;
import org.racelab.experiment.Experiment;
import org.racelab.experiment.RunResult;
import org.racelab.scenario.Parser;
import org.racelab.scenario.Scenario;
import org.racelab.scenario.ScenarioException;

/** Test fixtures: parse and run scenarios from text or from the catalogue. */
public final class Scenarios {
  private Scenarios() {}

  /** The repository's {@code races/} folder, found from any module's working directory. */
  public static Path catalogue() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      if (Files.isDirectory(p.resolve("races")) && Files.isRegularFile(p.resolve("mvnw"))) {
        return p.resolve("races");
      }
      p = p.getParent();
    }
    throw new IllegalStateException(
        "cannot find the races/ catalogue above " + Path.of("").toAbsolutePath());
  }

  /** Every catalogue file, sorted. */
  public static List<Path> catalogueFiles() {
    try (Stream<Path> walk = Files.walk(catalogue())) {
      return walk.filter(p -> p.toString().endsWith(".race")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses scenario text (the file name is "test.race"). */
  public static Scenario parse(String source) {
    try {
      return Parser.parse("test.race", source);
    } catch (ScenarioException e) {
      throw new AssertionError("scenario does not parse: " + e.getMessage(), e);
    }
  }

  /** Parses and runs scenario text with the default experiment (one random schedule, seed 1). */
  public static RunResult run(String source) {
    return run(source, 1);
  }

  /** Parses and runs scenario text over {@code schedules} random schedules from seed 1. */
  public static RunResult run(String source, int schedules) {
    return run(source, schedules, Machine.Options.DEFAULT);
  }

  /**
   * Parses and runs scenario text over {@code schedules} random schedules from seed 1, with the
   * given machine options (for example spurious wake-ups).
   */
  public static RunResult run(String source, int schedules, Machine.Options options) {
    Scenario s = parse(source);
    Experiment e = Experiment.of(s);
    e = new Experiment(s, e.strategy(), e.detectors(), e.scheduler(), 1, schedules, null, options);
    try {
      return e.run(Experiment.Progress.NONE);
    } catch (ScenarioException ex) {
      throw new AssertionError("scenario does not compile: " + ex.getMessage(), ex);
    }
  }
}
