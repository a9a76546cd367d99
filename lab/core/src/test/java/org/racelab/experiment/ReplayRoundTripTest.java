package org.racelab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.racelab.exec.Execution;
import org.racelab.exec.Program;
import org.racelab.sched.PctScheduler;
import org.racelab.sched.RandomScheduler;
import org.racelab.sched.ReplayScheduler;
import org.racelab.sched.Schedule;
import org.racelab.testing.Scenarios;

/**
 * Every schedule's replay string reproduces its run exactly: the same ledger (accesses, clocks,
 * classifications), the same steps, races, UB and final values. Over every schedule of small
 * explorations (including weak-load choices) and over random and PCT seeds.
 */
class ReplayRoundTripTest {

  static Stream<Arguments> scenarios() {
    return Stream.of(
        Arguments.of(
            "counter",
            "scenario \"c\"\nshared c: i32 = 0\nthread w[2] { repeat 2 { c = c + 1 } }\n"
                + "expect race c\n"),
        Arguments.of(
            "message passing, relaxed",
            "scenario \"mp\"\nshared data: i32 = 0\natomic ready: bool = false\n"
                + "thread p { data = 42\n ready.store(true, relaxed) }\n"
                + "thread c { while !ready.load(relaxed) { }\n let v = data }\nexpect race data\n"),
        Arguments.of(
            "store buffering",
            "scenario \"sb\"\natomic x: i32 = 0\natomic y: i32 = 0\nshared r: [i32; 2] = 0\n"
                + "thread a { x.store(1, relaxed)\n r[0] = y.load(relaxed) }\n"
                + "thread b { y.store(1, relaxed)\n r[1] = x.load(relaxed) }\nexpect no race\n"),
        Arguments.of(
            "use after free",
            "scenario \"uaf\"\nshared p: ptr<i32> = null\nmutex m\n"
                + "thread a { let q = alloc i32\n *q = 1\n lock m { p = q }\n free q }\n"
                + "thread b { let q: ptr<i32> = null\n lock m { q = p }\n if q != null { *q = 2 } }\n"
                + "expect no race\n"));
  }

  private static void assertSameRun(Execution a, Execution b, String replay) {
    assertEquals(a.ledger(), b.ledger(), "ledger of " + replay);
    assertEquals(a.steps(), b.steps(), "steps of " + replay);
    assertEquals(a.races(), b.races(), "races of " + replay);
    assertEquals(a.ub(), b.ub(), "UB of " + replay);
    assertEquals(a.finalValues(), b.finalValues(), "final values of " + replay);
  }

  private static SingleRun replay(Experiment e, Program p, String text) {
    ReplayScheduler rs = new ReplayScheduler(Schedule.decode(text));
    SingleRun r = e.runOne(p, rs, 0);
    assertTrue(rs.exhausted(), "the replay used every step of " + text);
    assertEquals(text, r.replay(), "a replay records itself again");
    return r;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyExploredScheduleReplaysToTheSameRun(String name, String source) throws Exception {
    Experiment e = Experiment.of(Scenarios.parse(source));
    Program p = e.compile();
    List<SingleRun> runs = new ArrayList<>();
    Exploration x = e.explore(p, runs::add, Experiment.Progress.NONE);
    assertTrue(x.complete());
    assertTrue(runs.size() > 1);
    for (SingleRun r : runs) {
      assertSameRun(r.execution(), replay(e, p, r.replay()).execution(), r.replay());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void randomAndPctSchedulesReplayToTheSameRun(String name, String source) throws Exception {
    Experiment e = Experiment.of(Scenarios.parse(source));
    Program p = e.compile();
    for (long seed = 1; seed <= 25; seed++) {
      SingleRun r = e.runOne(p, new RandomScheduler(seed), seed);
      assertSameRun(r.execution(), replay(e, p, r.replay()).execution(), r.replay());
      SingleRun q = e.runOne(p, new PctScheduler(seed, 3, 12, 1), seed);
      assertSameRun(q.execution(), replay(e, p, q.replay()).execution(), q.replay());
    }
  }
}
