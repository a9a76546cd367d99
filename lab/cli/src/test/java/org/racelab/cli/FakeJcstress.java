package org.racelab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A stand-in for {@code jcstress.jar} in tests of {@code racelab litmus}: checks that it was asked
 * for exactly one test with the documented short settings, writes an {@code index.html} into the
 * {@code -r} folder, and prints a recorded JCStress output (the resource {@code fake/output},
 * packed into the fake jar by the test) instead of spending 40 seconds per test.
 */
public final class FakeJcstress {
  private FakeJcstress() {}

  /** Behaves like {@code java -jar jcstress.jar ARGS} for the tests' purposes. */
  public static void main(String[] args) throws IOException {
    List<String> a = List.of(args);
    String text;
    try (InputStream in = FakeJcstress.class.getResourceAsStream("/fake/output")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (String required : List.of("-v", "-f", "-fsm", "-iters", "-time", "-sc", "-jvmArgs")) {
      if (!a.contains(required)) {
        System.out.println("fake jcstress: missing " + required);
        System.exit(3);
      }
    }
    Pattern selector = Pattern.compile(a.get(a.indexOf("-t") + 1));
    long matching =
        text.lines()
            .filter(l -> l.contains("[OK]") || l.contains("[FAILED]"))
            .map(l -> l.substring(l.indexOf(']') + 1).strip())
            .distinct()
            .filter(n -> selector.matcher(n).find())
            .count();
    if (matching != 1) {
      System.out.println("fake jcstress: -t selects " + matching + " tests, not 1");
      System.exit(4);
    }
    Path results = Path.of(a.get(a.indexOf("-r") + 1));
    Files.createDirectories(results);
    Files.writeString(results.resolve("index.html"), "<html>fake</html>");
    System.out.print(text);
  }
}
