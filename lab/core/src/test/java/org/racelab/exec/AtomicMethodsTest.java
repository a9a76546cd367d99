package org.racelab.exec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.racelab.experiment.Experiment;
import org.racelab.experiment.RunResult;
import org.racelab.scenario.ScenarioException;
import org.racelab.testing.Scenarios;

/** The read-modify-writes beyond add and sub, and the literals they are usually written with. */
class AtomicMethodsTest {

  @Test
  void bitwiseMaxAndMinComputeAsRustsAtomicsDo() {
    RunResult r =
        Scenarios.run(
            """
            atomic f: u8 = 0b1100
            atomic b: bool = false
            atomic m: i32 = -5
            atomic u: u32 = 1
            thread t {
                f.fetch_or(1, relaxed)
                f.fetch_and(0o5, relaxed)
                f.fetch_xor(0xF, relaxed)
                b.fetch_or(true, relaxed)
                m.fetch_max(3, relaxed)
                m.fetch_min(-10, relaxed)
                u.fetch_max(4_000_000_000, relaxed)
                let old = u.fetch_min(5, relaxed)
                assert old == 4_000_000_000
            }
            expect final f == 10
            expect final b == true
            expect final m == -10
            expect final u == 5
            expect no panic
            """);
    assertTrue(r.allHeld(), () -> r.expectations().toString());
  }

  @Test
  void aReleasingFetchOrPublishesLikeAReleaseStore() {
    String source =
        """
        shared data: i32 = 0
        atomic flags: u8 = 0
        thread a {
            data = 1
            flags.fetch_or(1, ORDER)
        }
        thread b {
            while flags.load(acquire) & 1 == 0 { }
            let v = data
        }
        """;
    assertTrue(Scenarios.run(source.replace("ORDER", "release"), 20).races().isEmpty());
    assertFalse(Scenarios.run(source.replace("ORDER", "relaxed"), 20).races().isEmpty());
  }

  @Test
  void aWeakCompareExchangeSucceedsWhenTheValueMatches() {
    RunResult r =
        Scenarios.run(
            """
            atomic x: i32 = 0
            thread t {
                let ok = x.compare_exchange_weak(0, 1, acq_rel, relaxed)
                assert ok
                assert !x.compare_exchange_weak(0, 2, acq_rel, relaxed)
            }
            expect final x == 1
            expect no panic
            """);
    assertTrue(r.allHeld(), () -> r.expectations().toString());
  }

  @Test
  void maxOnABoolIsATypeError() {
    ScenarioException e =
        assertThrows(
            ScenarioException.class,
            () ->
                Experiment.of(
                        Scenarios.parse(
                            "atomic b: bool = false\nthread t { b.fetch_max(true, relaxed) }"))
                    .compile());
    assertTrue(e.getMessage().contains("needs an integer location"), e.getMessage());
  }
}
