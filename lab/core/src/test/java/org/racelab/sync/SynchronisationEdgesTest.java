package org.racelab.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.racelab.exec.Execution;
import org.racelab.exec.LedgerEntry;
import org.racelab.exec.Program;
import org.racelab.experiment.Experiment;
import org.racelab.scenario.ScenarioException;
import org.racelab.sched.RandomScheduler;
import org.racelab.testing.Scenarios;

/**
 * The happens-before edges of every synchronisation primitive, one small scenario per edge (DESIGN
 * section 4). Each scenario has one plain location {@code x}; the table says whether accesses to
 * {@code x} race in no schedule, in some, or in every schedule that reaches them.
 *
 * <p>Where an edge is about an order of events (a reader that comes after another reader), the
 * order is forced with a <em>relaxed</em> atomic flag, which orders the schedule but creates no
 * happens-before, so only the primitive under test can order {@code x}: a primitive with a missing
 * edge fails a "never" row, one with an extra edge fails an "always" row.
 */
class SynchronisationEdgesTest {

  enum Races {
    /** No schedule shows a race on x. */
    NEVER,
    /** At least one schedule does. */
    SOMETIMES,
    /** Every schedule that accessed x raced on it. */
    ALWAYS
  }

  private static final int SCHEDULES = 40;

  static Stream<Arguments> edges() {
    return Stream.of(
        // ------------------------------------------------------------------ mutex
        row(
            "mutex: an unlock happens before the next lock of the same mutex",
            Races.NEVER,
            """
            mutex m
            thread a { lock m { x = 1 } }
            thread b { lock m { x = 2 } }
            """),
        row(
            "mutex: two different mutexes order nothing",
            Races.SOMETIMES,
            """
            mutex m
            mutex n
            thread a { lock m { x = 1 } }
            thread b { lock n { x = 2 } }
            """),
        // ------------------------------------------------------------------ rwlock
        row(
            "rwlock: a write unlock happens before a later read lock",
            Races.NEVER,
            """
            rwlock rw
            atomic done: bool = false
            thread w { write rw { x = 1 }
                       done.store(true, relaxed) }
            thread r { while !done.load(relaxed) { }
                       read rw { let v = x } }
            """),
        row(
            "rwlock: a read unlock happens before the next write lock",
            Races.NEVER,
            """
            rwlock rw
            atomic done: bool = false
            thread r { read rw { let v = x }
                       done.store(true, relaxed) }
            thread w { while !done.load(relaxed) { }
                       write rw { x = 1 } }
            """),
        row(
            "rwlock: every reader's unlock happens before the writer that follows them",
            Races.NEVER,
            """
            rwlock rw
            thread r[2] { read rw { let v = x } }
            thread w { write rw { x = 1 } }
            """),
        row(
            "rwlock: write sections exclude each other",
            Races.NEVER,
            """
            rwlock rw
            thread a { write rw { x = x + 1 } }
            thread b { rw.write_lock()
                       x = x + 1
                       rw.write_unlock() }
            """),
        row(
            "rwlock: a reader learns nothing from an earlier reader",
            Races.ALWAYS,
            """
            rwlock rw
            atomic done: bool = false
            thread first { x = 1
                           read rw { }
                           done.store(true, relaxed) }
            thread second { while !done.load(relaxed) { }
                            rw.read_lock()
                            rw.read_unlock()
                            let v = x }
            """),
        row(
            "rwlock: a write inside a read section races with another reader",
            Races.SOMETIMES,
            """
            rwlock rw
            thread a { read rw { x = 1 } }
            thread b { read rw { let v = x } }
            """),
        // ------------------------------------------------------------------ channel
        row(
            "channel: a send happens before the receive of its message",
            Races.NEVER,
            """
            channel ch: i32
            thread p { x = 1
                       ch.send(7) }
            thread c { let v = ch.recv()
                       let y = x }
            """),
        row(
            "channel: a receive publishes nothing to the sender on an unbounded channel",
            Races.ALWAYS,
            """
            channel ch: i32
            atomic done: bool = false
            thread p { ch.send(7)
                       while !done.load(relaxed) { }
                       let y = x }
            thread c { let v = ch.recv()
                       x = 1
                       done.store(true, relaxed) }
            """),
        row(
            "channel: with capacity 1, the first receive happens before the second send completes",
            Races.NEVER,
            """
            channel ch: i32 cap 1
            thread p { ch.send(1)
                       ch.send(2)
                       let y = x }
            thread c { x = 5
                       let a = ch.recv()
                       let b = ch.recv() }
            """),
        row(
            "channel: the same exchange without a bound orders nothing back",
            Races.SOMETIMES,
            """
            channel ch: i32
            thread p { ch.send(1)
                       ch.send(2)
                       let y = x }
            thread c { x = 5
                       let a = ch.recv()
                       let b = ch.recv() }
            """),
        row(
            "channel: two senders learn nothing from each other",
            Races.ALWAYS,
            """
            channel ch: i32
            atomic done: bool = false
            thread s1 { x = 1
                        ch.send(1)
                        done.store(true, relaxed) }
            thread s2 { while !done.load(relaxed) { }
                        ch.send(2)
                        let y = x }
            thread r { let a = ch.recv()
                       let b = ch.recv() }
            """),
        row(
            "channel: a receiver learns only from the send it received",
            Races.SOMETIMES,
            """
            channel ch: i32
            thread s1 { x = 1
                        ch.send(1) }
            thread s2 { ch.send(2) }
            thread r { let v = ch.recv()
                       if v == 2 { let y = x }
                       let w = ch.recv() }
            """),
        // ------------------------------------------------------------------ barrier
        row(
            "barrier: every arrival happens before every departure of the phase",
            Races.NEVER,
            """
            barrier b(3)
            thread w { x = 1
                       b.wait() }
            thread r[2] { b.wait()
                          let y = x }
            """),
        row(
            "barrier: it is reusable, and each phase orders again",
            Races.NEVER,
            """
            barrier b(2)
            thread a { x = 1
                       b.wait()
                       b.wait()
                       x = 3 }
            thread c { b.wait()
                       let y = x
                       b.wait() }
            """),
        row(
            "barrier: an access before the barrier in both threads is not ordered",
            Races.ALWAYS,
            """
            barrier b(2)
            thread a { x = 1
                       b.wait() }
            thread c { let y = x
                       b.wait() }
            """),
        // ------------------------------------------------------------------ condvar
        row(
            "condvar: a waiter synchronises through the mutex it takes back",
            Races.NEVER,
            """
            mutex m
            condvar cv
            shared ready: bool = false
            thread waiter { lock m { while !ready { cv.wait(m) }
                                     let y = x } }
            thread signaller { lock m { x = 1
                                        ready = true
                                        cv.notify_one() } }
            """),
        row(
            "condvar: a notification alone publishes nothing",
            Races.SOMETIMES,
            """
            mutex m
            condvar cv
            thread waiter { lock m { cv.wait(m) }
                            let y = x }
            thread signaller { x = 1
                               cv.notify_one() }
            """),
        // ------------------------------------------------------------------ yield, sleep
        row(
            "sleep never synchronises",
            Races.ALWAYS,
            """
            thread a { x = 1 }
            thread b { sleep 100ms
                       let y = x }
            """),
        row(
            "yield never synchronises",
            Races.ALWAYS,
            """
            thread a { x = 1 }
            thread b { yield
                       yield
                       let y = x }
            """),
        // ------------------------------------------------------------------ spawn, join
        row(
            "spawn and join order the parent around the child",
            Races.NEVER,
            """
            thread main { x = 1
                          spawn child
                          join child
                          let y = x }
            thread child spawned { x = x + 1 }
            """),
        row(
            "a parent's access between spawn and join races with the child",
            Races.ALWAYS,
            """
            thread main { spawn child
                          x = 1
                          join child }
            thread child spawned { x = 2 }
            """));
  }

  private static Arguments row(String edge, Races expected, String body) {
    return Arguments.of(edge, expected, "scenario \"edge\"\nshared x: i32 = 0\n" + body);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("edges")
  void eachPrimitiveOrdersExactlyWhatItsEdgesSay(String edge, Races expected, String source)
      throws ScenarioException {
    Experiment e = Experiment.of(Scenarios.parse(source));
    Program program = e.compile();
    int reached = 0;
    int racy = 0;
    for (int seed = 1; seed <= SCHEDULES; seed++) {
      Execution run = e.runOne(program, new RandomScheduler(seed), seed).execution();
      boolean touched = false;
      boolean raced = false;
      for (LedgerEntry le : run.ledger()) {
        if (le.location().equals("x")) {
          touched = true;
          raced |= le.racing();
        }
      }
      reached += touched ? 1 : 0;
      racy += raced ? 1 : 0;
    }
    assertTrue(reached > 0, edge + ": no schedule accessed x");
    switch (expected) {
      case NEVER -> assertEquals(0, racy, edge + ": x raced in " + racy + " schedules");
      case SOMETIMES -> assertTrue(racy > 0, edge + ": x never raced in " + SCHEDULES);
      case ALWAYS ->
          assertEquals(reached, racy, edge + ": x raced in only " + racy + " of " + reached);
    }
  }
}
