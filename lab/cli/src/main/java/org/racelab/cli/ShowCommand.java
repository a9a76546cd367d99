package org.racelab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code racelab show}: prints a catalogue scenario by name. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Prints a catalogue scenario, found by its file name (without .race).",
    footer = {
      "",
      "Examples:",
      "  racelab show message-passing-relaxed",
      "  racelab show atomics/store-buffering"
    })
final class ShowCommand implements Callable<Integer> {

  @Parameters(paramLabel = "NAME", description = "A scenario name, as 'racelab list' shows it.")
  String name;

  @Override
  public Integer call() {
    Path root = Home.catalogue();
    String wanted = name.endsWith(".race") ? name : name + ".race";
    List<Path> matches;
    try (Stream<Path> walk = Files.isDirectory(root) ? Files.walk(root) : Stream.empty()) {
      matches =
          walk.filter(p -> p.toString().replace('\\', '/').endsWith("/" + wanted))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UserError(root + ": cannot read: " + e.getMessage());
    }
    if (matches.isEmpty()) {
      Path direct = Path.of(name);
      if (Files.isRegularFile(direct)) {
        matches = List.of(direct);
      } else {
        throw new UserError("no scenario named '" + name + "' in " + root + " (see racelab list)");
      }
    }
    if (matches.size() > 1) {
      throw new UserError(
          "'"
              + name
              + "' names several scenarios: "
              + matches
              + "; add the topic folder, as in atomics/"
              + wanted.replace(".race", ""));
    }
    Path p = matches.get(0);
    System.out.println("# " + p);
    System.out.print(ScenarioFiles.read(p, p.toString()));
    return 0;
  }
}
