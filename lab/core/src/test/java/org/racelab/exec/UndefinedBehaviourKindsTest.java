package org.racelab.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.racelab.experiment.RunResult;
import org.racelab.memory.UbKind;
import org.racelab.testing.Scenarios;

/**
 * Every UB kind of the memory model, each as a pair: a scenario that must be flagged (with the
 * kind, thread, line and location of the offending operation) and a near-identical one, differing
 * only in the detail that makes it defined, that must come out clean.
 */
class UndefinedBehaviourKindsTest {

  /**
   * One pair.
   *
   * @param name what the pair shows
   * @param kind the UB the bad scenario must show first
   * @param line the line of the bad operation
   * @param thread the thread that does it
   * @param location the location named
   * @param bad a scenario with the UB
   * @param good the same scenario, made defined
   * @param schedules how many schedules to run (races need a few)
   */
  record Pair(
      String name,
      UbKind kind,
      int line,
      String thread,
      String location,
      String bad,
      String good,
      int schedules) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static String main(String body) {
    return "scenario \"t\"\nthread main {\n" + body + "\n}\n";
  }

  static Stream<Pair> pairs() {
    return Stream.of(
        new Pair(
            "use after free of a heap block",
            UbKind.USE_AFTER_FREE,
            6,
            "main",
            "*p",
            main("    let p = alloc i32\n    *p = 1\n    free p\n    let x = *p"),
            main("    let p = alloc i32\n    *p = 1\n    let x = *p\n    free p"),
            1),
        new Pair(
            "use after free through a stale pointer whose address was reused",
            UbKind.USE_AFTER_FREE,
            7,
            "main",
            "*p",
            main(
                "    let p = alloc i32\n    free p\n    let q = alloc i32\n    *q = 4\n"
                    + "    let x = *p\n    free q"),
            main(
                "    let p = alloc i32\n    free p\n    let q = alloc i32\n    *q = 4\n"
                    + "    let x = *q\n    free q"),
            1),
        new Pair(
            "use of a popped stack slot",
            UbKind.USE_AFTER_FREE,
            8,
            "main",
            "x",
            main(
                "    let p: ptr<i32> = null\n    {\n        local x: i32 = 1\n        p = &x\n"
                    + "    }\n    let v = *p"),
            main(
                "    let p: ptr<i32> = null\n    {\n        local x: i32 = 1\n        p = &x\n"
                    + "        let v = *p\n    }"),
            1),
        new Pair(
            "use of a Vec element after a push reallocated the buffer",
            UbKind.USE_AFTER_FREE,
            8,
            "main",
            "v[0]",
            main(
                "    let v = vec i32 cap 2\n    v.push(1)\n    let p = &v[0]\n    v.push(2)\n"
                    + "    v.push(3)\n    let x = *p"),
            main(
                "    let v = vec i32 cap 3\n    v.push(1)\n    let p = &v[0]\n    v.push(2)\n"
                    + "    v.push(3)\n    let x = *p"),
            1),
        new Pair(
            "a negative index through a pointer",
            UbKind.OUT_OF_BOUNDS,
            5,
            "main",
            "p[-1]",
            main("    let p = alloc [i32; 4]\n    p[0] = 1\n    let x = p[-1]\n    free p"),
            main("    let p = alloc [i32; 4]\n    p[0] = 1\n    let x = p[0]\n    free p"),
            1),
        new Pair(
            "an index past the end through a pointer",
            UbKind.OUT_OF_BOUNDS,
            4,
            "main",
            "p[4]",
            main("    let p = alloc [i32; 4]\n    p[4] = 1\n    free p"),
            main("    let p = alloc [i32; 4]\n    p[3] = 1\n    free p"),
            1),
        new Pair(
            "an index outside a slice (but inside its array)",
            UbKind.OUT_OF_BOUNDS,
            5,
            "main",
            "s[2]",
            "scenario \"t\"\nshared a: [i32; 4] = 0\nthread main {\n    let s = &a[1..3]\n"
                + "    let x = s[2]\n}\n",
            "scenario \"t\"\nshared a: [i32; 4] = 0\nthread main {\n    let s = &a[1..3]\n"
                + "    let x = s[1]\n}\n",
            1),
        new Pair(
            "freeing twice",
            UbKind.DOUBLE_FREE,
            5,
            "main",
            "p",
            main("    let p = alloc i32\n    free p\n    free p"),
            main("    let p = alloc i32\n    free p\n    let q = p"),
            1),
        new Pair(
            "freeing a stale pointer whose address was reused is still a double free",
            UbKind.DOUBLE_FREE,
            6,
            "main",
            "p",
            main("    let p = alloc i32\n    free p\n    let q = alloc i32\n    free p"),
            main("    let p = alloc i32\n    free p\n    let q = alloc i32\n    free q"),
            1),
        new Pair(
            "freeing a stack slot",
            UbKind.INVALID_FREE,
            4,
            "main",
            "x",
            main("    local x: i32 = 1\n    free &x"),
            main("    local x: i32 = 1\n    let p = alloc i32\n    free p"),
            1),
        new Pair(
            "freeing an interior pointer",
            UbKind.INVALID_FREE,
            4,
            "main",
            "p",
            main("    let p = alloc [i32; 2]\n    free p + 1"),
            main("    let p = alloc [i32; 2]\n    free p + 0"),
            1),
        new Pair(
            "freeing something never allocated",
            UbKind.INVALID_FREE,
            3,
            "main",
            "20480 as ptr<i32>",
            main("    free 20480 as ptr<i32>"),
            main("    let p = alloc i32\n    free p as usize as ptr<i32>"),
            1),
        new Pair(
            "freeing a Box with free",
            UbKind.INVALID_FREE,
            4,
            "main",
            "b",
            main("    let b = box i32 = 1\n    free b"),
            main("    let b = box i32 = 1\n    drop(b)"),
            1),
        new Pair(
            "reading uninitialised heap memory",
            UbKind.UNINITIALIZED_READ,
            4,
            "main",
            "*p",
            main("    let p = alloc i32\n    let x = *p\n    free p"),
            main("    let p = alloc i32\n    *p = 0\n    let x = *p\n    free p"),
            1),
        new Pair(
            "reading an uninitialised stack slot",
            UbKind.UNINITIALIZED_READ,
            5,
            "main",
            "buf[1]",
            main("    local buf: [i32; 2]\n    buf[0] = 1\n    let x = buf[1]"),
            main("    local buf: [i32; 2]\n    buf[1] = 1\n    let x = buf[1]"),
            1),
        new Pair(
            "reading 2 as a bool",
            UbKind.INVALID_VALUE,
            4,
            "main",
            "k",
            main("    local k: u8 = 2\n    let b = *(&k as ptr<bool>)"),
            main("    local k: u8 = 1\n    let b = *(&k as ptr<bool>)"),
            1),
        new Pair(
            "writing 2 into a bool through a u8 pointer, then reading the bool",
            UbKind.INVALID_VALUE,
            5,
            "main",
            "flag",
            main("    local flag: bool = false\n    *(&flag as ptr<u8>) = 2\n    let b = flag"),
            main("    local flag: bool = false\n    *(&flag as ptr<u8>) = 1\n    let b = flag"),
            1),
        new Pair(
            "reading a surrogate as a char",
            UbKind.INVALID_VALUE,
            4,
            "main",
            "c",
            main("    local c: u32 = 55296\n    let x = *(&c as ptr<char>)"),
            main("    local c: u32 = 55295\n    let x = *(&c as ptr<char>)"),
            1),
        new Pair(
            "reading a value beyond U+10FFFF as a char",
            UbKind.INVALID_VALUE,
            4,
            "main",
            "c",
            main("    local c: u32 = 1114112\n    let x = *(&c as ptr<char>)"),
            main("    local c: u32 = 1114111\n    let x = *(&c as ptr<char>)"),
            1),
        new Pair(
            "a mutable reference used after a direct write of what it borrowed",
            UbKind.ALIASING,
            6,
            "main",
            "x",
            main("    local x: i32 = 0\n    let r = &mut x\n    x = 1\n    *r = 2"),
            main("    local x: i32 = 0\n    let r = &mut x\n    *r = 2\n    x = 1"),
            1),
        new Pair(
            "a write through a shared reference",
            UbKind.ALIASING,
            5,
            "main",
            "x",
            main("    local x: i32 = 0\n    let r = &shared x\n    *r = 2"),
            main("    local x: i32 = 0\n    let r = &mut x\n    *r = 2"),
            1),
        new Pair(
            "a shared reference read after the owner wrote",
            UbKind.ALIASING,
            6,
            "main",
            "x",
            main("    local x: i32 = 0\n    let r = &shared x\n    x = 1\n    let v = *r"),
            main("    local x: i32 = 0\n    let r = &shared x\n    let w = x\n    let v = *r"),
            1),
        new Pair(
            "a parent reference used before its reborrow is done",
            UbKind.ALIASING,
            7,
            "main",
            "x",
            main(
                "    local x: i32 = 0\n    let a = &mut x\n    let b = &mut *a\n    *a = 1\n"
                    + "    *b = 2"),
            main(
                "    local x: i32 = 0\n    let a = &mut x\n    let b = &mut *a\n    *b = 2\n"
                    + "    *a = 1"),
            1),
        new Pair(
            "a reference to one element used for its neighbour",
            UbKind.ALIASING,
            5,
            "main",
            "a[1]",
            main("    local a: [i32; 2] = 0\n    let r = &mut a[0]\n    *(r + 1) = 3"),
            main("    local a: [i32; 2] = 0\n    let r = &mut a[0..2]\n    r[1] = 3"),
            1),
        new Pair(
            "two threads writing one heap cell without synchronisation",
            UbKind.DATA_RACE,
            -1,
            "",
            "*p",
            """
            scenario "t"
            thread main {
                let p = alloc i32
                spawn a(p)
                spawn b(p)
                join a
                join b
                free p
            }
            thread a(q: ptr<i32>) spawned { *q = 1 }
            thread b(q: ptr<i32>) spawned { *q = 2 }
            """,
            """
            scenario "t"
            mutex m
            thread main {
                let p = alloc i32
                spawn a(p)
                spawn b(p)
                join a
                join b
                free p
            }
            thread a(q: ptr<i32>) spawned { lock m { *q = 1 } }
            thread b(q: ptr<i32>) spawned { lock m { *q = 2 } }
            """,
            8),
        new Pair(
            "a thread writing its stack slot while another reads it through a pointer",
            UbKind.DATA_RACE,
            -1,
            "",
            "x",
            """
            scenario "t"
            thread main {
                local x: i32 = 1
                spawn reader(&x)
                x = 2
                join reader
            }
            thread reader(p: ptr<i32>) spawned { let v = *p }
            """,
            """
            scenario "t"
            thread main {
                local x: i32 = 1
                spawn reader(&x)
                join reader
                x = 2
            }
            thread reader(p: ptr<i32>) spawned { let v = *p }
            """,
            8),
        new Pair(
            "a free in one thread racing with a read in another",
            UbKind.DATA_RACE,
            -1,
            "",
            "*p",
            """
            scenario "t"
            thread main {
                let p = alloc i32
                *p = 1
                spawn reader(p)
                free p
                join reader
            }
            thread reader(q: ptr<i32>) spawned { let v = *q }
            """,
            """
            scenario "t"
            thread main {
                let p = alloc i32
                *p = 1
                spawn reader(p)
                join reader
                free p
            }
            thread reader(q: ptr<i32>) spawned { let v = *q }
            """,
            8));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void theBadScenarioIsFlaggedWhereItHappens(Pair pair) {
    RunResult r = Scenarios.run(pair.bad(), pair.schedules());
    assertTrue(
        MemoryRuns.kinds(r).contains(pair.kind()),
        pair.name() + ": expected " + pair.kind().label() + ", found " + MemoryRuns.ub(r));
    Findings.Ub ub =
        MemoryRuns.ub(r).stream().filter(u -> u.kind() == pair.kind()).findFirst().orElseThrow();
    assertEquals(pair.location(), ub.location(), ub.toString());
    if (pair.line() > 0) {
      assertEquals(pair.line(), ub.line(), ub.toString());
      assertEquals(pair.thread(), ub.thread(), ub.toString());
    }
    assertFalse(ub.message().isBlank());
    assertFalse(ub.message().contains("\n"), "one sentence: " + ub.message());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void theNearIdenticalDefinedScenarioIsClean(Pair pair) {
    RunResult r = Scenarios.run(pair.good(), pair.schedules());
    assertEquals(java.util.List.of(), MemoryRuns.ub(r), pair.name());
    assertTrue(r.races().isEmpty(), pair.name() + ": " + r.races());
    assertTrue(r.panics().isEmpty(), pair.name() + ": " + r.panics());
  }
}
