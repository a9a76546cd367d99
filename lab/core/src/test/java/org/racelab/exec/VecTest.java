package org.racelab.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.racelab.experiment.RunResult;
import org.racelab.memory.UbKind;

/** Vec: a header in a local, a heap buffer that moves when a push exceeds the capacity. */
class VecTest {

  private static int leakedBytes(String body) {
    RunResult r = MemoryRuns.main(body + "\n    forget(v)");
    return r.leaks().get(0).item().bytes();
  }

  @Test
  void growthFollowsRawVecFirstAllocationThenDoubling() {
    assertEquals(16, leakedBytes("    let v = vec i32 cap 0\n    v.push(1)"), "4 × i32");
    assertEquals(8, leakedBytes("    let v = vec u8 cap 0\n    v.push(1)"), "8 × u8");
    assertEquals(
        32,
        leakedBytes("    let v = vec i64 cap 2\n    v.push(1)\n    v.push(2)\n    v.push(3)"),
        "2 doubles to 4");
    assertEquals(
        8, leakedBytes("    let v = vec i64 cap 1\n    v.push(1)"), "no growth while it fits");
  }

  @Test
  void aPushThatGrowsCopiesTheElementsAndFreesTheOldBuffer() {
    RunResult r =
        MemoryRuns.main(
            """
                let v = vec i32 cap 1
                v.push(7)
                v.push(8)
                assert v[0] == 7
                assert v[1] == 8
                assert v.len() == 2
            """);
    assertTrue(r.panics().isEmpty(), r.panics().toString());
    List<String> ops =
        MemoryRuns.exec(r).ledger().stream()
            .filter(e -> e.line() == 5)
            .map(LedgerEntry::op)
            .toList();
    assertEquals(
        List.of(
            "alloc (vec buffer)",
            "read (copy to the new buffer)",
            "free (the old buffer)",
            "write"),
        ops);
    assertTrue(MemoryRuns.ub(r).isEmpty());
    assertTrue(r.leaks().isEmpty(), "the Vec is dropped at the end of its scope");
  }

  @Test
  void anElementPointerDanglesAfterTheBufferMovedAndTheMessageNamesThePush() {
    RunResult r =
        MemoryRuns.main(
            """
                let v = vec i32 cap 2
                v.push(1)
                v.push(2)
                let p = &v[0]
                v.push(3)
                let x = *p
            """);
    Findings.Ub ub = MemoryRuns.ub(r).get(0);
    assertEquals(UbKind.USE_AFTER_FREE, ub.kind());
    assertEquals(8, ub.line());
    assertEquals("v[0]", ub.location());
    assertTrue(
        ub.message().contains("moved by a push (the Vec grew from capacity 2 to 4) at line 7"),
        ub.message());
  }

  @Test
  void indexingAVecPastItsLengthPanicsEvenWithinItsCapacity() {
    RunResult r =
        MemoryRuns.main(
            "    let v = vec i32 cap 4\n    v.push(1)\n    v.push(2)\n    let x = v[2]");
    assertTrue(MemoryRuns.ub(r).isEmpty(), "a bounds-checked index is a panic, not UB");
    assertEquals(1, r.panics().size());
    assertTrue(
        r.panics().get(0).item().message().contains("the len is 2 but the index is 2"),
        r.panics().get(0).item().message());
  }

  @Test
  void aPointerToAVecElementIsNotBoundsCheckedAgainstTheLength() {
    RunResult r =
        MemoryRuns.main(
            """
                let v = vec i32 cap 4
                v.push(1)
                let p = &v[0]
                let x = p[1]
            """);
    assertEquals(
        List.of(UbKind.UNINITIALIZED_READ),
        MemoryRuns.kinds(r),
        "inside the buffer but past len: the capacity is allocated, never written");
    RunResult past =
        MemoryRuns.main(
            "    let v = vec i32 cap 2\n    v.push(1)\n    let p = &v[0]\n    let x = p[2]");
    assertEquals(List.of(UbKind.OUT_OF_BOUNDS), MemoryRuns.kinds(past));
  }

  @Test
  void aVecSlicesLikeAnArrayOfItsLength() {
    RunResult ok =
        MemoryRuns.main(
            """
                let v = vec i32 cap 2
                v.push(1)
                v.push(2)
                let s = &v[0..2]
                assert s[1] == 2
            """);
    assertTrue(MemoryRuns.ub(ok).isEmpty());
    assertTrue(ok.panics().isEmpty());
    RunResult outside =
        MemoryRuns.main(
            """
                let v = vec i32 cap 4
                v.push(1)
                v.push(2)
                let s = &v[0..1]
                let x = s[1]
            """);
    assertEquals(List.of(UbKind.OUT_OF_BOUNDS), MemoryRuns.kinds(outside));
    RunResult badRange =
        MemoryRuns.main("    let v = vec i32 cap 4\n    v.push(1)\n    let s = &v[0..2]");
    assertEquals(1, badRange.panics().size(), "a range past len panics, as in Rust");
    assertTrue(MemoryRuns.ub(badRange).isEmpty());
  }

  @Test
  void aDroppedVecsBufferIsFreedAndPushingOntoItIsAUseAfterFree() {
    RunResult r =
        MemoryRuns.main("    let v = vec i32 cap 1\n    v.push(1)\n    drop(v)\n    v.push(2)");
    Findings.Ub ub = MemoryRuns.ub(r).get(0);
    assertEquals(UbKind.USE_AFTER_FREE, ub.kind());
    assertEquals(6, ub.line());
    assertTrue(ub.message().contains("dropped by drop(v) at line 5"), ub.message());
  }

  @Test
  void aVecIsDroppedWithItsScopeAndForgetLeaksItsBuffer() {
    RunResult dropped =
        MemoryRuns.main("    {\n        let v = vec i64 cap 2\n        v.push(1)\n    }");
    assertTrue(dropped.leaks().isEmpty());
    assertEquals(1, MemoryRuns.ops(dropped, "drop").size());
    RunResult forgotten =
        MemoryRuns.main("    let v = vec i64 cap 2\n    v.push(1)\n    forget(v)");
    assertEquals("vec buffer", forgotten.leaks().get(0).item().kind());
    assertEquals(16, forgotten.leaks().get(0).item().bytes());
  }

  @Test
  void anEmptyVecWithoutCapacityAllocatesNothing() {
    RunResult r = MemoryRuns.main("    let v = vec i32 cap 0\n    assert v.len() == 0");
    assertTrue(MemoryRuns.exec(r).ledger().isEmpty());
    assertTrue(r.leaks().isEmpty() && r.panics().isEmpty() && r.ub().isEmpty());
  }
}
