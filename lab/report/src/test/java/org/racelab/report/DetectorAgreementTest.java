package org.racelab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.racelab.exec.Machine;
import org.racelab.experiment.Experiment;
import org.racelab.experiment.RunResult;
import org.racelab.scenario.Parser;
import org.racelab.testing.Scenarios;

/**
 * {@link DetectorAgreement} on real runs of every detector ({@code --detector all}): the verdicts
 * come from the detectors themselves, so these tests pin what each detector really says about
 * catalogue scenarios, and how the disagreement is explained.
 */
class DetectorAgreementTest {
  /** The detectors of {@code --detector all}, the classifying one first. */
  static final List<String> ALL = List.of("fasttrack", "djit", "lockset");

  /** A catalogue file run with every detector, as {@code racelab run FILE --detector all}. */
  static RunResult run(String relative, String scheduler, int schedules) throws Exception {
    String source = Files.readString(Scenarios.catalogue().resolve(relative));
    return new Experiment(
            Parser.parse("races/" + relative, source),
            "none",
            ALL,
            scheduler,
            1,
            schedules,
            null,
            Machine.Options.DEFAULT)
        .run(Experiment.Progress.NONE);
  }

  @Test
  void locksetFlagsAForkJoinHandOffThatHappensBeforeOrders() throws Exception {
    RunResult r = run("basics/spawn-join-handoff.race", "random", 1);
    DetectorAgreement a = DetectorAgreement.of(r);
    assertNotNull(a);
    assertEquals(ALL, a.detectors());
    assertEquals(1, a.rows().size(), a.toString());
    DetectorAgreement.Row data = a.rows().get(0);
    assertEquals("data", data.location());
    assertEquals(List.of(false, false, true), data.racing(), "only lockset finds it racing");
    assertTrue(data.disagree());
    assertTrue(a.anyDisagreement());
    assertTrue(data.sentence().startsWith("lockset reports data: no common lock"), data.sentence());
    assertTrue(
        data.sentence().contains("through the spawn of helper and the join of helper"),
        "names the hand-off this execution made: " + data.sentence());
    assertTrue(data.sentence().contains("false alarm"), data.sentence());
    assertTrue(data.sentence().endsWith("."), data.sentence());
    assertEquals("", a.scope(), "one schedule: no scope to name");
  }

  @Test
  void aHandOffThroughAChannelIsNamedAndTheSchedulesAreCounted() throws Exception {
    RunResult r = run("sync/lockset-handoff.race", "random", 5);
    DetectorAgreement a = DetectorAgreement.of(r);
    assertNotNull(a);
    DetectorAgreement.Row buf0 =
        a.rows().stream().filter(x -> x.location().equals("buf[0]")).findFirst().orElseThrow();
    assertEquals(List.of(false, false, true), buf0.racing());
    assertTrue(buf0.sentence().contains("the channel done"), buf0.sentence());
    assertTrue(buf0.sentence().contains("the spawn of worker"), buf0.sentence());
    assertTrue(
        buf0.sentence().contains("happens-before found them ordered in all 5 schedules"),
        buf0.sentence());
    assertEquals("the shown schedule, seed 1", a.scope());
  }

  @Test
  void everyDetectorAgreesThatALockedCounterIsClean() throws Exception {
    RunResult r = run("basics/locked-counter.race", "random", 3);
    DetectorAgreement a = DetectorAgreement.of(r);
    assertNotNull(a);
    assertEquals(List.of(), a.rows(), "no detector found any location racing");
    assertFalse(a.anyDisagreement());
    assertEquals(r.representative().execution().locations().size(), a.cleanLocations());
    assertTrue(a.cleanLocations() >= 1);
  }

  @Test
  void everyDetectorAgreesOnARealRace() throws Exception {
    RunResult r = run("basics/unsynchronised-counter.race", "random", 1);
    DetectorAgreement a = DetectorAgreement.of(r);
    assertNotNull(a);
    DetectorAgreement.Row counter = a.rows().get(0);
    assertEquals("counter", counter.location());
    assertEquals(List.of(true, true, true), counter.racing());
    assertFalse(counter.disagree());
    assertEquals("", counter.sentence());
  }

  @Test
  void locksetMissesARaceWhileTheFirstThreadStillOwnsTheLocation() throws Exception {
    // a writes x with no lock; b then writes it holding m. Eraser's exclusive state forgave a's
    // write, and the candidate set starts as {m} when b's write makes x shared: no report, although
    // nothing orders the two writes.
    RunResult r =
        new Experiment(
                Scenarios.parse(
                    """
                    scenario "first write forgiven"
                    shared x: i32 = 0
                    mutex m
                    thread a { x = 1 }
                    thread b { lock m { x = 2 } }
                    """),
                "none",
                ALL,
                "round-robin",
                1,
                1,
                null,
                Machine.Options.DEFAULT)
            .run(Experiment.Progress.NONE);
    DetectorAgreement a = DetectorAgreement.of(r);
    assertNotNull(a);
    DetectorAgreement.Row x = a.rows().get(0);
    assertEquals(List.of(true, true, false), x.racing(), a.toString());
    assertTrue(x.sentence().startsWith("fasttrack and djit report x, lockset does not"));
    assertTrue(x.sentence().contains("missed race"), x.sentence());
  }

  @Test
  void withOneDetectorThereIsNothingToCompare() throws IOException {
    RunResult r = Scenarios.run("scenario \"one\"\nshared x: i32 = 0\nthread a { x = 1 }\n");
    assertNull(DetectorAgreement.of(r));
  }
}
