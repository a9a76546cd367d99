package org.racelab.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.racelab.experiment.Experiment;
import org.racelab.testing.Scenarios;

/** What a pending step touches, and which pairs of steps exploration must treat as dependent. */
class FootprintTest {

  private static Machine machine(String body) throws Exception {
    Program p = Compiler.compile(Scenarios.parse("scenario \"f\"\n" + body + "\nexpect no race\n"));
    return new Machine(
        p, List.of(Experiment.defaultDetector()), Chooser.LATEST, Machine.Options.DEFAULT);
  }

  @Test
  void readsOfOneCellCommuteAndAWriteDoesNot() throws Exception {
    Machine m =
        machine(
            "shared x: i32 = 0\nshared y: i32 = 0\nthread a { let v = x }\n"
                + "thread b { let w = x }\nthread c { x = 1 }\nthread d { y = 1 }");
    Footprint a = m.footprint(0);
    Footprint b = m.footprint(1);
    Footprint c = m.footprint(2);
    Footprint d = m.footprint(3);
    assertFalse(a.dependent(b));
    assertTrue(a.dependent(c));
    assertTrue(c.dependent(b));
    assertFalse(c.dependent(d));
    assertTrue(a.memoryOnly());
    assertFalse(a.writes());
    assertTrue(c.writes());
    assertEquals(1, a.values().size());
  }

  @Test
  void aLockAndAnUnlockOfOneMutexAreDependentButNeverCoEnabled() throws Exception {
    Machine m = machine("mutex m\nmutex n\nthread a { lock m { } }\nthread b { lock n { } }");
    Footprint lockM = m.footprint(0);
    Footprint lockN = m.footprint(1);
    assertFalse(lockM.dependent(lockN));
    m.step(0);
    Footprint unlockM = m.footprint(0);
    assertEquals("mutex:0 (release)", unlockM.describe());
    assertTrue(unlockM.dependent(lockM));
    assertFalse(Footprint.mayBeCoEnabled(unlockM, lockM));
    assertTrue(Footprint.mayBeCoEnabled(lockM, lockM));
  }

  @Test
  void aJoinWaitsForTheLastStepOfItsThread() throws Exception {
    Machine m =
        machine(
            "shared x: i32 = 0\nthread main { spawn h(1)\n join h }\n"
                + "thread h(n: i64) spawned { x = 1 }");
    assertEquals("spawn (write)", m.footprint(0).describe());
    m.step(0);
    Footprint join = m.footprint(0);
    assertEquals("thread:1 (wait)", join.describe());
    Footprint finish =
        Footprint.NONE.with(Footprint.key(Footprint.THREAD, 1), Footprint.Mode.WRITE);
    assertTrue(join.dependent(finish));
    assertFalse(Footprint.mayBeCoEnabled(finish, join));
  }

  @Test
  void yieldsAndNonSeqCstFencesTouchNothingSharedButSeqCstFencesAreOrdered() throws Exception {
    Machine m =
        machine(
            "thread a { yield }\nthread b { fence(acq_rel) }\nthread c { fence(seq_cst) }\n"
                + "thread d { fence(seq_cst) }");
    assertTrue(m.footprint(0).isEmpty());
    assertTrue(m.footprint(1).isEmpty());
    assertFalse(m.footprint(0).dependent(Footprint.ALL));
    assertTrue(m.footprint(2).dependent(m.footprint(3)));
    assertNull(m.nextResource(0));
    assertEquals("sc", m.nextResource(2));
  }

  @Test
  void aCondvarWaitReleasesItsMutexAndAReacquireWithoutNotificationIsSpurious() throws Exception {
    Machine m =
        machine(
            "mutex m\ncondvar cv\nshared ready: bool = false\n"
                + "thread w { lock m { while !ready { cv.wait(m) } } }");
    m.step(0); // lock m
    m.step(0); // read ready
    Footprint wait = m.footprint(0);
    assertEquals("mutex:0 (release), condvar:0 (write)", wait.describe());
    m.step(0);
    Footprint reacquire = m.footprint(0);
    assertTrue(reacquire.spuriousWake());
    assertEquals("mutex:0+condvar:0", m.nextResource(0));
  }

  @Test
  void anAccessCoversEveryCellItTouchesAndAFreeTheWholeBlock() throws Exception {
    Machine m =
        machine("shared a: [i32; 3] = 0\nthread t { let p = alloc [i32; 2]\n p[1] = 5\n free p }");
    assertEquals("heap (write)", m.footprint(0).describe());
    m.step(0);
    assertEquals(1, m.footprint(0).size());
    m.step(0);
    Footprint free = m.footprint(0);
    assertEquals(3, free.size(), free.describe());
  }

  @Test
  void aFinishedThreadTouchesNothing() throws Exception {
    Machine m = machine("shared x: i32 = 0\nthread a { x = 1 }");
    m.step(0);
    assertTrue(m.threadDone(0));
    assertTrue(m.footprint(0).isEmpty());
  }
}
