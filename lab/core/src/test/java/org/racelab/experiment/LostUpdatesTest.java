package org.racelab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.racelab.exec.Execution;
import org.racelab.exec.Program;
import org.racelab.scenario.Scenario;
import org.racelab.sched.RandomScheduler;
import org.racelab.testing.Scenarios;

class LostUpdatesTest {
  private static final int SCHEDULES = 60;

  private static final String COUNTER =
      """
      shared counter: i32 = 0
      thread worker[2] {
          repeat 3 {
              critical {
                  counter = counter + 1
              }
          }
      }
      """;

  private static Execution run(Experiment e, Program p, long seed) {
    return e.runOne(p, new RandomScheduler(seed), seed).execution();
  }

  private static Experiment experiment(String source, String strategy) {
    Scenario s = Scenarios.parse(source);
    return Experiment.of(s).withStrategy(strategy);
  }

  /**
   * An increment goes missing exactly when some thread overwrote a write it had not seen: the
   * finder must flag every schedule whose counter came out short, and no other.
   */
  @ParameterizedTest
  @ValueSource(strings = {"none", "atomic", "relaxed", "release-acquire"})
  void aScheduleLosesAnUpdateExactlyWhenTheCounterComesOutShort(String strategy) throws Exception {
    Experiment e = experiment(COUNTER, strategy);
    Program p = e.compile();
    int lossy = 0;
    for (long seed = 1; seed <= SCHEDULES; seed++) {
      Execution x = run(e, p, seed);
      boolean short6 = !x.finalValues().get("counter").equals("6");
      List<LostUpdate> lost = LostUpdates.find(x);
      assertEquals(short6, !lost.isEmpty(), strategy + " seed " + seed + ": " + lost);
      lossy += short6 ? 1 : 0;
    }
    assertTrue(lossy > 0, "the counter must lose updates in some schedule under " + strategy);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mutex", "rwlock", "spin"})
  void aLockLosesNoUpdate(String strategy) throws Exception {
    Experiment e = experiment(COUNTER, strategy);
    Program p = e.compile();
    for (long seed = 1; seed <= SCHEDULES; seed++) {
      assertEquals(List.of(), LostUpdates.find(run(e, p, seed)));
    }
  }

  @Test
  void anAtomicReadModifyWriteLosesNothing() throws Exception {
    Experiment e =
        experiment(
            """
            shared counter: i32 = 0
            thread worker[2] { repeat 3 { counter.fetch_add(1, relaxed) } }
            """,
            "none");
    Program p = e.compile();
    for (long seed = 1; seed <= SCHEDULES; seed++) {
      assertEquals(List.of(), LostUpdates.find(run(e, p, seed)));
    }
  }

  @Test
  void aWriteThatDidNotReadTheLocationFirstLosesNothing() throws Exception {
    Experiment e =
        experiment(
            """
            shared x: i32 = 0
            thread a { x = 1 }
            thread b { x = 2 }
            """,
            "none");
    Program p = e.compile();
    for (long seed = 1; seed <= 20; seed++) {
      assertEquals(List.of(), LostUpdates.find(run(e, p, seed)));
    }
  }

  @Test
  void aLostUpdateNamesTheReadTheWriteAndTheWriteItOverwrote() throws Exception {
    Experiment e = experiment(COUNTER, "none");
    Program p = e.compile();
    for (long seed = 1; seed <= SCHEDULES; seed++) {
      for (LostUpdate u : LostUpdates.find(run(e, p, seed))) {
        assertEquals("counter", u.location());
        assertEquals(u.read().thread(), u.write().thread());
        assertTrue(!u.overwritten().thread().equals(u.write().thread()));
        assertTrue(u.read().index() < u.write().index());
        assertTrue(u.overwritten().index() < u.write().index());
        assertTrue(
            u.explain()
                .matches(
                    "thread worker\\[[01]] read counter at line 5 and wrote it at line 5,"
                        + " overwriting worker\\[[01]]'s write at line 5 without having seen it"),
            u.explain());
        return;
      }
    }
    throw new AssertionError("no lost update in " + SCHEDULES + " schedules");
  }
}
