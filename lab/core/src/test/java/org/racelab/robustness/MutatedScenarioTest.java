package org.racelab.robustness;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.racelab.exec.Machine;
import org.racelab.experiment.Experiment;
import org.racelab.scenario.Parser;
import org.racelab.scenario.Scenario;
import org.racelab.scenario.ScenarioException;
import org.racelab.testing.Scenarios;

/**
 * Hostile input: catalogue scenarios with random edits (deleted, duplicated, swapped and replaced
 * tokens and characters) must either be refused with a {@link ScenarioException} or run to the end.
 * Anything else (a NullPointerException, a ClassCastException, a stack overflow) is a bug that
 * would reach the user as an internal error.
 */
class MutatedScenarioTest {
  private static final String[] SNIPPETS = {
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "=",
    "==",
    "+",
    "-",
    "*",
    "&",
    "&&",
    "!",
    ".",
    "..",
    ",",
    ";",
    "\n",
    "0",
    "-1",
    "99999999999",
    "true",
    "null",
    "'x'",
    "\"s\"",
    "let",
    "local",
    "box",
    "alloc",
    "vec",
    "free",
    "drop",
    "lock",
    "spawn",
    "join",
    "if",
    "else",
    "while",
    "for",
    "repeat",
    "break",
    "continue",
    "fence(acquire)",
    ".load(relaxed)",
    ".store(1, release)",
    "as",
    "ptr<i32>",
    "[i32; 2]",
    "tid",
    "@main",
    "critical",
    "expect",
    "thread",
    "shared",
    "atomic",
    "i8",
    "u64",
    "bool",
    "char",
    "f64",
    "1.5",
    "x",
    "y",
    "a[0]",
    "*p",
    "&x"
  };

  @Test
  void randomlyEditedScenariosAreRefusedCleanlyOrRun() throws Exception {
    List<String> sources = new ArrayList<>();
    for (Path p : Scenarios.catalogueFiles()) {
      sources.add(Files.readString(p));
    }
    SplittableRandom random = new SplittableRandom(20261124);
    int runs = Integer.getInteger("racelab.mutations", 1500);
    for (int i = 0; i < runs; i++) {
      String original = sources.get(random.nextInt(sources.size()));
      String mutated = mutate(original, random);
      try {
        Scenario s = Parser.parse("mutant.race", mutated);
        Experiment e = Experiment.of(s);
        e =
            new Experiment(
                s,
                "none",
                e.detectors(),
                "random",
                i,
                1,
                null,
                new Machine.Options(2_000, 200_000, false));
        e.run(Experiment.Progress.NONE);
      } catch (ScenarioException expected) {
        // a clean refusal
      } catch (Throwable t) {
        fail("mutant " + i + " crashed with " + t + "\n---\n" + mutated, t);
      }
    }
  }

  private static String mutate(String s, SplittableRandom r) {
    StringBuilder b = new StringBuilder(s);
    int edits = 1 + r.nextInt(4);
    for (int k = 0; k < edits && b.length() > 0; k++) {
      int at = r.nextInt(b.length());
      switch (r.nextInt(5)) {
        case 0 -> b.deleteCharAt(at);
        case 1 -> b.insert(at, SNIPPETS[r.nextInt(SNIPPETS.length)]);
        case 2 -> b.insert(at, " " + SNIPPETS[r.nextInt(SNIPPETS.length)] + " ");
        case 3 -> {
          int len = Math.min(b.length() - at, 1 + r.nextInt(12));
          b.delete(at, at + len);
        }
        default -> {
          int len = Math.min(b.length() - at, 1 + r.nextInt(20));
          String piece = b.substring(at, at + len);
          b.insert(r.nextInt(b.length()), piece);
        }
      }
    }
    return b.toString();
  }
}
