package org.racelab.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.racelab.strategy.Strategies;
import org.racelab.testing.Scenarios;

/** The cost figures of a run: steps that went round in a circle, and thread-steps blocked. */
class MachineCostTest {

  /** Runs to the end, picking the thread with {@code pick(enabled, machine)}. */
  private static Execution run(
      String source, int maxSteps, BiFunction<List<Integer>, Machine, Integer> pick)
      throws Exception {
    Program p = Compiler.compile(Scenarios.parse(source));
    Machine m =
        new Machine(
            p,
            List.of(org.racelab.experiment.Experiment.defaultDetector()),
            Chooser.LATEST,
            new Machine.Options(maxSteps, 1_000_000, false));
    while (!m.enabled().isEmpty()) {
      m.step(pick.apply(m.enabled(), m));
    }
    return m.finish();
  }

  private static Execution firstEnabledFirst(String source, int maxSteps) throws Exception {
    return run(source, maxSteps, (enabled, m) -> enabled.get(0));
  }

  @Test
  void aLoadThatKeepsReadingAnUnchangedFlagSpinsFromItsFirstUnsuccessfulRound() throws Exception {
    Execution e =
        firstEnabledFirst(
            """
            atomic ready: bool = false
            thread waiter { while !ready.load(acquire) { } }
            """,
            10);
    assertNotNull(e.stepLimit());
    assertEquals(10, e.stepCount());
    assertEquals(10, e.spinSteps());
    assertEquals(0, e.blockedSteps());
  }

  @Test
  void aLoopThatYieldsBetweenReadsSpinsOnceItHasGoneRoundOnce() throws Exception {
    Execution e =
        firstEnabledFirst(
            """
            atomic ready: bool = false
            thread waiter { while !ready.load(acquire) { yield } }
            """,
            10);
    // load (new state), yield (back where it started: spin), then every step repeats a state
    assertEquals(9, e.spinSteps());
  }

  @Test
  void aLoopThatWritesIsWorkNotSpinning() throws Exception {
    Execution e =
        firstEnabledFirst(
            """
            shared x: i32 = 0
            thread busy { loop { x = 1 } }
            """,
            10);
    assertEquals(10, e.stepCount());
    assertEquals(0, e.spinSteps());
  }

  @Test
  void aLoopWhoseLocalsChangeIsNotSpinning() throws Exception {
    Execution e =
        firstEnabledFirst(
            """
            shared x: i32 = 0
            thread reader { repeat 8 { let v = x } }
            """,
            100);
    assertEquals(8, e.stepCount());
    assertEquals(0, e.spinSteps());
  }

  @Test
  void threadsWaitingForAHeldMutexCountAsBlockedWhileItsHolderMoves() throws Exception {
    // the holder always goes first: it locks, yields twice and unlocks while the other waits
    Execution e =
        firstEnabledFirst(
            """
            mutex m
            thread holder { lock m { yield; yield } }
            thread waiter { lock m { } }
            """,
            100);
    assertTrue(e.completed());
    assertEquals(3, e.blockedSteps());
    assertEquals(0, e.spinSteps());
  }

  @Test
  void aSpinLockTurnsWaitingIntoSpinStepsAndAMutexIntoBlockedSteps() throws Exception {
    String counter =
        """
        shared counter: i32 = 0
        thread worker[2] { repeat 3 { critical { counter = counter + 1 } } }
        """;
    long spin = 0;
    long spinBlocked = 0;
    long mutexSpin = 0;
    long mutexBlocked = 0;
    for (long seed = 1; seed <= 20; seed++) {
      java.util.Random r = new java.util.Random(seed);
      BiFunction<List<Integer>, Machine, Integer> random =
          (enabled, m) -> enabled.get(r.nextInt(enabled.size()));
      Execution s = runWith("spin", counter, random);
      spin += s.spinSteps();
      spinBlocked += s.blockedSteps();
      Execution m = runWith("mutex", counter, random);
      mutexSpin += m.spinSteps();
      mutexBlocked += m.blockedSteps();
    }
    assertTrue(spin > 0, "a failed compare_exchange is a spin step");
    assertEquals(0, spinBlocked, "a spinning thread is never blocked");
    assertEquals(0, mutexSpin, "a thread waiting for a mutex does not move");
    assertTrue(mutexBlocked > 0);
  }

  private static Execution runWith(
      String strategy, String source, BiFunction<List<Integer>, Machine, Integer> pick)
      throws Exception {
    Program p = Compiler.compile(Strategies.apply(strategy, Scenarios.parse(source)));
    Machine m =
        new Machine(
            p,
            List.of(org.racelab.experiment.Experiment.defaultDetector()),
            Chooser.LATEST,
            Machine.Options.DEFAULT);
    while (!m.enabled().isEmpty()) {
      m.step(pick.apply(m.enabled(), m));
    }
    return m.finish();
  }

  @Test
  void aLockAddedByAStrategyIsNotAFinalValueOfTheScenario() throws Exception {
    Execution e =
        runWith(
            "spin",
            """
            shared counter: i32 = 0
            thread worker { critical { counter = counter + 1 } }
            """,
            (enabled, m) -> enabled.get(0));
    assertEquals(java.util.Map.of("counter", "1"), e.finalValues());
    assertFalse(e.ledger().isEmpty());
  }
}
