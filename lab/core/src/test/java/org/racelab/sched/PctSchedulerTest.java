package org.racelab.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.racelab.exec.Program;
import org.racelab.experiment.ExpectationResult;
import org.racelab.experiment.Experiment;
import org.racelab.experiment.RunResult;
import org.racelab.experiment.SingleRun;
import org.racelab.scenario.Scenario;
import org.racelab.testing.Scenarios;

/**
 * PCT (Burckhardt et al., ASPLOS 2010) on a bug of depth 2: thread a reads x and writes it back
 * incremented; the update is lost only when b's write falls between a's read and a's write, two
 * ordering constraints. Each thread first does 4 steps of private work, so a run has k = 11 steps
 * with n = 2 threads, and one PCT run with d = 2 finds the bug with probability at least 1/(n·k) =
 * 1/22 (here exactly: a must have the higher priority, 1/2, and the single change point must fall
 * on a's write, 1/11). Over the seeds 1..50 the chance to miss it would be (21/22)^50 ≈ 10%.
 */
class PctSchedulerTest {
  private static final String DEPTH_TWO =
      """
      scenario "lost update of depth 2"
      shared x: i32 = 0
      shared pa: [i32; 4] = 0
      shared pb: [i32; 4] = 0
      thread a {
          pa[0] = 1
          pa[1] = 1
          pa[2] = 1
          pa[3] = 1
          let v = x
          x = v + 1
      }
      thread b {
          pb[0] = 1
          pb[1] = 1
          pb[2] = 1
          pb[3] = 1
          x = 10
      }
      expect final x != 1
      """;

  private static RunResult pct(int depth, long seed, int schedules) throws Exception {
    Scenario s = Scenarios.parse(DEPTH_TWO);
    Experiment d = Experiment.of(s);
    return new Experiment(
            s,
            d.strategy(),
            d.detectors(),
            "pct",
            seed,
            schedules,
            null,
            d.options(),
            new Experiment.Search(depth, 1, -1, 1))
        .run(Experiment.Progress.NONE);
  }

  @Test
  void depthTwoFindsTheDepthTwoBugWithinFiftyRuns() throws Exception {
    RunResult r = pct(2, 1, 50);
    ExpectationResult x = r.expectations().get(0);
    assertEquals("pct", r.scheduleKind());
    assertFalse(x.held(), "PCT with d = 2 should lose the update within seeds 1..50");
    assertTrue(x.witness() != null && !x.witness().isEmpty());
  }

  @Test
  void depthOneRunsThreadsOneAfterTheOtherAndNeverFindsIt() throws Exception {
    RunResult r = pct(1, 1, 200);
    assertTrue(r.expectations().get(0).held());
    assertEquals(2, r.finals().size(), "x ends as 10 or 11, never 1: " + r.finals());
  }

  @Test
  void theRateOfFindingTheBugMeetsTheGuarantee() throws Exception {
    Experiment e = Experiment.of(Scenarios.parse(DEPTH_TWO));
    Program p = e.compile();
    int k = 11;
    int n = 2;
    int runs = 1000;
    int found = 0;
    for (long seed = 1; seed <= runs; seed++) {
      SingleRun r = e.runOne(p, new PctScheduler(seed, 2, k, 1), seed);
      assertEquals(k, r.execution().stepCount());
      if (r.execution().finalValues().get("x").equals("1")) {
        found++;
      }
    }
    double bound = 1.0 / (n * Math.pow(k, 2 - 1));
    // the guarantee is tight for this program; allow three standard deviations of sampling error
    double slack = 3 * Math.sqrt(bound * (1 - bound) / runs);
    assertTrue(found / (double) runs >= bound - slack, found + " of " + runs + " vs " + bound);
  }

  @Test
  void aSeedDeterminesTheSchedule() throws Exception {
    Experiment e = Experiment.of(Scenarios.parse(DEPTH_TWO));
    Program p = e.compile();
    for (long seed = 1; seed <= 20; seed++) {
      String a = e.runOne(p, new PctScheduler(seed, 3, 11, 1), seed).replay();
      String b = e.runOne(p, new PctScheduler(seed, 3, 11, 1), seed).replay();
      assertEquals(a, b);
    }
  }

  @Test
  void changePointsAreDrawnFromTheEstimatedSteps() {
    for (long seed = 1; seed <= 200; seed++) {
      int[] points = new PctScheduler(seed, 4, 7, 1).changePoints();
      assertEquals(3, points.length);
      for (int c : points) {
        assertTrue(c >= 1 && c <= 7, "change point " + c);
      }
    }
  }

  @Test
  void aHighPrioritySpinLoopDoesNotStarveTheThreadItWaitsFor() throws Exception {
    Scenario s =
        Scenarios.parse(
            "scenario \"spin\"\natomic ready: bool = false\n"
                + "thread c { while !ready.load(acquire) { } }\n"
                + "thread p { ready.store(true, release) }\nexpect no race\n");
    Experiment e = Experiment.of(s);
    Program p = e.compile();
    for (long seed = 1; seed <= 30; seed++) {
      SingleRun r = e.runOne(p, new PctScheduler(seed, 3, 5, 1), seed);
      assertTrue(r.execution().completed());
      assertTrue(r.execution().stepCount() < 10, "steps: " + r.execution().stepCount());
    }
  }
}
