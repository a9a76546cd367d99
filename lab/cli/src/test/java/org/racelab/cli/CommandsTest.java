package org.racelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.racelab.testing.Scenarios;

class CommandsTest {

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"run", "check", "list", "show", "generate-completion"})
  void everyCommandHasHelpWithExamples(String command) {
    Cli.Result r = Cli.run(command, "--help");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("Usage: racelab " + command), r.out());
    if (!command.equals("generate-completion")) {
      assertTrue(r.out().contains("Examples:"), r.out());
    }
  }

  @Test
  void versionPrintsTheVersion() {
    Cli.Result r = Cli.run("--version");
    assertEquals(0, r.exit());
    assertTrue(r.out().startsWith("racelab "), r.out());
  }

  @Test
  void checkAcceptsTheWholeCatalogue() {
    String[] args = Scenarios.catalogueFiles().stream().map(Path::toString).toArray(String[]::new);
    String[] all = new String[args.length + 1];
    all[0] = "check";
    System.arraycopy(args, 0, all, 1, args.length);
    Cli.Result r = Cli.run(all);
    assertEquals(0, r.exit(), r.err());
    assertEquals(args.length, r.out().lines().filter(l -> l.contains(": ok")).count());
  }

  @Test
  void checkRejectsATypeErrorWithItsPosition() throws Exception {
    Path p = tmp.resolve("t.race");
    Files.writeString(p, "atomic a: i32 = 0\nthread t {\n    a = 1\n}\n");
    Cli.Result r = Cli.run("check", p.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith(p + ":3:5: 'a' is atomic"), r.err());
  }

  @Test
  void listShowsTopicsAndTitles() {
    Cli.Result r = Cli.run("list", Scenarios.catalogue().toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("atomics/"), r.out());
    assertTrue(r.out().contains("Message passing with a relaxed flag"), r.out());
  }

  @Test
  void showPrintsACatalogueScenarioByName() {
    Cli.Result r = Cli.run("show", "message-passing-relaxed");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("scenario \"Message passing with a relaxed flag\""), r.out());
  }

  @Test
  void showPrintsAScenarioByNameAndRefusesAnUnknownOne() {
    Cli.Result unknown = Cli.run("show", "no-such-scenario");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("no scenario named 'no-such-scenario'"), unknown.err());
  }

  @Test
  void generateCompletionPrintsABashScript() {
    Cli.Result r = Cli.run("generate-completion");
    assertEquals(0, r.exit());
    assertTrue(r.out().contains("complete -F"), r.out().substring(0, 200));
  }
}
