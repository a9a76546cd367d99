package org.racelab.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.racelab.memory.Memory.Read;
import org.racelab.memory.Memory.Resolution;
import org.racelab.value.ArrayType;
import org.racelab.value.Pointer;
import org.racelab.value.Prim;
import org.racelab.value.PtrType;
import org.racelab.value.Scalar;

class MemoryTest {
  private final Memory mem = new Memory();
  private final Site site = new Site("main", 3);

  private Allocation heap(String name, org.racelab.value.Type t) {
    return mem.allocate(AllocKind.HEAP, name, t, site, "", 0);
  }

  private static Pointer to(Allocation a, org.racelab.value.Type pointee) {
    return new Pointer(pointee, a.base(), a.id(), -1);
  }

  @Test
  void heapAddressesAreDeterministicAndAFreedHoleIsReusedFirstFit() {
    Allocation a = heap("a", Prim.I32);
    Allocation b = heap("b", new ArrayType(Prim.I64, 2));
    assertEquals(0x10000, a.base());
    assertEquals(0x10008, b.base(), "blocks are 8-aligned and packed");
    mem.release(a, site, "was freed");
    Allocation c = heap("c", Prim.I32);
    assertEquals(a.base(), c.base(), "the freed hole is handed out again");
    Allocation d = heap("d", Prim.I32);
    assertEquals(0x10018, d.base(), "no hole left: the heap grows");
  }

  @Test
  void adjacentFreedHolesMergeSoALargerBlockFitsThere() {
    Allocation a = heap("a", Prim.I64);
    Allocation b = heap("b", Prim.I64);
    heap("guard", Prim.I64);
    mem.release(b, site, "was freed");
    mem.release(a, site, "was freed");
    Allocation big = heap("big", new ArrayType(Prim.I64, 2));
    assertEquals(a.base(), big.base());
  }

  @Test
  void aStalePointerIntoAReusedAddressIsStillAUseAfterFreeByProvenance() {
    Allocation old = heap("p", Prim.I32);
    Pointer stale = to(old, Prim.I32);
    mem.release(old, new Site("main", 5), "was freed");
    Allocation fresh = heap("q", Prim.I32);
    assertEquals(old.base(), fresh.base(), "same address");

    Resolution r = mem.resolve(stale, 4, "*p");
    Resolution.Miss miss = assertInstanceOf(Resolution.Miss.class, r);
    assertEquals(UbKind.USE_AFTER_FREE, miss.kind());
    assertSame(old, miss.stale(), "the dead block is kept so the access can be simulated");
    assertTrue(miss.message().contains("was freed at line 5"), miss.message());

    Resolution ok = mem.resolve(to(fresh, Prim.I32), 4, "*q");
    assertSame(fresh, assertInstanceOf(Resolution.Hit.class, ok).alloc());
  }

  @Test
  void aPointerWithoutProvenanceIsResolvedByAddressAlone() {
    Allocation old = heap("p", Prim.I32);
    mem.release(old, site, "was freed");
    Allocation fresh = heap("q", Prim.I32);
    Pointer fromInteger = new Pointer(Prim.I32, old.base(), 0, -1);
    assertSame(
        fresh, assertInstanceOf(Resolution.Hit.class, mem.resolve(fromInteger, 4, "x")).alloc());
  }

  @Test
  void accessesBeforeTheStartOrPastTheEndAreOutOfBoundsNamingTheElement() {
    Allocation a = heap("p", new ArrayType(Prim.I32, 4));
    Resolution before = mem.resolve(to(a, Prim.I32).offset(-1), 4, "p[-1]");
    Resolution.Miss m1 = assertInstanceOf(Resolution.Miss.class, before);
    assertEquals(UbKind.OUT_OF_BOUNDS, m1.kind());
    assertTrue(m1.message().contains("element -1"), m1.message());
    Resolution past = mem.resolve(to(a, Prim.I32).offset(4), 4, "p[4]");
    Resolution.Miss m2 = assertInstanceOf(Resolution.Miss.class, past);
    assertEquals(UbKind.OUT_OF_BOUNDS, m2.kind());
    assertTrue(m2.message().contains("element 4") && m2.message().contains("4 elements"));
    assertInstanceOf(Resolution.Hit.class, mem.resolve(to(a, Prim.I32).offset(3), 4, "p[3]"));
  }

  @Test
  void aWiderAccessThatStartsInsideButEndsOutsideIsOutOfBounds() {
    Allocation a = heap("p", Prim.I32);
    Resolution r = mem.resolve(to(a, Prim.I64), 8, "*q");
    assertEquals(UbKind.OUT_OF_BOUNDS, assertInstanceOf(Resolution.Miss.class, r).kind());
    assertInstanceOf(Resolution.Hit.class, mem.resolve(to(a, Prim.I32), 4, "*q"));
  }

  @Test
  void nullAndNeverAllocatedAddressesAreOutOfBounds() {
    Resolution n = mem.resolve(Pointer.nullTo(Prim.I32), 4, "*p");
    assertEquals(UbKind.OUT_OF_BOUNDS, assertInstanceOf(Resolution.Miss.class, n).kind());
    Resolution wild = mem.resolve(new Pointer(Prim.I32, 0x1234, 0, -1), 4, "*p");
    Resolution.Miss w = assertInstanceOf(Resolution.Miss.class, wild);
    assertEquals(UbKind.OUT_OF_BOUNDS, w.kind());
    assertNull(w.stale());
  }

  @Test
  void readingNeverWrittenBytesIsAnUninitialisedRead() {
    Allocation a = heap("p", new ArrayType(Prim.I32, 2));
    mem.write(a, 0, Prim.I32, Scalar.of(7));
    assertInstanceOf(Read.Ok.class, mem.read(a, 0, Prim.I32));
    Read.Bad bad = assertInstanceOf(Read.Bad.class, mem.read(a, 4, Prim.I32));
    assertEquals(UbKind.UNINITIALIZED_READ, bad.kind());
    assertTrue(bad.message().contains("p[1]"), bad.message());
  }

  @Test
  void aPartlyWrittenValueIsStillUninitialised() {
    Allocation a = heap("x", Prim.I64);
    mem.write(a, 0, Prim.I32, Scalar.of(1));
    assertEquals(
        UbKind.UNINITIALIZED_READ,
        assertInstanceOf(Read.Bad.class, mem.read(a, 0, Prim.I64)).kind());
  }

  @Test
  void aBoolMustBeZeroOrOne() {
    Allocation a = heap("b", Prim.U8);
    mem.write(a, 0, Prim.U8, new Scalar(Prim.U8, 1));
    assertEquals(Scalar.TRUE, assertInstanceOf(Read.Ok.class, mem.read(a, 0, Prim.BOOL)).value());
    mem.write(a, 0, Prim.U8, new Scalar(Prim.U8, 2));
    Read.Bad bad = assertInstanceOf(Read.Bad.class, mem.read(a, 0, Prim.BOOL));
    assertEquals(UbKind.INVALID_VALUE, bad.kind());
    assertTrue(bad.message().contains("2 is not a valid bool"), bad.message());
  }

  @Test
  void aCharMustBeAUnicodeScalarValue() {
    Allocation a = heap("c", Prim.U32);
    for (long ok : new long[] {0, 'A', 0xD7FF, 0xE000, 0x10FFFF}) {
      mem.write(a, 0, Prim.U32, new Scalar(Prim.U32, ok));
      assertInstanceOf(Read.Ok.class, mem.read(a, 0, Prim.CHAR), "U+" + Long.toHexString(ok));
    }
    for (long bad : new long[] {0xD800, 0xDFFF, 0x110000, 0xFFFF_FFFFL}) {
      mem.write(a, 0, Prim.U32, new Scalar(Prim.U32, bad));
      Read.Bad b = assertInstanceOf(Read.Bad.class, mem.read(a, 0, Prim.CHAR));
      assertEquals(UbKind.INVALID_VALUE, b.kind(), Long.toHexString(bad));
    }
  }

  @Test
  void pointersStoredInPointerCellsKeepTheirProvenance() {
    Allocation target = heap("t", Prim.I32);
    Allocation cell = heap("h", new ArrayType(PtrType.to(Prim.I32), 2));
    mem.write(cell, 8, PtrType.to(Prim.I32), to(target, Prim.I32));
    Pointer back =
        (Pointer) assertInstanceOf(Read.Ok.class, mem.read(cell, 8, PtrType.to(Prim.I32))).value();
    assertEquals(target.id(), back.provenance());
    assertEquals(target.base(), back.address());
  }

  @Test
  void aFatPointerKeepsItsLengthInMemory() {
    Allocation cell = heap("s", new PtrType(Prim.I32, true));
    mem.write(cell, 0, new PtrType(Prim.I32, true), new Pointer(Prim.I32, 0x2000, 0, 3));
    Pointer back =
        (Pointer)
            assertInstanceOf(Read.Ok.class, mem.read(cell, 0, new PtrType(Prim.I32, true))).value();
    assertEquals(3, back.length());
    assertEquals("0x2000 + len 3", back.display());
  }

  @Test
  void stackSlotsOfAThreadGrowDownAndAPoppedSlotsAddressIsReused() {
    Allocation x = mem.allocate(AllocKind.STACK, "x", Prim.I32, site, "main", 0);
    Allocation y = mem.allocate(AllocKind.STACK, "y", Prim.I64, site, "main", 0);
    assertTrue(y.base() < x.base());
    mem.release(y, site, "was popped at the end of its scope");
    Allocation z = mem.allocate(AllocKind.STACK, "z", Prim.I64, site, "main", 0);
    assertEquals(y.base(), z.base());
    Allocation other = mem.allocate(AllocKind.STACK, "w", Prim.I32, site, "t", 1);
    assertNotEquals(x.base() & ~0xFFFFFL, other.base() & ~0xFFFFFL, "each thread its stack");
  }

  @Test
  void aBlockDiesOnlyOnce() {
    Allocation a = heap("p", Prim.I32);
    mem.release(a, site, "was freed");
    assertThrows(IllegalStateException.class, () -> mem.release(a, site, "was freed"));
  }

  @Test
  void aDeadBlockSaysHowAndWhereItDied() {
    Allocation a = heap("p", Prim.I32);
    assertEquals("is still live", a.death());
    mem.release(a, new Site("worker", 12), "was freed");
    assertEquals("was freed at line 12 (thread worker)", a.death());
  }
}
