package org.racelab.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.racelab.experiment.RunResult;
import org.racelab.testing.Scenarios;

/**
 * Each happens-before rule of DESIGN section 4, as pairs of near-identical scenarios: one where the
 * rule orders the two accesses to {@code data} (no race in any of 30 schedules) and one where it
 * does not (a race in some schedule).
 */
class HappensBeforeRulesTest {

  private static final String DATA =
      "shared data: i32 = 0\natomic flag: i32 = 0\nmutex m\nmutex n\n";

  static Stream<Arguments> rules() {
    return Stream.of(
        ordered(
            "initial values happen before every thread",
            "thread a { let v = data }\nthread b { let w = data }"),
        races("two unordered writes race", "thread a { data = 1 }\nthread b { data = 2 }"),
        races("a write and a read race", "thread a { data = 1 }\nthread b { let v = data }"),
        ordered(
            "reads alone never race", "thread a { let v = data }\nthread b { let v = data + 1 }"),
        ordered(
            "unlock happens before the next lock",
            "thread a { lock m { data = 1 } }\nthread b { lock m { data = 2 } }"),
        races(
            "different mutexes do not order",
            "thread a { lock m { data = 1 } }\nthread b { lock n { data = 2 } }"),
        ordered(
            "explicit lock and unlock order like a block",
            "thread a { m.lock()\n data = 1\n m.unlock() }\nthread b { m.lock()\n data = 2\n m.unlock() }"),
        ordered(
            "release store to acquire load",
            "thread a { data = 1\n flag.store(1, release) }\nthread b { while flag.load(acquire) != 1 { }\n let v = data }"),
        races(
            "relaxed store to acquire load",
            "thread a { data = 1\n flag.store(1, relaxed) }\nthread b { while flag.load(acquire) != 1 { }\n let v = data }"),
        races(
            "release store to relaxed load",
            "thread a { data = 1\n flag.store(1, release) }\nthread b { while flag.load(relaxed) != 1 { }\n let v = data }"),
        ordered(
            "seq_cst store to seq_cst load",
            "thread a { data = 1\n flag.store(1, seq_cst) }\nthread b { while flag.load(seq_cst) != 1 { }\n let v = data }"),
        ordered(
            "release fence then relaxed store, relaxed load then acquire fence",
            "thread a { data = 1\n fence(release)\n flag.store(1, relaxed) }\nthread b { while flag.load(relaxed) != 1 { }\n fence(acquire)\n let v = data }"),
        races(
            "a release fence needs an acquire on the other side",
            "thread a { data = 1\n fence(release)\n flag.store(1, relaxed) }\nthread b { while flag.load(relaxed) != 1 { }\n let v = data }"),
        races(
            "an acquire fence needs a release on the other side",
            "thread a { data = 1\n flag.store(1, relaxed) }\nthread b { while flag.load(relaxed) != 1 { }\n fence(acquire)\n let v = data }"),
        ordered(
            "seq_cst fences pair like release and acquire fences",
            "thread a { data = 1\n fence(seq_cst)\n flag.store(1, relaxed) }\nthread b { while flag.load(relaxed) != 1 { }\n fence(seq_cst)\n let v = data }"),
        ordered(
            "an RMW continues the release sequence",
            "thread a { data = 1\n flag.store(1, release) }\nthread r { while flag.load(relaxed) != 1 { }\n flag.fetch_add(1, relaxed) }\nthread b { while flag.load(acquire) != 2 { }\n let v = data }"),
        races(
            "a plain store ends the release sequence (C++20)",
            "thread a { data = 1\n flag.store(1, release) }\nthread r { while flag.load(relaxed) != 1 { }\n flag.store(2, relaxed) }\nthread b { while flag.load(acquire) != 2 { }\n let v = data }"),
        ordered(
            "an acq_rel RMW both acquires and releases",
            "thread a { data = 1\n flag.fetch_add(1, acq_rel) }\nthread b { while flag.load(acquire) != 1 { }\n let v = data }"),
        ordered(
            "a successful compare_exchange with acquire synchronises",
            "thread a { data = 1\n flag.store(1, release) }\nthread b { while !flag.compare_exchange(1, 2, acquire, relaxed) { }\n let v = data }"),
        ordered(
            "a failed compare_exchange is a read with the failure ordering (acquire)",
            "thread a { data = 1\n flag.store(1, release) }\nthread b { while flag.load(relaxed) != 1 { }\n let ok = flag.compare_exchange(5, 6, relaxed, acquire)\n let v = data }"),
        races(
            "a failed compare_exchange with a relaxed failure ordering does not",
            "thread a { data = 1\n flag.store(1, release) }\nthread b { while flag.load(relaxed) != 1 { }\n let ok = flag.compare_exchange(5, 6, acquire, relaxed)\n let v = data }"),
        ordered(
            "spawn orders the parent's past before the child",
            "thread main { data = 1\n spawn c }\nthread c spawned { data = 2 }"),
        races(
            "the parent's accesses after spawn are not ordered with the child",
            "thread main { spawn c\n data = 1 }\nthread c spawned { data = 2 }"),
        ordered(
            "join orders the child before what follows",
            "thread main { spawn c\n join c\n data = 1 }\nthread c spawned { data = 2 }"),
        ordered(
            "any thread may join an auto-started thread",
            "thread a { data = 1 }\nthread b { join a\n data = 2 }"),
        ordered(
            "atomic accesses never race with each other",
            "thread a { flag.store(1, relaxed) }\nthread b { flag.store(2, relaxed)\n let v = flag.load(relaxed) }"),
        races(
            "an atomic and a plain access race",
            "thread a { data.store(1, relaxed) }\nthread b { let v = data }"),
        races(
            "an atomic store and a plain read through a pointer race",
            "thread a { data.store(1, relaxed) }\nthread b { let p = &data\n let v = *p }"),
        races(
            "sleep never synchronises",
            "thread a { data = 1 }\nthread b { sleep 100ms\n let v = data }"),
        races(
            "yield never synchronises",
            "thread a { data = 1 }\nthread b { yield\n yield\n let v = data }"));
  }

  private static Arguments ordered(String rule, String threads) {
    return Arguments.of(rule, threads, false);
  }

  private static Arguments races(String rule, String threads) {
    return Arguments.of(rule, threads, true);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void happensBeforeRule(String rule, String threads, boolean racy) {
    RunResult r = Scenarios.run(DATA + threads, 30);
    boolean racesOnData = r.races().stream().anyMatch(s -> s.item().location().equals("data"));
    assertEquals(racy, racesOnData, rule + ": races = " + r.races());
    if (!racy) {
      assertEquals(0, r.races().size(), rule + ": no race anywhere");
    }
  }
}
