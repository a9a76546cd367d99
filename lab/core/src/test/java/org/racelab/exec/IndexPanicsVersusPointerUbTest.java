package org.racelab.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.racelab.experiment.RunResult;
import org.racelab.memory.UbKind;
import org.racelab.testing.Scenarios;

/**
 * Indexing something whose length the language knows (a named array, a local array, a Box of an
 * array, a Vec) is bounds-checked: out of bounds it panics, as safe Rust does. Indexing through a
 * raw pointer is not checked: out of bounds it is UB.
 */
class IndexPanicsVersusPointerUbTest {

  private static RunResult run(String decls, String body) {
    return Scenarios.run("scenario \"t\"\n" + decls + "\nthread main {\n" + body + "\n}\n");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "shared a: [i32; 4] = 0|    let x = a[4]",
        "shared a: [i32; 4] = 0|    let i = 0 - 1\n    let x = a[i]",
        "|    local buf: [i32; 2] = 0\n    buf[2] = 1",
        "|    let b = box [i32; 3] = 0\n    let x = b[3]",
        "|    let v = vec i32 cap 4\n    v.push(1)\n    let x = v[1]",
        "shared a: [i32; 4] = 0|    let s = &a[2..5]",
      })
  void aBoundsCheckedIndexOutOfBoundsIsAPanicNotUb(String spec) {
    String[] parts = spec.split("\\|", 2);
    RunResult r = run(parts[0], parts[1]);
    assertTrue(MemoryRuns.ub(r).isEmpty(), MemoryRuns.ub(r).toString());
    assertEquals(1, r.panics().size(), spec);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "shared a: [i32; 4] = 0|    let p = &a[0]\n    let x = p[4]",
        "|    local buf: [i32; 2] = 0\n    let p = &buf[1]\n    *(p + 1) = 1",
        "|    let b = box [i32; 3] = 0\n    let p = &b[0]\n    let x = p[-1]",
        "|    let v = vec i32 cap 1\n    v.push(1)\n    let p = &v[0]\n    let x = p[1]",
      })
  void theSameIndexThroughARawPointerIsOutOfBoundsUb(String spec) {
    String[] parts = spec.split("\\|", 2);
    RunResult r = run(parts[0], parts[1]);
    assertEquals(List.of(UbKind.OUT_OF_BOUNDS), MemoryRuns.kinds(r), spec);
    assertTrue(r.panics().isEmpty(), r.panics().toString());
  }
}
