package org.racelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources}: the test fails when the output differs. Run with
 * {@code -Dracelab.updateGoldens=true} to rewrite them, then review the diff.
 */
final class Golden {
  private Golden() {}

  static void check(String resource, String actual) throws IOException {
    Path file = Path.of("src/test/resources").resolve(resource);
    if (Boolean.getBoolean("racelab.updateGoldens") || !Files.exists(file)) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "golden " + resource);
  }
}
