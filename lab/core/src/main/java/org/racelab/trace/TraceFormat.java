package org.racelab.trace;

import java.util.Locale;

/** The trace file formats RaceLab reads and writes. */
public enum TraceFormat {
  /**
   * RAPID's "STD" text format: {@code THREAD|OP(DECOR)|LOCATION}, ops {@code r w acq rel fork join
   * begin end}.
   */
  STD,
  /**
   * RaceLab's own format: the STD syntax after a first line {@code # racelab-trace 1}, with the
   * extra ops {@code ar aw} (atomic read and write), {@code racq rrel} (read lock), {@code alloc
   * free} (read as writes of the block) and {@code send recv} (a release into and an acquire from a
   * synchronisation object).
   */
  RACELAB;

  /** The header line that marks RaceLab's own format (without the newline). */
  public static final String HEADER = "# racelab-trace 1";

  /** The command-line name: {@code std} or {@code racelab}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a command-line name, case-insensitively. */
  public static TraceFormat fromCliName(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "std" -> STD;
      case "racelab" -> RACELAB;
      default ->
          throw new IllegalArgumentException(
              "unknown trace format '" + name + "' (expected std or racelab)");
    };
  }
}
