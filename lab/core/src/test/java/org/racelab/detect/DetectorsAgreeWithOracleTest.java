package org.racelab.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.racelab.testing.HappensBeforeOracle;
import org.racelab.testing.HappensBeforeOracle.Partner;
import org.racelab.testing.HappensBeforeOracle.Verdict;
import org.racelab.testing.RandomTraces;
import org.racelab.testing.TestTrace;
import org.racelab.testing.TestTrace.Op;

/**
 * Property: on random well-formed traces, the happens-before detectors agree with the brute-force
 * oracle on every access, both on the verdict and on the reported partners (per other thread, the
 * latest unordered conflicting access: thread, kind and site). The number of traces comes from the
 * system property {@code racelab.oracle.traces} (default 10,000; {@code -Pstress} runs 100,000).
 */
class DetectorsAgreeWithOracleTest {

  private static final int TRACES = Integer.getInteger("racelab.oracle.traces", 10_000);

  @ParameterizedTest
  @ValueSource(strings = {"djit", "fasttrack"})
  void everyAccessGetsTheOraclesVerdictAndPartners(String name) {
    long racyAccesses = 0;
    long accesses = 0;
    for (long seed = 0; seed < TRACES; seed++) {
      TestTrace trace = RandomTraces.generate(seed);
      List<Verdict> expected = HappensBeforeOracle.verdicts(trace);
      ClockTable clocks = new ClockTable();
      Detector detector = Detectors.create(name, clocks);
      Set<Partner> reported = new HashSet<>();
      detector.setConflictSink((t, kind, site, clock) -> reported.add(new Partner(t, kind, site)));
      DetectorDriver driver = new DetectorDriver(clocks, List.of(detector));
      int next = 0;
      List<Op> ops = trace.ops();
      for (int i = 0; i < ops.size(); i++) {
        reported.clear();
        TestTrace.apply(ops.get(i), driver);
        if (!ops.get(i).type().isAccess()) {
          continue;
        }
        Verdict v = expected.get(next++);
        accesses++;
        if (v.racy()) {
          racyAccesses++;
        }
        if (v.racy() != driver.racy(0) || !v.partners().equals(reported)) {
          fail(
              String.format(
                  Locale.ROOT,
                  "%s disagrees with the oracle on seed %d at event %d (%s): expected racy=%s"
                      + " partners=%s, got racy=%s partners=%s%ntrace:%n%s",
                  name,
                  seed,
                  i + 1,
                  ops.get(i),
                  v.racy(),
                  v.partners(),
                  driver.racy(0),
                  reported,
                  trace.render()));
        }
      }
    }
    // The generator must exercise both outcomes, or the property says little.
    assertEquals(true, racyAccesses > accesses / 50, "too few racy accesses: " + racyAccesses);
    assertEquals(true, racyAccesses < accesses / 2, "too many racy accesses: " + racyAccesses);
  }
}
