package org.racelab.stress.lincheck;

import java.util.Locale;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;

/**
 * Model-checking settings from the {@code racelab.lincheck.size} system property: {@code small}
 * (the default, for {@code ./mvnw verify}: about 20 seconds for all tests on two cores) or {@code
 * large} (the {@code stress} Maven profile: three threads, more scenarios and interleavings; a few
 * minutes).
 */
final class LincheckSizes {
  private LincheckSizes() {}

  /** Whether the large sizes were asked for. */
  static boolean large() {
    String size = System.getProperty("racelab.lincheck.size", "small").toLowerCase(Locale.ROOT);
    if (!size.equals("small") && !size.equals("large")) {
      throw new IllegalArgumentException(
          "racelab.lincheck.size must be small or large, not '" + size + "'");
    }
    return size.equals("large");
  }

  /** Model checking with the configured sizes. */
  static ModelCheckingOptions modelChecking() {
    ModelCheckingOptions o = new ModelCheckingOptions();
    if (large()) {
      return o.iterations(15)
          .invocationsPerIteration(800)
          .threads(3)
          .actorsPerThread(2)
          .actorsBefore(1)
          .actorsAfter(1);
    }
    return o.iterations(5)
        .invocationsPerIteration(60)
        .threads(2)
        .actorsPerThread(2)
        .actorsBefore(1)
        .actorsAfter(1);
  }

  /** The most Lincheck threads any size uses, plus one for the initial and final parts. */
  static final int MAX_PARTICIPANTS = 4;
}
