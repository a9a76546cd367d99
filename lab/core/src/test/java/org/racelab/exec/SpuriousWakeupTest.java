package org.racelab.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.racelab.experiment.Experiment;
import org.racelab.experiment.RunResult;
import org.racelab.scenario.ScenarioException;
import org.racelab.testing.Scenarios;

/**
 * With {@code --spurious-wakeups} a condvar waiter is enabled without a notification, and the
 * scheduler picking it is the spurious wake-up: an {@code if} around a wait can then be shown
 * wrong, while the {@code while} loop stays right in every schedule.
 */
class SpuriousWakeupTest {

  private static final Machine.Options SPURIOUS =
      new Machine.Options(
          Machine.Options.DEFAULT.maxSteps(), Machine.Options.DEFAULT.maxInstructions(), true);

  private static final String WAIT_IN_IF =
      """
      scenario "if"
      mutex m
      condvar cv
      shared ready: bool = false
      thread waiter { lock m { if !ready { cv.wait(m) }
                               assert ready } }
      thread signaller { lock m { ready = true
                                  cv.notify_one() } }
      """;

  private static final String WAIT_IN_WHILE =
      """
      scenario "while"
      mutex m
      condvar cv
      shared ready: bool = false
      shared data: i32 = 0
      thread waiter[2] { lock m { while !ready { cv.wait(m) }
                                  assert ready
                                  let v = data
                                  assert v == 42 } }
      thread signaller { lock m { data = 42
                                  ready = true
                                  cv.notify_all() } }
      """;

  @Test
  void withoutSpuriousWakeupsAWaitInAnIfIsNeverWoken() {
    RunResult r = Scenarios.run(WAIT_IN_IF, 50);
    assertEquals(List.of(), r.panics());
    assertNull(r.deadlock());
  }

  @Test
  void aSpuriousWakeupShowsAWaitInAnIfWrong() {
    RunResult r = Scenarios.run(WAIT_IN_IF, 50, SPURIOUS);
    assertTrue(!r.panics().isEmpty(), "no schedule woke the waiter spuriously");
    assertEquals("waiter", r.panics().get(0).item().thread());
    assertTrue(
        r.representative().execution().steps().stream()
            .anyMatch(s -> s.what().contains("wake up spuriously")));
  }

  @Test
  void theWhileLoopIsRightInEverySchedule() {
    RunResult r = Scenarios.run(WAIT_IN_WHILE, 100, SPURIOUS);
    assertEquals(List.of(), r.panics());
    assertNull(r.deadlock());
    assertNull(r.stepLimit());
    assertTrue(r.races().isEmpty());
    assertTrue(r.representative().execution().steps().size() < 200, "the run should stay short");
  }

  @Test
  void spuriousWakeupsAloneDoNotKeepADeadlockedWaiterSpinning() {
    RunResult r =
        Scenarios.run(
            """
            scenario "nobody notifies"
            mutex m
            condvar cv
            shared ready: bool = false
            thread waiter { lock m { while !ready { cv.wait(m) } } }
            """,
            20,
            SPURIOUS);
    assertNull(r.stepLimit());
    assertNotNull(r.deadlock());
    assertEquals(20, r.deadlock().schedules());
  }

  @Test
  void aLostWakeUpCanStillDeadlockOrRunOnSpuriously() {
    RunResult r =
        Scenarios.run(
            """
            scenario "lost wake-up"
            mutex m
            condvar cv
            shared go: bool = false
            thread waiter { lock m { cv.wait(m) } }
            thread main { lock m { go = true
                                   cv.notify_one() } }
            expect deadlock
            expect no deadlock
            """,
            60,
            SPURIOUS);
    int deadlocked = r.expectations().get(0).schedulesHeld();
    assertTrue(deadlocked > 0, "no schedule deadlocked");
    assertTrue(deadlocked < 60, "no schedule finished");
  }

  @Test
  void aSpuriousScheduleReplaysExactly() throws ScenarioException {
    RunResult r = Scenarios.run(WAIT_IN_IF, 50, SPURIOUS);
    String replay = r.panics().get(0).firstReplay();
    Experiment e = Experiment.of(Scenarios.parse(WAIT_IN_IF));
    Experiment again =
        new Experiment(
            e.scenario(), e.strategy(), e.detectors(), e.scheduler(), 1, 1, replay, SPURIOUS);
    RunResult replayed = again.run(Experiment.Progress.NONE);
    assertEquals("waiter", replayed.panics().get(0).item().thread());
    assertEquals(replay, replayed.representative().replay());
  }
}
