package org.racelab.exec;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.racelab.experiment.RunResult;
import org.racelab.testing.Scenarios;

class StepLimitTest {

  @Test
  void aSpinLoopThatNeverEndsIsStoppedNamingTheThreadAndLine() {
    RunResult r =
        Scenarios.run(
            """
            atomic go: bool = false
            thread waiter {
                while !go.load(acquire) { }
            }
            """);
    assertNotNull(r.stepLimit(), "the run must be stopped");
    String message = r.stepLimit().item().message();
    assertTrue(message.contains("waiter at line 3"), message);
    assertTrue(message.contains("spin loop"), message);
  }

  @Test
  void aLoopWithoutVisibleStepsIsStoppedToo() {
    RunResult r =
        Scenarios.run(
            """
            thread busy {
                let i = 0
                loop { i = i + 0 }
            }
            """);
    assertNotNull(r.stepLimit(), "the run must be stopped");
    assertTrue(r.stepLimit().item().message().contains("busy"), r.stepLimit().item().message());
  }
}
