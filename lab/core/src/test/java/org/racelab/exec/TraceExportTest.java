package org.racelab.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.racelab.experiment.Experiment;
import org.racelab.sched.Scheduler;
import org.racelab.testing.ExportChecks;
import org.racelab.testing.ExportChecks.Line;
import org.racelab.testing.Scenarios;
import org.racelab.trace.TraceFormat;

/**
 * {@link TraceExport} on small hand-written scenarios under fixed schedules: which lines each
 * primitive becomes in both formats, that the offline verdicts are the simulator's ({@link
 * ExportChecks#assertExact}), and the edges that only the export can supply.
 */
class TraceExportTest {

  /** Runs the threads in the given priority: always the first one named that can move. */
  private record InOrder(List<String> order) implements Scheduler {
    @Override
    public String kind() {
      return "in-order";
    }

    @Override
    public int pickThread(List<Integer> enabled, Machine machine) {
      for (String name : order) {
        int t = machine.threadNames().indexOf(name);
        if (enabled.contains(t)) {
          return t;
        }
      }
      return enabled.get(0);
    }

    @Override
    public int choose(int thread, int options) {
      return 0;
    }
  }

  /** The scenario run under the given thread priority, after checking both exports. */
  private static Execution run(String source, String... order) throws Exception {
    Experiment e = Experiment.of(Scenarios.parse(source));
    Execution run = e.runOne(e.compile(), new InOrder(List.of(order)), 0).execution();
    ExportChecks.assertExact(run, "scenario:\n" + source);
    return run;
  }

  private static ExportedTrace export(Execution run, TraceFormat format) {
    return TraceExport.export(run, format);
  }

  private static List<String> lines(ExportedTrace t) {
    return ExportChecks.text(t).lines().filter(l -> !l.startsWith("#")).toList();
  }

  private static List<String> racy(ExportedTrace t) throws Exception {
    return ExportChecks.analyse(t, "test").stream()
        .filter(Line::isRacy)
        .map(l -> l.threadName() + " " + l.variable())
        .toList();
  }

  private static void assertHas(ExportedTrace t, String line) {
    assertTrue(lines(t).contains(line), () -> "no line " + line + " in\n" + ExportChecks.text(t));
  }

  private static void assertNone(ExportedTrace t, String part) {
    assertTrue(
        lines(t).stream().noneMatch(l -> l.contains(part)),
        () -> "a line has " + part + ":\n" + ExportChecks.text(t));
  }

  private static final String MESSAGE_PASSING =
      """
      shared data: i32 = 0
      atomic ready: bool = false
      thread producer {
          data = 42
          ready.store(true, %s)
      }
      thread consumer {
          while !ready.load(acquire) { }
          let v = data
      }
      """;

  @Test
  void releaseAcquireMessagePassingBecomesAnEdgeAndNoRace() throws Exception {
    Execution run =
        run(String.format(Locale.ROOT, MESSAGE_PASSING, "release"), "producer", "consumer");
    assertTrue(run.races().isEmpty(), "the simulation orders data");

    ExportedTrace own = export(run, TraceFormat.RACELAB);
    assertEquals(
        List.of(
            "producer|w(data)|4",
            "producer|aw(ready)|5",
            "producer|send(ready#1)|5",
            "consumer|ar(ready)|8",
            "consumer|recv(ready#1)|8",
            "consumer|r(data)|9"),
        lines(own));
    assertEquals(1, own.edges());
    assertEquals(List.of(), racy(own));

    ExportedTrace std = export(run, TraceFormat.STD);
    assertEquals(
        List.of(
            "producer|w(data)|4",
            "producer|acq(ready#1/1)|4",
            "producer|rel(ready#1/1)|4",
            "consumer|acq(ready#1/1)|8",
            "consumer|rel(ready#1/1)|8",
            "consumer|r(data)|9"),
        lines(std));
    assertEquals(2, std.omittedAtomics(), "the store and the load are left out");
    assertEquals(List.of(), racy(std));
  }

  @Test
  void relaxedMessagePassingKeepsTheRace() throws Exception {
    Execution run =
        run(String.format(Locale.ROOT, MESSAGE_PASSING, "relaxed"), "producer", "consumer");
    assertFalse(run.races().isEmpty(), "the simulation finds the race on data");
    for (TraceFormat format : TraceFormat.values()) {
      ExportedTrace t = export(run, format);
      assertEquals(0, t.edges(), "a relaxed store publishes nothing");
      assertNone(t, "send(");
      assertNone(t, "acq(");
      assertEquals(List.of("consumer data"), racy(t), format.cliName());
    }
  }

  @Test
  void aChannelMessageIsOneObjectSentAndReceived() throws Exception {
    Execution run =
        run(
            """
            shared data: i32 = 0
            channel ch: i32
            thread producer {
                data = 1
                ch.send(7)
            }
            thread consumer {
                let v = ch.recv()
                let w = data
            }
            """,
            "producer",
            "consumer");
    ExportedTrace own = export(run, TraceFormat.RACELAB);
    assertEquals(
        List.of(
            "producer|w(data)|4",
            "producer|send(ch#1)|5",
            "consumer|recv(ch#1)|8",
            "consumer|r(data)|9"),
        lines(own));
    assertEquals(List.of(), racy(own));
    ExportedTrace std = export(run, TraceFormat.STD);
    assertEquals(
        List.of(
            "producer|w(data)|4",
            "producer|acq(ch#1/1)|5",
            "producer|rel(ch#1/1)|5",
            "consumer|acq(ch#1/1)|8",
            "consumer|rel(ch#1/1)|8",
            "consumer|r(data)|9"),
        lines(std));
    assertEquals(List.of(), racy(std));
  }

  @Test
  void aReceiveBeforeTheMessageIsSentHasNoEdgeAndTheRaceStays() throws Exception {
    // the consumer reads data before it receives: the message orders nothing it read
    Execution run =
        run(
            """
            shared data: i32 = 0
            channel ch: i32
            thread producer {
                ch.send(7)
                data = 1
            }
            thread consumer {
                let v = ch.recv()
                let w = data
            }
            """,
            "producer",
            "consumer");
    for (TraceFormat format : TraceFormat.values()) {
      assertEquals(List.of("consumer data"), racy(export(run, format)), format.cliName());
    }
  }

  private static final String BARRIER =
      """
      shared x: i32 = 0
      shared y: i32 = 0
      barrier b(2)
      thread a {
          x = 1
          %s
          let v = y
      }
      thread c {
          y = 1
          %s
          let w = x
      }
      """;

  @Test
  void aBarrierDepartureReceivesEveryOtherArrival() throws Exception {
    Execution run = run(String.format(Locale.ROOT, BARRIER, "b.wait()", "b.wait()"), "a", "c");
    assertTrue(run.races().isEmpty());
    ExportedTrace own = export(run, TraceFormat.RACELAB);
    assertEquals(2, own.edges(), "one edge into each departure, from the other's arrival");
    assertEquals(2, lines(own).stream().filter(l -> l.contains("|send(b#")).count());
    assertEquals(2, lines(own).stream().filter(l -> l.contains("|recv(b#")).count());
    assertEquals(List.of(), racy(own));
    ExportedTrace std = export(run, TraceFormat.STD);
    assertEquals(8, lines(std).stream().filter(l -> l.contains("(b#")).count());
    assertEquals(List.of(), racy(std));
  }

  @Test
  void withoutTheBarrierTheSecondThreadsAccessesRace() throws Exception {
    Execution run = run(String.format(Locale.ROOT, BARRIER, "", ""), "a", "c");
    for (TraceFormat format : TraceFormat.values()) {
      ExportedTrace t = export(run, format);
      assertEquals(0, t.edges());
      assertEquals(List.of("c y", "c x"), racy(t), format.cliName());
    }
  }

  @Test
  void aMutexIsItsOwnLockLinesWithNoExtraEdge() throws Exception {
    Execution run =
        run(
            """
            shared data: i32 = 0
            mutex m
            thread a { lock m { data = 1 } }
            thread b { lock m { data = 2 } }
            """,
            "a",
            "b");
    for (TraceFormat format : TraceFormat.values()) {
      ExportedTrace t = export(run, format);
      assertEquals(
          List.of(
              "a|acq(m)|3", "a|w(data)|3", "a|rel(m)|3", "b|acq(m)|4", "b|w(data)|4", "b|rel(m)|4"),
          lines(t),
          format.cliName());
      assertEquals(0, t.edges());
      assertEquals(List.of(), racy(t));
    }
  }

  @Test
  void readLocksAreOwnLinesOrStdPairLocksNamedAfterTheLock() throws Exception {
    Execution run =
        run(
            """
            shared data: i32 = 0
            rwlock rw
            thread w { write rw { data = 1 } }
            thread r1 { read rw { let v = data } }
            thread r2 { read rw { let v = data } }
            """,
            "w",
            "r1",
            "r2");
    assertTrue(run.races().isEmpty());
    ExportedTrace own = export(run, TraceFormat.RACELAB);
    assertHas(own, "r1|racq(rw)|4");
    assertHas(own, "r2|rrel(rw)|5");
    assertEquals(0, own.edges());
    assertEquals(List.of(), racy(own));
    ExportedTrace std = export(run, TraceFormat.STD);
    assertHas(std, "w|acq(rw)|3");
    assertNone(std, "racq");
    assertNone(std, "|acq(rw)|4");
    assertEquals(2, std.edges(), "the writer's release to each reader");
    assertHas(std, "r1|acq(rw#1/1)|4");
    assertHas(std, "r2|acq(rw#1/2)|5");
    assertEquals(List.of(), racy(std));
  }

  private static final String SPAWN =
      """
      shared data: i32 = 0
      thread main {
          data = 1
          spawn child
          %s
          data = 3
      }
      thread child spawned {
          data = 2
      }
      """;

  @Test
  void spawnAndJoinAreForkAndJoin() throws Exception {
    Execution run = run(String.format(Locale.ROOT, SPAWN, "join child"), "main", "child");
    for (TraceFormat format : TraceFormat.values()) {
      ExportedTrace t = export(run, format);
      assertEquals(
          List.of(
              "main|w(data)|3",
              "main|fork(child)|4",
              "child|w(data)|9",
              "main|join(child)|5",
              "main|w(data)|6"),
          lines(t),
          format.cliName());
      assertEquals(0, t.edges());
      assertEquals(List.of(), racy(t));
    }
  }

  @Test
  void withoutTheJoinTheChildsWriteRaces() throws Exception {
    Execution run = run(String.format(Locale.ROOT, SPAWN, ""), "child", "main");
    for (TraceFormat format : TraceFormat.values()) {
      assertEquals(List.of("main data"), racy(export(run, format)), format.cliName());
    }
  }

  @Test
  void allocationAndFreeAreWritesOfEveryCell() throws Exception {
    Execution run =
        run(
            """
            thread main {
                let p = alloc [i32; 3]
                p[1] = 5
                free p
            }
            """,
            "main");
    assertEquals(
        List.of(
            "main|alloc(p[0])|2",
            "main|alloc(p[1])|2",
            "main|alloc(p[2])|2",
            "main|w(p[1])|3",
            "main|free(p[0])|4",
            "main|free(p[1])|4",
            "main|free(p[2])|4"),
        lines(export(run, TraceFormat.RACELAB)));
    assertEquals(
        List.of(
            "main|w(p[0])|2",
            "main|w(p[1])|2",
            "main|w(p[2])|2",
            "main|w(p[1])|3",
            "main|w(p[0])|4",
            "main|w(p[1])|4",
            "main|w(p[2])|4"),
        lines(export(run, TraceFormat.STD)));
  }

  @Test
  void aFreeRacesWithAnotherThreadsRead() throws Exception {
    Execution run =
        run(
            """
            thread main {
                let p = alloc [i32; 2]
                p[0] = 1
                p[1] = 2
                spawn reader(p)
                free p
                join reader
            }
            thread reader(q: ptr<i32>) spawned {
                let v = q[1]
            }
            """,
            "reader",
            "main");
    // the reader reads before main frees: the free of p[1] is the racy access
    for (TraceFormat format : TraceFormat.values()) {
      assertEquals(List.of("main p[1]"), racy(export(run, format)), format.cliName());
    }
  }

  @Test
  void anEdgeStartsBeforeWhatItsSourceLearnedAfterPublishing() throws Exception {
    // u publishes x through f, and only then learns w's y through g. t acquires f: it must know
    // x but not y, so its write of y races. In STD, where u's atomics are left out, the point
    // after u's last plain line is followed by u's acquire of g; the edge must start before it.
    Execution run =
        run(
            """
            shared x: i32 = 0
            shared y: i32 = 0
            atomic f: i32 = 0
            atomic g: i32 = 0
            thread w {
                y = 1
                g.store(1, release)
            }
            thread u {
                x = 1
                f.store(1, release)
                while g.load(acquire) == 0 { }
            }
            thread t {
                while f.load(acquire) == 0 { }
                let a = x
                y = 2
            }
            """,
            "w",
            "u",
            "t");
    for (TraceFormat format : TraceFormat.values()) {
      ExportedTrace e = export(run, format);
      assertEquals(List.of("t y"), racy(e), format.cliName());
    }
    List<String> std = lines(export(run, TraceFormat.STD));
    assertEquals(
        List.of(
            "w|w(y)|6",
            "w|acq(g#1/1)|6",
            "w|rel(g#1/1)|6",
            "u|w(x)|10",
            "u|acq(f#1/1)|10",
            "u|rel(f#1/1)|10",
            "u|acq(g#1/1)|12",
            "u|rel(g#1/1)|12",
            "t|acq(f#1/1)|15",
            "t|rel(f#1/1)|15",
            "t|r(x)|16",
            "t|w(y)|17"),
        std);
  }

  @Test
  void localsOfTwoThreadsWithOneNameStayTwoVariables() throws Exception {
    Execution run =
        run(
            """
            thread a {
                local v: i32 = 0
                v = 1
            }
            thread b {
                local v: i32 = 0
                v = 2
            }
            """,
            "a",
            "b");
    for (TraceFormat format : TraceFormat.values()) {
      ExportedTrace t = export(run, format);
      List<String> variables =
          ExportChecks.analyse(t, "locals").stream().map(Line::variable).distinct().toList();
      assertEquals(2, variables.size(), ExportChecks.text(t));
      assertEquals("v", variables.get(0));
      assertTrue(variables.get(1).matches("v#\\d+"), variables.get(1));
      assertEquals(List.of(), racy(t));
    }
  }

  @Test
  void aMutexReleasedByAPanicIsAReleaseLine() throws Exception {
    // without a's release line, b's acquire would be rejected: "acq(m) while thread a holds it"
    Execution run =
        run(
            """
            shared data: i32 = 0
            mutex m
            thread a {
                lock m {
                    data = 1
                    assert false
                }
            }
            thread b { lock m { } }
            """,
            "a",
            "b");
    assertEquals(2, run.panics().size(), "a's assertion, then b on the poisoned mutex");
    for (TraceFormat format : TraceFormat.values()) {
      ExportedTrace t = export(run, format);
      assertEquals(
          List.of("a|acq(m)|4", "a|w(data)|5", "a|rel(m)|6", "b|acq(m)|9", "b|rel(m)|9"),
          lines(t),
          format.cliName());
      assertEquals(List.of(), racy(t));
    }
  }

  @Test
  void onOsThreadsTheEdgesAreNamedAndPlacedAsInTheSimulator() throws Exception {
    // whatever the interleaving, the consumer reads data after the load that saw the release
    // store, so one edge from the producer is needed; it must come from the atomic step (named
    // after ready, on the load's line), not be noticed only at the next access
    Experiment e =
        Experiment.of(Scenarios.parse(String.format(Locale.ROOT, MESSAGE_PASSING, "release")));
    Execution run = e.runOnOsThreads(e.compile()).execution();
    ExportChecks.assertExact(run, "message passing on OS threads");
    ExportedTrace own = export(run, TraceFormat.RACELAB);
    assertEquals(1, own.edges(), ExportChecks.text(own));
    assertHas(own, "producer|send(ready#1)|5");
    assertHas(own, "consumer|recv(ready#1)|8");
  }
}
