package org.racelab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.racelab.testing.Scenarios;

class ScenarioPrinterTest {

  static Stream<Path> catalogue() {
    return Scenarios.catalogueFiles().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("catalogue")
  void printingACatalogueScenarioGivesTextThatParsesToTheSameProgram(Path file) throws Exception {
    Scenario original = Parser.parse(file.toString(), Files.readString(file));
    String printed = ScenarioPrinter.print(original);
    Scenario reparsed = Parser.parse("printed.race", printed);
    // positions differ; everything else must survive, so printing again is a fixpoint
    assertEquals(printed, ScenarioPrinter.print(reparsed));
    assertEquals(original.title(), reparsed.title());
    assertEquals(original.about(), reparsed.about());
    assertEquals(original.schedules(), reparsed.schedules());
    assertEquals(original.decls().size(), reparsed.decls().size());
    assertEquals(original.expectations().size(), reparsed.expectations().size());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      quoteCharacter = '`',
      value = {
        "(a + b) * c => (a + b) * c",
        "a - (b - c) => a - (b - c)",
        "a - b - c => a - b - c",
        "(a < b) == c => (a < b) == c",
        "!(a && b) || c => !(a && b) || c",
        "(*p).load(seq_cst) => (*p).load(seq_cst)",
        "*p.load(seq_cst) => *p.load(seq_cst)",
        "-(5) => -(5)",
        "-5 + x => -5 + x",
        "(x + 1) as i64 => (x + 1) as i64",
        "-x as i64 => -x as i64",
        "&a[i + 1] => &a[i + 1]",
        "*(p + 1) => *(p + 1)",
        "&v[1..n] => &v[1..n]",
        "&mut x => &mut x",
        "&shared a[i] => &shared a[i]",
        "&mut *p + 1 => &mut *p + 1",
        "&mut => &mut",
        "&mut + 1 => &mut + 1",
        "count@worker[1] + 'a' as i64 => count@worker[1] + 'a' as i64",
        "c.compare_exchange(false, true, acquire, relaxed)"
            + " => c.compare_exchange(false, true, acquire, relaxed)",
        "1.5 * 2.0 => 1.5 * 2.0",
        "'\\n' == c => '\\n' == c",
      })
  void expressionsPrintWithParenthesesOnlyWherePrecedenceNeedsThem(String source, String expected)
      throws Exception {
    Expr e = Parser.parseExpression("e.race", source);
    String printed = ScenarioPrinter.print(e);
    assertEquals(expected, printed);
    // and the printed form means the same
    assertEquals(printed, ScenarioPrinter.print(Parser.parseExpression("p.race", printed)));
  }

  @Test
  void aScenarioPrintsAsARaceFileWithOneStatementPerLine() throws Exception {
    String source =
        """
        scenario "Say \\"hi\\""
        about \"""
        Some *text*.
        \"""
        schedules 3

        shared a: [i32; 2] = [1, 2]
        atomic f: bool = false
        thread_local n: i64 = 0
        mutex m
        rwlock rw
        channel ch: i32 cap 1
        barrier b(2)
        condvar cv

        thread t[2] {
            let x: i64 = a[tid]
            if x > 1 { n = n + 1 } else if x == 1 { yield } else { sleep 5ms }
            critical read { x = a[0] }
            critical { a[1] = 3 }
            lock m { f.store(true, release) }
            while !f.load(acquire) { }
            local s: [i32; 2] = 0
            repeat 2 { continue }
            loop { break }
            assert x >= 0, "negative"
            fence(seq_cst)
        }

        thread main {
            let p = alloc i32
            free p
            let bx = box i32 = 5
            drop(bx)
            spawn helper(1)
            join helper
        }

        thread helper(k: i64) spawned { }

        expect race a
        expect final a[1] == 3
        """;
    String printed = ScenarioPrinter.print(Parser.parse("s.race", source));
    assertEquals(
        """
        scenario "Say \\"hi\\""
        about \"""
        Some *text*.
        \"""
        schedules 3

        shared a: [i32; 2] = [1, 2]
        atomic f: bool = false
        thread_local n: i64 = 0
        mutex m
        rwlock rw
        channel ch: i32 cap 1
        barrier b(2)
        condvar cv

        thread t[2] {
            let x: i64 = a[tid]
            if x > 1 {
                n = n + 1
            } else if x == 1 {
                yield
            } else {
                sleep 5ms
            }
            critical read {
                x = a[0]
            }
            critical {
                a[1] = 3
            }
            lock m {
                f.store(true, release)
            }
            while !f.load(acquire) { }
            local s: [i32; 2] = 0
            repeat 2 {
                continue
            }
            loop {
                break
            }
            assert x >= 0, "negative"
            fence(seq_cst)
        }

        thread main {
            let p = alloc i32
            free p
            let bx = box i32 = 5
            drop(bx)
            spawn helper(1)
            join helper
        }

        thread helper(k: i64) spawned { }

        expect race a
        expect final a[1] == 3
        """,
        printed);
  }
}
