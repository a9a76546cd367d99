package org.racelab.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under a module's {@code src/test/resources}: a test fails when its output differs
 * from the committed file. After an intended change, run the build with {@code
 * -Dracelab.updateGoldens=true} to rewrite them, then review the diff before committing.
 */
public final class Golden {
  private Golden() {}

  /** Whether this build rewrites golden files instead of checking them. */
  public static boolean updating() {
    return Boolean.getBoolean("racelab.updateGoldens");
  }

  /** Checks {@code actual} against {@code src/test/resources/<resource>} of the current module. */
  public static void check(String resource, String actual) throws IOException {
    Path file = Path.of("src/test/resources").resolve(resource);
    if (updating() || !Files.exists(file)) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "golden " + resource);
  }
}
