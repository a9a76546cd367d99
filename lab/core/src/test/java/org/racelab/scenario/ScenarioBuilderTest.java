package org.racelab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.racelab.experiment.Experiment;
import org.racelab.experiment.RunResult;

/** Scenarios built from Java behave as the same {@code .race} file would. */
class ScenarioBuilderTest {

  private static RunResult run(Scenario s) throws ScenarioException {
    return Experiment.of(s).run(Experiment.Progress.NONE);
  }

  @Test
  void aLockedCounterBuiltInJavaIsCleanAndCountsEveryIncrement() throws Exception {
    Scenario s =
        ScenarioBuilder.named("Two workers, one counter")
            .shared("count", "i64", "0")
            .mutex("m")
            .threads("worker", 2, "repeat 100 { lock m { count += 1 } }")
            .expect("no race")
            .expect("final count == 200")
            .schedules(5)
            .build();
    RunResult r = run(s);
    assertEquals("two-workers-one-counter", s.baseName());
    assertEquals(5, s.schedules());
    assertTrue(r.allHeld(), () -> r.expectations().toString());
    assertTrue(r.races().isEmpty());
  }

  @Test
  void theUnlockedCounterRacesAndTheExpectationSaysSo() throws Exception {
    Scenario s =
        ScenarioBuilder.named("counter")
            .shared("count", "i64")
            .thread(
                "a",
                """
                let v = count
                count = v + 1
                """)
            .thread("b", "count += 1")
            .expect("race count")
            .build();
    RunResult r = run(s);
    assertFalse(r.races().isEmpty());
    assertTrue(r.allHeld());
  }

  @Test
  void theGeneratedTextIsAParsableRaceFileWithIndentedBodies() throws Exception {
    ScenarioBuilder b =
        ScenarioBuilder.named("hand-off")
            .about("A *spawned* thread.")
            .channel("ch", "i32", 1)
            .spawned("helper", "n: i64", "ch.send(n as i32)")
            .thread("main", "spawn helper(7)\nlet v = ch.recv()\njoin helper\nassert v == 7")
            .expect("clean");
    String text = b.source();
    assertTrue(text.contains("thread helper(n: i64) spawned {\n    ch.send(n as i32)\n}"), text);
    assertEquals(text, Parser.parse("x.race", text).source());
    assertTrue(run(b.build()).allHeld());
  }

  @Test
  void aMistakeInABodyIsReportedWithItsLineAndColumnInTheGeneratedText() {
    ScenarioBuilder b = ScenarioBuilder.named("bad").shared("x", "i32").thread("t", "x = = 1");
    ScenarioException e = assertThrows(ScenarioException.class, b::build);
    assertTrue(e.getMessage().startsWith("bad.race:6:9:"), e.getMessage());
  }

  @Test
  void aNameThatIsNotAnIdentifierFailsAtTheCallThatGaveIt() {
    ScenarioBuilder b = ScenarioBuilder.named("t");
    assertThrows(IllegalArgumentException.class, () -> b.shared("x y", "i32"));
    assertThrows(IllegalArgumentException.class, () -> b.mutex("1m"));
    assertThrows(IllegalArgumentException.class, () -> ScenarioBuilder.named("say \"hi\""));
    assertThrows(IllegalArgumentException.class, () -> b.expect("clean\nexpect race"));
  }
}
