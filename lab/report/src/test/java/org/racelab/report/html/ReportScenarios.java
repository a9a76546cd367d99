package org.racelab.report.html;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.racelab.exec.Machine;
import org.racelab.experiment.Experiment;
import org.racelab.experiment.RunResult;
import org.racelab.scenario.Parser;
import org.racelab.scenario.Scenario;
import org.racelab.scenario.ScenarioException;
import org.racelab.testing.Scenarios;

/**
 * The fixed runs the report tests look at: catalogue scenarios and small UB scenarios, each with
 * seed 1 and the DJIT+ detector named explicitly, so the page model does not change when the
 * default detector does.
 */
final class ReportScenarios {
  private ReportScenarios() {}

  /** A vector push that moves the buffer under a pointer into it, then a read through it. */
  static final String VEC_PUSH =
      """
      scenario "A Vec push leaves a pointer dangling"
      about \"""
      `p` points at `v[0]`. The third push exceeds the capacity, so the Vec moves its buffer and
      frees the old one: `p` now dangles, and reading through it is a **use after free**.
      \"""

      thread main {
          let v: vec<i32> = vec i32 cap 2
          v.push(1)
          v.push(2)
          let p = &v[0]
          v.push(3)
          let x = *p
      }

      expect ub use-after-free
      """;

  /** A Box freed at its scope's end, read through a copied pointer; a raw allocation leaks. */
  static final String BOX_AFTER_FREE =
      """
      scenario "Use after free of a Box"
      about "The Box is dropped at the end of its scope; the pointer kept from it dangles."

      shared out: i32 = 0

      thread main {
          let q: ptr<i32> = null
          {
              let b = box i32 = 5
              q = &*b
          }
          local slot: i64 = 7
          let r = alloc [i64; 2]
          out = *q
      }

      expect ub use-after-free
      expect leak
      """;

  /**
   * Two threads taking two locks in opposite orders: most schedules deadlock; in the others t2's
   * unlocked read races with t1's write and its assert panics.
   */
  static final String DEADLOCK =
      """
      scenario "Two locks, opposite orders"
      about "Each thread holds one lock and waits for the other."

      mutex a
      mutex b
      shared x: i32 = 0

      thread t1 {
          lock a {
              yield
              lock b { x = 1 }
          }
      }

      thread t2 {
          lock b {
              yield
              lock a { x = 2 }
          }
          assert x == 5
      }

      expect deadlock
      """;

  /** Markup and script in every text a scenario controls: none of it may run or render. */
  static final String HOSTILE =
      """
      scenario "<img src=x onerror=\\"document.title='pwned';alert(1)\\">"
      about \"""
      <script>document.title = 'pwned'; alert(2)</script>
      A [link](javascript:alert(3)) and <b onmouseover="alert(4)">bold</b> and
      ![picture](https://example.invalid/x.png) and </section><h1 id="injected">injected</h1>
      \"""

      shared data: i32 = 0

      thread a {
          data = 1
      }

      thread b {
          data = 2
      }

      expect race data
      """;

  /** A catalogue file run as {@code racelab run FILE} runs it, with {@code schedules}. */
  static RunResult catalogue(String relative, int schedules) {
    return catalogue(relative, schedules, List.of("djit"));
  }

  /** A catalogue file run with {@code detectors}, the first classifying. */
  static RunResult catalogue(String relative, int schedules, List<String> detectors) {
    Path file = Scenarios.catalogue().resolve(relative);
    try {
      return run(Parser.parse("races/" + relative, Files.readString(file)), schedules, detectors);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ScenarioException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  /** Scenario text run over {@code schedules} schedules. */
  static RunResult inline(String source, int schedules) {
    return run(Scenarios.parse(source), schedules, List.of("djit"));
  }

  private static RunResult run(Scenario s, int schedules, List<String> detectors) {
    Experiment e =
        new Experiment(s, "none", detectors, "random", 1, schedules, null, Machine.Options.DEFAULT);
    try {
      return e.run(Experiment.Progress.NONE);
    } catch (ScenarioException ex) {
      throw new AssertionError("scenario does not compile: " + ex.getMessage(), ex);
    }
  }
}
