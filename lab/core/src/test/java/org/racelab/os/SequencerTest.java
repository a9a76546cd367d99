package org.racelab.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.racelab.detect.AccessKind;
import org.racelab.detect.ClockTable;
import org.racelab.detect.Detector;
import org.racelab.detect.DjitPlusDetector;

/** The sequencer and the sequenced detector on real threads. */
@Timeout(30)
class SequencerTest {

  private static Thread start(Runnable r) {
    Thread t = new Thread(r);
    t.start();
    return t;
  }

  @Test
  void stepsOfConcurrentThreadsGetConsecutiveSequenceNumbersInEachThreadsProgramOrder()
      throws Exception {
    Sequencer s = new Sequencer();
    int threads = 4;
    int steps = 2_000;
    List<long[]> log = new ArrayList<>(); // plain list: only touched inside steps
    long[][] seen = new long[threads][steps];
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      s.register(t);
    }
    for (int t = 0; t < threads; t++) {
      int id = t;
      ts.add(
          start(
              () -> {
                for (int k = 0; k < steps; k++) {
                  int step = k;
                  seen[id][k] = s.step(id, () -> log.add(new long[] {id, step}));
                }
                s.retire(id);
              }));
    }
    for (Thread t : ts) {
      t.join();
    }
    assertEquals(threads * steps, log.size(), "no step lost: each ran alone");
    assertEquals(threads * steps, s.sequence());
    int[] next = new int[threads];
    for (int n = 0; n < log.size(); n++) {
      int id = (int) log.get(n)[0];
      assertEquals(next[id], log.get(n)[1], "thread " + id + "'s steps in its program order");
      assertEquals(n, seen[id][next[id]], "the sequence number is the position in the order");
      next[id]++;
    }
    assertEquals(Sequencer.Stop.NONE, s.stopped());
  }

  @Test
  void aBlockedParticipantWakesWhenAnotherStepMakesItReady() throws Exception {
    Sequencer s = new Sequencer();
    boolean[] flag = {false};
    long[] got = new long[2];
    s.register(0);
    s.register(1);
    Thread waiter =
        start(
            () -> {
              got[0] = s.await(0, () -> flag[0], () -> {});
              s.retire(0);
            });
    while (s.waits() == 0) {
      Thread.onSpinWait();
    }
    got[1] = s.step(1, () -> flag[0] = true);
    s.retire(1);
    waiter.join();
    assertEquals(0, got[1]);
    assertEquals(1, got[0], "the waiter's step comes after the step that made it ready");
    assertEquals(Sequencer.Stop.NONE, s.stopped());
  }

  @Test
  void whenEveryLiveParticipantIsBlockedTheSequencerStopsWithADeadlock() throws Exception {
    Sequencer s = new Sequencer();
    s.register(0);
    s.register(1);
    s.register(2);
    long[] got = {0, 0};
    Thread a = start(() -> got[0] = s.await(0, () -> false, () -> {}));
    Thread b = start(() -> got[1] = s.await(1, () -> false, () -> {}));
    while (s.waits() < 2) {
      Thread.onSpinWait();
    }
    assertEquals(Sequencer.Stop.NONE, s.stopped(), "participant 2 still runs");
    s.retire(2);
    a.join();
    b.join();
    assertEquals(Sequencer.STOPPED, got[0]);
    assertEquals(Sequencer.STOPPED, got[1]);
    assertEquals(Sequencer.Stop.DEADLOCK, s.stopped());
    assertEquals(Sequencer.STOPPED, s.step(0, () -> {}), "nothing runs after a stop");
  }

  @Test
  void aParticipantBlockingAloneIsADeadlockAtOnce() {
    Sequencer s = new Sequencer();
    s.register(0);
    assertEquals(Sequencer.STOPPED, s.await(0, () -> false, () -> {}));
    assertEquals(Sequencer.Stop.DEADLOCK, s.stopped());
    assertEquals("every live thread is blocked", s.stopReason());
  }

  @Test
  void haltWakesBlockedAndSleepingParticipants() throws Exception {
    Sequencer s = new Sequencer();
    s.register(0);
    s.register(1);
    s.register(2);
    long[] got = {0};
    Thread blocked = start(() -> got[0] = s.await(0, () -> false, () -> {}));
    long t0 = System.nanoTime();
    Thread sleeper = start(() -> s.pause(1, 60_000_000_000L));
    while (s.waits() < 1) {
      Thread.onSpinWait();
    }
    s.halt("enough");
    blocked.join();
    sleeper.join();
    assertEquals(Sequencer.STOPPED, got[0]);
    assertEquals(Sequencer.Stop.HALTED, s.stopped());
    assertEquals("enough", s.stopReason());
    assertTrue((System.nanoTime() - t0) < 20_000_000_000L, "the minute-long sleep was cut short");
  }

  @Test
  void misuseIsRefusedWithAClearMessage() {
    Sequencer s = new Sequencer();
    s.register(0);
    assertThrows(IllegalStateException.class, () -> s.register(0));
    assertThrows(IllegalStateException.class, () -> s.step(1, () -> {}));
    s.retire(0);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.step(0, () -> {}));
    assertTrue(e.getMessage().contains("done"), e.getMessage());
  }

  @Test
  void theSequencedDetectorForwardsEveryMethodOfTheDetectorInterface() {
    // A default method added to Detector later would otherwise bypass the wrapper's lock (or, if
    // it forwards to another method, the wrapped detector's own implementation of it).
    for (Method m : Detector.class.getMethods()) {
      if (Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      try {
        Method mine = SequencedDetector.class.getMethod(m.getName(), m.getParameterTypes());
        assertEquals(
            SequencedDetector.class,
            mine.getDeclaringClass(),
            "SequencedDetector must forward " + m + " under the sequencer's lock");
      } catch (NoSuchMethodException e) {
        throw new AssertionError(m.toString(), e);
      }
    }
  }

  @Test
  void theSequencedDetectorGivesTheVerdictsOfTheOrderInWhichCallsGotTheLock() throws Exception {
    Sequencer s = new Sequencer();
    ClockTable clocks = new ClockTable();
    clocks.ensureThread(1);
    SequencedDetector d = new SequencedDetector(s, new DjitPlusDetector(clocks));
    int rounds = 500;
    AtomicLong racy = new AtomicLong();
    Thread writer =
        start(
            () -> {
              for (int v = 0; v < rounds; v++) {
                if (d.access(0, v, 1, AccessKind.WRITE)) {
                  racy.incrementAndGet();
                }
              }
            });
    Thread reader =
        start(
            () -> {
              for (int v = 0; v < rounds; v++) {
                if (d.access(1, v, 2, AccessKind.READ)) {
                  racy.incrementAndGet();
                }
              }
            });
    writer.join();
    reader.join();
    // Per variable exactly the second of the two unordered accesses is racing, if it is the read;
    // a write after the read races too. Either way: one racing verdict per variable.
    assertEquals(rounds, racy.get(), "one racing verdict per variable, whichever came second");
    assertFalse(d.statistics().isEmpty());
  }
}
