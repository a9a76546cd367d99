package org.racelab.detect;

import java.util.List;

/** Creates detectors by name. */
public final class Detectors {
  private Detectors() {}

  /** The names {@link #create} accepts. */
  public static List<String> names() {
    return List.of("djit");
  }

  /** A new detector reading the given clocks. */
  public static Detector create(String name, ClockTable clocks) {
    if (name.equals("djit")) {
      return new DjitPlusDetector(clocks);
    }
    throw new IllegalArgumentException("unknown detector '" + name + "'");
  }
}
