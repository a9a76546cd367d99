package org.racelab.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.racelab.exec.Machine;

/**
 * Exhaustive exploration against counts computed by hand: DPOR with sleep sets must run exactly one
 * schedule per Mazurkiewicz trace on these programs (no redundant schedule, none missing), and its
 * bounds must say when they cut.
 */
class ExplorerTest {
  private static final Explorer.Bounds BOUNDS = Explorer.Bounds.DEFAULT;

  private static Explorations.Outcome explore(String body) {
    return Explorations.explore("scenario \"t\"\n" + body + "\nexpect no race\n", BOUNDS, true);
  }

  private static void assertComplete(Explorations.Outcome o) {
    assertTrue(o.explorer().complete(), "the exploration should be complete");
    assertFalse(o.explorer().cutByMaxSchedules());
    assertFalse(o.explorer().cutByPreemptionBound());
  }

  @Test
  void twoThreadsWritingDistinctCellsNeedOneSchedule() {
    // the writes commute: one Mazurkiewicz trace
    Explorations.Outcome o =
        explore("shared x: i32 = 0\nshared y: i32 = 0\nthread a { x = 1 }\nthread b { y = 1 }");
    assertEquals(1, o.runs());
    assertComplete(o);
  }

  @Test
  void twoThreadsWritingOneCellNeedTwoSchedules() {
    // a's write before b's, or after
    Explorations.Outcome o = explore("shared x: i32 = 0\nthread a { x = 1 }\nthread b { x = 2 }");
    assertEquals(2, o.runs());
    assertComplete(o);
  }

  @Test
  void privateWorkBeforeOneLockDoesNotMultiplyTheSchedules() {
    // each worker writes its own cell twice, bumps a thread-local, yields, then takes the lock:
    // only the order of the two critical sections matters, 2 traces (an unreduced search runs 100s)
    String body =
        "shared a: [i32; 2] = 0\nshared c: i32 = 0\nthread_local n: i32 = 0\nmutex m\n"
            + "thread w[2] {\n a[tid] = 1\n a[tid] = 2\n n = n + 1\n yield\n lock m { c = c + 1 }\n}";
    Explorations.Outcome o = explore(body);
    assertEquals(2, o.runs());
    assertComplete(o);
  }

  @Test
  void theUnreducedSearchRunsManyMoreSchedulesOfTheSameTwoTraces() {
    String src =
        "scenario \"t\"\nshared a: [i32; 2] = 0\nshared c: i32 = 0\nmutex m\n"
            + "thread w[2] {\n a[tid] = 1\n a[tid] = 2\n lock m { c = c + 1 }\n}\nexpect no race\n";
    Explorations.Outcome reduced = Explorations.explore(src, BOUNDS, true);
    Explorations.Outcome brute = Explorations.explore(src, BOUNDS, false);
    assertEquals(2, reduced.runs());
    assertTrue(brute.runs() > 50, "without reduction: " + brute.runs());
    assertEquals(reduced.classes(), brute.classes());
  }

  @Test
  void threeThreadsWritingOneCellNeedSixSchedules() {
    // 3! orders of three dependent writes
    Explorations.Outcome o =
        explore("shared x: i32 = 0\nthread a { x = 1 }\nthread b { x = 2 }\nthread c { x = 3 }");
    assertEquals(6, o.runs());
    assertComplete(o);
  }

  @Test
  void threeThreadsTakingOneLockNeedSixSchedules() {
    Explorations.Outcome o =
        explore("shared c: i32 = 0\nmutex m\nthread w[3] { lock m { c = c + 1 } }");
    assertEquals(6, o.runs());
    assertComplete(o);
  }

  @Test
  void readsCommuteSoOneWriterAndTwoReadersNeedFourSchedules() {
    // each read is before or after the write (2 x 2); the two reads commute with each other
    Explorations.Outcome o =
        explore(
            "shared x: i32 = 0\nthread w { x = 1 }\nthread r1 { let v = x }\n"
                + "thread r2 { let u = x }");
    assertEquals(4, o.runs());
    assertComplete(o);
  }

  @Test
  void twoUnsynchronisedIncrementsNeedFourSchedules() {
    // r1 w1 r2 w2 | r2 w2 r1 w1 | both reads first, then w1 w2 or w2 w1 (the reads commute)
    Explorations.Outcome o = explore("shared c: i32 = 0\nthread w[2] { c = c + 1 }");
    assertEquals(4, o.runs());
    assertComplete(o);
  }

  @Test
  void lockOrderInversionHasThreeTracesOneOfThemADeadlock() {
    // a then b, b then a, and both holding their first lock
    Explorations.Outcome o =
        explore(
            "mutex a\nmutex b\nthread t1 { lock a { lock b { } } }\n"
                + "thread t2 { lock b { lock a { } } }");
    assertEquals(3, o.runs());
    assertComplete(o);
  }

  @Test
  void storeBufferingWithRelaxedAtomicsHasEightExecutions() {
    // each load is before the other thread's store (reads 0) or after it (reads 1 or, weakly, 0);
    // both loads cannot come before both stores: 1x2 + 2x1 + 2x2 = 8
    Explorations.Outcome o =
        explore(
            "atomic x: i32 = 0\natomic y: i32 = 0\nshared r1: i32 = 0\nshared r2: i32 = 0\n"
                + "thread a { x.store(1, relaxed)\n r1 = y.load(relaxed) }\n"
                + "thread b { y.store(1, relaxed)\n r2 = x.load(relaxed) }");
    assertEquals(8, o.runs());
    assertComplete(o);
  }

  @Test
  void maxSchedulesCutsTheSearchAndSaysSo() {
    Explorations.Outcome o =
        Explorations.explore(
            "scenario \"t\"\nshared c: i32 = 0\nthread w[2] { repeat 3 { c = c + 1 } }\n"
                + "expect race c\n",
            new Explorer.Bounds(10, -1, 1),
            true);
    assertEquals(10, o.runs());
    assertFalse(o.explorer().complete());
    assertTrue(o.explorer().cutByMaxSchedules());
  }

  @Test
  void preemptionBoundZeroKeepsOnlyTheSerialSchedulesAndSaysItCut() {
    Explorations.Outcome o =
        Explorations.explore(
            "scenario \"t\"\nshared c: i32 = 0\nthread w[2] { c = c + 1 }\nexpect race c\n",
            new Explorer.Bounds(1000, 0, 1),
            true);
    assertEquals(2, o.runs());
    assertTrue(o.explorer().cutByPreemptionBound());
    assertFalse(o.explorer().complete());
  }

  @Test
  void aPreemptionBoundThatCutsNothingLeavesTheSearchComplete() {
    Explorations.Outcome o =
        Explorations.explore(
            "scenario \"t\"\nshared c: i32 = 0\nthread w[2] { c = c + 1 }\nexpect race c\n",
            new Explorer.Bounds(1000, 5, 1),
            true);
    assertEquals(4, o.runs());
    assertTrue(o.explorer().complete());
  }

  @Test
  void aSpinLoopOnARelaxedFlagTerminatesWithinTheSpinBound() {
    // the consumer may spin on a stale flag forever in C++; the spin bound makes it wait
    Explorations.Outcome o =
        explore(
            "shared data: i32 = 0\natomic ready: bool = false\n"
                + "thread p { data = 42\n ready.store(true, relaxed) }\n"
                + "thread c { while !ready.load(relaxed) { }\n let v = data }");
    assertComplete(o);
    assertTrue(o.explorer().spinBounded() > 0);
    assertTrue(o.runs() <= 20, "runs: " + o.runs());
  }

  @Test
  void aLargerSpinBoundAllowsMoreFutileIterations() {
    String src =
        "scenario \"t\"\natomic ready: bool = false\n"
            + "thread p { ready.store(true, release) }\n"
            + "thread c { while !ready.load(acquire) { } }\nexpect no race\n";
    int small = Explorations.explore(src, new Explorer.Bounds(1000, -1, 0), true).runs();
    int large = Explorations.explore(src, new Explorer.Bounds(1000, -1, 3), true).runs();
    assertTrue(large > small, small + " vs " + large);
  }

  @Test
  void aThreadReadsTheSameOutdatedStoreAtMostTwiceInARowWithTheDefaultBound() {
    // CoRR: two relaxed loads may both miss the store (0, 0), see it late (0, 1) or both see it
    // (1, 1); never (1, 0). Three loads can no longer all miss it once it is there.
    Explorations.Outcome two =
        explore(
            "atomic x: i32 = 0\nshared r: [i32; 2] = 0\nthread w { x.store(1, relaxed) }\n"
                + "thread t { r[0] = x.load(relaxed)\n r[1] = x.load(relaxed) }");
    assertEquals(6, two.runs());
    assertComplete(two);
  }

  @Test
  void aWaitingLoopThatWritesEveryIterationStillEndsAfterFewStaleReads() {
    // the loop writes `spins`, so it is not a pure spin; exploration is bounded by the step limit
    // (linear in it), and a load cannot read the outdated flag forever
    String src =
        "scenario \"t\"\natomic done: bool = false\nshared spins: i32 = 0\n"
            + "thread w { while !done.load(relaxed) { spins = spins + 1 } }\n"
            + "thread s { done.store(true, relaxed) }\nexpect no race\n";
    Explorations.Outcome o =
        Explorations.explore(
            Explorations.compile(src), BOUNDS, true, new Machine.Options(60, 1_000_000L, false));
    assertTrue(o.explorer().complete());
    assertTrue(o.runs() < 100, "runs: " + o.runs());
  }

  @Test
  void aTestAndSetSpinLockTerminatesAndIsAlwaysRaceFree() {
    Explorations.Outcome o =
        explore(
            "atomic l: bool = false\nshared c: i32 = 0\n"
                + "thread w[2] { while l.swap(true, acquire) { }\n c = c + 1\n"
                + " l.store(false, release) }");
    assertComplete(o);
  }

  @Test
  void spuriousWakeUpsAreExploredAndBounded() {
    String src =
        "scenario \"t\"\nshared ready: bool = false\nmutex m\ncondvar cv\n"
            + "thread w { lock m { while !ready { cv.wait(m) } } }\n"
            + "thread s { lock m { ready = true }\n cv.notify_one() }\nexpect no race\n";
    Machine.Options spurious = new Machine.Options(100_000, 20_000_000L, true);
    Explorations.Outcome with =
        Explorations.explore(Explorations.compile(src), BOUNDS, true, spurious);
    Explorations.Outcome without =
        Explorations.explore(Explorations.compile(src), BOUNDS, true, Machine.Options.DEFAULT);
    assertTrue(with.explorer().complete());
    assertTrue(with.runs() > without.runs(), with.runs() + " vs " + without.runs());
  }

  @Test
  void everyExploredScheduleHasItsOwnTraceWhenTheReductionIsExact() {
    Explorations.Outcome o =
        explore(
            "shared x: i32 = 0\nshared y: i32 = 0\nthread a { x = 1\n y = 1 }\n"
                + "thread b { let v = x\n y = 2 }\nthread c { let w = y\n x = 3 }");
    assertEquals(o.runs(), o.classes().size());
    Set<String> replays = new HashSet<>(o.replays());
    assertEquals(o.runs(), replays.size());
    assertComplete(o);
    assertEquals(List.copyOf(o.replays()).size(), o.runs());
  }
}
