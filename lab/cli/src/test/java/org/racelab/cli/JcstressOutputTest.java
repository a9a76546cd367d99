package org.racelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading JCStress 0.16's console output, recorded from real runs on this project's tests. */
class JcstressOutputTest {

  static String recorded(String name) throws IOException {
    try (InputStream in = JcstressOutputTest.class.getResourceAsStream("/jcstress/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aVerboseRunOfEveryLitmusTestGivesEveryTestsTableFromTheFinalSummary() throws IOException {
    Map<String, JcstressOutput.Result> all = JcstressOutput.parse(recorded("litmus-all.out"));
    assertEquals(8, all.size(), all.keySet().toString());
    JcstressOutput.Result sb = all.get("org.racelab.stress.litmus.StoreBufferingPlain");
    assertEquals("OK", sb.status());
    assertEquals(4, sb.rows().size());
    assertEquals(
        new JcstressOutput.Row(
            "0, 0",
            260,
            "Interesting",
            "Both loads passed the other store: a store buffer at work."),
        sb.rows().get(0));
    assertEquals(260 + 66_634 + 25_114, sb.total(), "the summary, not the per-fork tables");
    assertEquals(260, sb.samplesOf(List.of("0, 0")));
    JcstressOutput.Result counter = all.get("org.racelab.stress.litmus.RacyCounter");
    assertEquals(3_497, counter.samplesOf(List.of("1")));
    JcstressOutput.Result mp = all.get("org.racelab.stress.litmus.MessagePassingVolatile");
    assertEquals("Forbidden", mp.rows().get(2).expect());
    assertFalse(mp.forbiddenSeen(), "the forbidden row has 0 samples");
  }

  @Test
  void aQuietRunListsTheInterestingTestsItPrinted() throws IOException {
    Map<String, JcstressOutput.Result> all =
        JcstressOutput.parse(recorded("store-buffering-plain-not-verbose.out"));
    JcstressOutput.Result sb = all.get("org.racelab.stress.litmus.StoreBufferingPlain");
    assertEquals(252_601, sb.samplesOf(List.of("0, 0")));
    assertEquals(252_601 + 607_238 + 231_781 + 2, sb.total());
  }

  @Test
  void forbiddenOutcomesNegativeIdsAndForeignGroupingAreRead() {
    String text =
        """
        RUN RESULTS:
          Failed tests: 1 matching test results.

        .......... [FAILED] org.example.Broken

          Results across all configurations:

              RESULT      SAMPLES     FREQ       EXPECT  DESCRIPTION
              -1, 0            0    0.00%    Forbidden  A false deadlock.
          0, 0, 1, 1    1.234.567   99.99%   Acceptable  Fine.
                1, 0          12   <0.01%    Forbidden

        """;
    JcstressOutput.Result r = JcstressOutput.parse(text).get("org.example.Broken");
    assertEquals("FAILED", r.status());
    assertEquals(3, r.rows().size());
    assertEquals("-1, 0", r.rows().get(0).outcome());
    assertEquals(1_234_567, r.rows().get(1).samples());
    assertEquals("", r.rows().get(2).description());
    assertTrue(r.forbiddenSeen());
  }

  @Test
  void outputWithoutATableGivesNoResultRatherThanAnError() {
    assertTrue(JcstressOutput.parse("Error: Unable to access jarfile x.jar\n").isEmpty());
  }
}
