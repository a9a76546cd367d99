package org.racelab.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where RaceLab is installed: the launcher passes it as {@code -Dracelab.home}. */
final class Home {
  private Home() {}

  /** The scenario catalogue: {@code ./races} if present, else the installation's. */
  static Path catalogue() {
    Path here = Path.of("races");
    if (Files.isDirectory(here)) {
      return here;
    }
    String home = System.getProperty("racelab.home");
    if (home != null && Files.isDirectory(Path.of(home, "races"))) {
      return Path.of(home, "races");
    }
    return here;
  }
}
