package org.racelab.detect;

import java.util.List;
import java.util.Locale;

/** Creates detectors by their command-line names. */
public final class Detectors {
  /** Every name {@link #create} accepts, in the order {@code --detector all} runs them. */
  public static final List<String> NAMES = List.of("djit", "fasttrack", "lockset");

  private Detectors() {}

  /**
   * A fresh detector reading thread clocks from {@code clocks}.
   *
   * @param name {@code djit}, {@code fasttrack} or {@code lockset} (case-insensitive)
   * @throws IllegalArgumentException for any other name, listing the valid ones
   */
  public static Detector create(String name, ClockTable clocks) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "djit", "djit+" -> new DjitPlusDetector(clocks);
      case "fasttrack" -> new FastTrackDetector(clocks);
      case "lockset", "eraser" -> new LocksetDetector(clocks);
      default ->
          throw new IllegalArgumentException(
              "unknown detector '" + name + "' (expected one of " + String.join(", ", NAMES) + ")");
    };
  }
}
