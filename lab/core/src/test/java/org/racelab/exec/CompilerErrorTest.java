package org.racelab.exec;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.racelab.scenario.Parser;
import org.racelab.scenario.ScenarioException;

/** What {@code racelab check} rejects, each with its position and a way out. */
class CompilerErrorTest {

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(
            "plain read of an atomic",
            "atomic a: i32 = 0\nthread t { let v = a }",
            "2:20",
            "is atomic: read it with a.load"),
        Arguments.of(
            "plain write of an atomic",
            "atomic a: i32 = 0\nthread t { a = 1 }",
            "2:12",
            "is atomic: write it with a.store"),
        Arguments.of("undeclared name", "thread t { x = 1 }", "1:12", "'x' is not declared"),
        Arguments.of(
            "type mismatch",
            "shared b: bool = false\nthread t { b = 1 }",
            "2:16",
            "is bool, found"),
        Arguments.of(
            "literal does not fit",
            "shared x: u8 = 0\nthread t { x = 300 }",
            "2:16",
            "does not fit in u8"),
        Arguments.of(
            "release load",
            "atomic a: i32 = 0\nthread t { let v = a.load(release) }",
            "2:27",
            "there is no such thing as a release load"),
        Arguments.of(
            "acquire store",
            "atomic a: i32 = 0\nthread t { a.store(1, acquire) }",
            "2:23",
            "acquire store"),
        Arguments.of("relaxed fence", "thread t { fence(relaxed) }", "1:12", "no relaxed fence"),
        Arguments.of(
            "break outside a loop", "thread t { break }", "1:12", "'break' outside a loop"),
        Arguments.of("join itself", "thread t { join t }", "1:12", "cannot join itself"),
        Arguments.of(
            "spawn an auto thread",
            "thread t { spawn u }\nthread u { }",
            "1:18",
            "starts with the scenario"),
        Arguments.of(
            "wrong argument count",
            "thread t { spawn u(1, 2) }\nthread u(n: i32) spawned { }",
            "1:12",
            "takes 1 argument, found 2"),
        Arguments.of(
            "unknown ub kind",
            "thread t { }\nexpect ub segfault",
            "2:1",
            "unknown UB kind 'segfault'"),
        Arguments.of(
            "unknown method",
            "atomic a: i32 = 0\nthread t { a.increment(1) }",
            "2:14",
            "unknown method 'increment'"),
        Arguments.of(
            "address of a let", "thread t { let x = 1\n let p = &x }", "2:11", "let local"),
        Arguments.of(
            "lock of a non-mutex",
            "shared m: i32 = 0\nthread t { lock m { } }",
            "2:17",
            "'m' is not a mutex"),
        Arguments.of("condition not bool", "thread t { if 1 { } }", "1:15", "must be a bool"),
        Arguments.of(
            "compare bool and int",
            "thread t { let b = true == 1 }",
            "1:25",
            "cannot compare bool"),
        Arguments.of(
            "whole array read",
            "shared a: [i32; 2] = 0\nthread t { let v = a }",
            "2:20",
            "is an array"),
        Arguments.of(
            "all threads spawned", "thread t spawned { }", "1:1", "nothing would ever run"),
        Arguments.of(
            "expect race on unknown", "thread t { }\nexpect race ghost", "2:1", "not a location"),
        Arguments.of(
            "char from i32",
            "thread t { let c = 65 as i32 as char }",
            "1:30",
            "only u8 converts to char"),
        Arguments.of(
            "deref null literal", "thread t { let v = *null }", "1:20", "dereferencing null"),
        Arguments.of(
            "fetch_add on bool",
            "atomic a: bool = false\nthread t { a.fetch_add(1, relaxed) }",
            "2:14",
            "needs an integer"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void checkRejectsWithPositionAndHint(
      String kind, String source, String position, String fragment) {
    ScenarioException e =
        assertThrows(
            ScenarioException.class, () -> Compiler.compile(Parser.parse("c.race", source)));
    assertTrue(
        e.getMessage().startsWith("c.race:" + position + ": "),
        () -> kind + ": expected position " + position + " in: " + e.getMessage());
    assertTrue(
        e.getMessage().contains(fragment),
        () -> kind + ": expected '" + fragment + "' in: " + e.getMessage());
  }
}
