package org.racelab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.racelab.scenario.Parser;
import org.racelab.scenario.Scenario;
import org.racelab.scenario.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code racelab list}: the scenario catalogue, grouped by topic folder. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "Lists the scenarios of a catalogue folder (default: races/), by topic.",
    footer = {"", "Examples:", "  racelab list", "  racelab list races/memory"})
final class ListCommand implements Callable<Integer> {

  @Parameters(arity = "0..1", paramLabel = "DIR", description = "A folder of .race files.")
  Path dir;

  @Override
  public Integer call() {
    Path root = dir != null ? dir : Home.catalogue();
    if (!Files.isDirectory(root)) {
      throw new UserError(root + ": no such folder");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> p.toString().endsWith(".race")).sorted().toList();
    } catch (IOException e) {
      throw new UserError(root + ": cannot read: " + e.getMessage());
    }
    String topic = null;
    for (Path p : files) {
      Path rel = root.relativize(p);
      String t = rel.getParent() == null ? "." : rel.getParent().toString();
      if (!t.equals(topic)) {
        topic = t;
        System.out.println((topic.equals(".") ? root.toString() : topic) + "/");
      }
      String title;
      try {
        Scenario s = Parser.parse(p.toString(), Files.readString(p));
        title = s.title() == null ? "" : s.title();
      } catch (ScenarioException | IOException e) {
        title = "(does not parse: " + e.getMessage() + ")";
      }
      String name = p.getFileName().toString().replaceFirst("\\.race$", "");
      System.out.println(String.format(Locale.ROOT, "  %-36s %s", name, title));
    }
    return 0;
  }
}
