package org.racelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code racelab compare} as a user runs it: output, files, exit codes. */
class CompareCommandTest {
  private static final String COUNTER =
      """
      scenario "Counter"
      about "Two workers, two increments each."
      schedules 6
      shared counter: i32 = 0
      thread worker[2] {
          repeat 2 {
              critical {
                  counter = counter + 1
              }
          }
      }
      expect race counter
      """;

  @TempDir Path dir;

  record Result(int exit, String out, String err) {}

  private Result racelab(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = Main.execute(args);
      return new Result(
          exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private String scenario(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p.toString();
  }

  @Test
  void compareShowsTheTableWritesThePageAndExitsZero() throws Exception {
    String file = scenario("counter.race", COUNTER);
    Path reports = dir.resolve("out");
    Result r =
        racelab(
            "compare", file, "--strategies", "none,mutex,atomic", "--report", reports.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("3 strategies · 6 schedules each (random, seeds 1-6)"), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("strategy  ")), r.out());
    assertTrue(r.out().replaceAll("\\s+", " ").contains("atomic: no data race, but updates"));
    Path page = reports.resolve("counter-compare.html");
    assertTrue(r.out().contains("report " + page));
    String html = Files.readString(page);
    assertTrue(html.contains("<table class=\"data compare\">"), html);
    for (String strategy : List.of("none", "mutex", "atomic")) {
      String name = "counter-compare-" + strategy + ".html";
      assertTrue(html.contains("href=\"" + name + "\""), "the page links to " + name);
      assertTrue(
          Files.readString(reports.resolve(name)).contains("RaceLab report"),
          name + " is the strategy's run report");
    }
  }

  @Test
  void jsonGoesToStandardOutputAndTheTableToStandardError() throws Exception {
    String file = scenario("counter.race", COUNTER);
    Result r =
        racelab(
            "compare",
            file,
            "--strategies",
            "mutex,spin",
            "--schedules",
            "3",
            "--seed",
            "7",
            "--json",
            "-",
            "--no-report");
    assertEquals(0, r.exit(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals("Counter", json.get("scenario").asText());
    List<String> names = new ArrayList<>();
    for (JsonNode s : json.get("strategies")) {
      names.add(s.get("strategy").asText());
      assertEquals(3, s.get("schedules").get("explored").asInt());
      assertTrue(s.has("steps") && s.has("wallMillis") && s.has("verdict"));
    }
    assertEquals(List.of("mutex", "spin"), names);
    assertEquals(7, json.get("strategies").get(0).get("schedule").get("seed").asInt());
    assertTrue(r.err().contains("strategy "), r.err());
  }

  @Test
  void withoutStrategiesEveryStrategyIsCompared() throws Exception {
    String file = scenario("counter.race", COUNTER);
    Result r = racelab("compare", file, "--schedules", "2", "--quiet", "--no-report");
    assertEquals(0, r.exit(), r.err());
    assertEquals(
        List.of(
            "none", "mutex", "rwlock", "spin", "channel", "atomic", "relaxed", "release-acquire"),
        r.out().lines().map(l -> l.substring(0, l.indexOf(':'))).toList());
  }

  @Test
  void anUnknownStrategyIsBadUsage() throws Exception {
    String file = scenario("counter.race", COUNTER);
    Result r = racelab("compare", file, "--strategies", "none,lockfree");
    assertEquals(2, r.exit());
    assertEquals(
        "unknown strategy 'lockfree' (strategies: none, mutex, rwlock, spin, channel, atomic, relaxed,"
            + " release-acquire, or all)\n",
        r.err());
  }

  @Test
  void aStrategyNamedTwiceIsBadUsage() throws Exception {
    String file = scenario("counter.race", COUNTER);
    Result r = racelab("compare", file, "--strategies", "mutex,mutex");
    assertEquals(2, r.exit());
    assertEquals("strategy 'mutex' is named twice in --strategies\n", r.err());
  }

  @Test
  void aBlockAStrategyCannotProtectIsBadInputWithItsPosition() throws Exception {
    String file =
        scenario(
            "float.race",
            """
            shared total: f64 = 0.0
            thread t {
                critical {
                    total = total + 0.5
                }
            }
            """);
    Result r = racelab("compare", file, "--strategies", "mutex,atomic", "--no-report");
    assertEquals(2, r.exit());
    assertTrue(
        r.err().startsWith(file + ":4:9: strategy atomic cannot make this write of total atomic"),
        r.err());
    assertEquals(1, r.err().lines().count());
  }

  @Test
  void runAppliesTheStrategyItIsGiven() throws Exception {
    String file = scenario("counter.race", COUNTER);
    Result none = racelab("run", file, "--no-report", "--quiet");
    assertEquals(0, none.exit(), none.err());
    Result mutex = racelab("run", file, "--strategy", "mutex", "--no-report", "--quiet");
    // the expected race is gone under mutex, so 'expect race counter' fails
    assertEquals(1, mutex.exit(), mutex.out());
    assertTrue(mutex.out().startsWith("CLEAN"), mutex.out());
  }

  @Test
  void runReportsABlockItsStrategyCannotProtect() throws Exception {
    String file =
        scenario(
            "nested.race",
            """
            shared x: i32 = 0
            thread t {
                critical {
                    critical {
                        x = 1
                    }
                }
            }
            """);
    Result r = racelab("run", file, "--strategy", "spin", "--no-report");
    assertEquals(2, r.exit());
    assertTrue(
        r.err()
            .startsWith(file + ":4:9: strategy spin cannot protect the critical block at line 3"),
        r.err());
  }
}
