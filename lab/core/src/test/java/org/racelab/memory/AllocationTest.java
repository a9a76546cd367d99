package org.racelab.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.racelab.value.ArrayType;
import org.racelab.value.Prim;

class AllocationTest {
  private final Memory mem = new Memory();

  private Allocation alloc(AllocKind kind, String name, org.racelab.value.Type t, String owner) {
    return mem.allocate(kind, name, t, Site.START, owner, 0);
  }

  @Test
  void cellsAreNamedAsTheScenarioWritesThem() {
    assertEquals("data", alloc(AllocKind.STATIC, "data", Prim.I32, "").cellName(0));
    assertEquals("a[2]", alloc(AllocKind.STATIC, "a", new ArrayType(Prim.I32, 4), "").cellName(2));
    assertEquals(
        "count@main", alloc(AllocKind.THREAD_LOCAL, "count", Prim.I64, "main").cellName(0));
    assertEquals(
        "t[1]@worker[0]",
        alloc(AllocKind.THREAD_LOCAL, "t", new ArrayType(Prim.I64, 2), "worker[0]").cellName(1));
    assertEquals("x", alloc(AllocKind.STACK, "x", Prim.I32, "main").cellName(0));
    assertEquals(
        "buf[3]", alloc(AllocKind.STACK, "buf", new ArrayType(Prim.I32, 4), "main").cellName(3));
  }

  @Test
  void heapCellsAreNamedByTheBindingThatAllocatedThem() {
    assertEquals("*p", alloc(AllocKind.HEAP, "p", Prim.I32, "").cellName(0));
    assertEquals("p[1]", alloc(AllocKind.HEAP, "p", new ArrayType(Prim.I32, 2), "").cellName(1));
    assertEquals("*b", alloc(AllocKind.BOX, "b", Prim.I32, "").cellName(0));
    assertEquals("b[0]", alloc(AllocKind.BOX, "b", new ArrayType(Prim.I32, 2), "").cellName(0));
    assertEquals("v[2]", alloc(AllocKind.VEC, "v", new ArrayType(Prim.I32, 4), "").cellName(2));
  }

  @Test
  void nestedArraysAreFlattenedRowMajor() {
    Allocation m = alloc(AllocKind.STATIC, "m", new ArrayType(new ArrayType(Prim.I8, 3), 2), "");
    assertEquals(6, m.cells());
    assertEquals("m[1][0]", m.cellName(3));
    assertEquals("m[0][2]", m.cellName(2));
  }

  @Test
  void onlyHeapKindsCanLeak() {
    assertEquals(true, AllocKind.HEAP.heap());
    assertEquals(true, AllocKind.BOX.heap());
    assertEquals(true, AllocKind.VEC.heap());
    assertEquals(false, AllocKind.STACK.heap());
    assertEquals(false, AllocKind.STATIC.heap());
    assertEquals(false, AllocKind.THREAD_LOCAL.heap());
  }
}
