package org.racelab.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.racelab.memory.Borrows.Permission;
import org.racelab.value.ArrayType;
import org.racelab.value.Prim;

/** The Stacked Borrows rules, one at a time, on the borrow stacks of a small block. */
class BorrowsTest {
  private final Memory mem = new Memory();
  private final Borrows borrows = mem.borrows();
  private final Allocation x =
      mem.allocate(AllocKind.STACK, "x", new ArrayType(Prim.I32, 2), new Site("main", 1), "", 0);

  private long borrow(long parent, Permission p, int line) {
    Borrows.Retag r = borrows.retag(x, 0, 0, parent, p, new Site("main", line), "&r" + line);
    assertEquals(Optional.empty(), r.problem());
    return r.tag();
  }

  private Optional<String> write(long tag, int line) {
    return borrows.access(x, 0, 0, tag, true, new Site("main", line), "a write of x[0]");
  }

  private Optional<String> read(long tag, int line) {
    return borrows.access(x, 0, 0, tag, false, new Site("main", line), "a read of x[0]");
  }

  @Test
  void theOwnerMayAlwaysAccessAndUntrackedCellsHaveNoStack() {
    assertEquals(Optional.empty(), write(0, 2));
    assertEquals(Optional.empty(), read(0, 3));
    assertFalse(borrows.tracked(x, 0));
  }

  @Test
  void eachReferenceGetsAFreshTag() {
    long a = borrow(0, Permission.UNIQUE, 2);
    long b = borrow(a, Permission.SHARED_READ_ONLY, 3);
    assertNotEquals(0, a);
    assertNotEquals(a, b);
    assertTrue(borrows.tracked(x, 0));
  }

  @Test
  void aWriteByTheOwnerInvalidatesAMutableReferenceAndTheMessageSaysWhere() {
    long r = borrow(0, Permission.UNIQUE, 2);
    assertEquals(Optional.empty(), write(r, 3));
    assertEquals(Optional.empty(), write(0, 4));
    String problem = write(r, 5).orElseThrow();
    assertTrue(problem.contains("&r2 made at line 2"), problem);
    assertTrue(problem.contains("invalidated by a write of x[0] at line 4"), problem);
  }

  @Test
  void aReadByTheOwnerInvalidatesAMutableReferenceButNotASharedOne() {
    long unique = borrow(0, Permission.UNIQUE, 2);
    assertEquals(Optional.empty(), read(0, 3));
    assertTrue(read(unique, 4).isPresent(), "a read pops the unique item above it");
    long shared = borrow(0, Permission.SHARED_READ_ONLY, 5);
    assertEquals(Optional.empty(), read(0, 6));
    assertEquals(Optional.empty(), read(shared, 7), "shared references survive reads");
  }

  @Test
  void aSharedReferenceNeverWrites() {
    long s = borrow(0, Permission.SHARED_READ_ONLY, 2);
    String problem = write(s, 3).orElseThrow();
    assertTrue(problem.contains("never allows mutation"), problem);
  }

  @Test
  void usingAParentEndsItsReborrowButNotTheOtherWayRound() {
    long parent = borrow(0, Permission.UNIQUE, 2);
    long child = borrow(parent, Permission.UNIQUE, 3);
    assertEquals(Optional.empty(), write(child, 4));
    assertEquals(Optional.empty(), write(parent, 5));
    assertTrue(write(child, 6).isPresent());
    assertEquals(Optional.empty(), write(parent, 7));
  }

  @Test
  void aNewMutableBorrowInvalidatesTheSharedOnesBeforeIt() {
    long s = borrow(0, Permission.SHARED_READ_ONLY, 2);
    borrow(0, Permission.UNIQUE, 3);
    assertTrue(read(s, 4).isPresent());
  }

  @Test
  void aReferenceCoversOnlyTheCellsItBorrowed() {
    long r = borrow(0, Permission.UNIQUE, 2);
    String problem =
        borrows.access(x, 1, 1, r, false, new Site("main", 3), "a read of x[1]").orElseThrow();
    assertTrue(problem.contains("does not cover"), problem);
  }

  @Test
  void makingAReferenceFromAnInvalidatedOneIsAlreadyUb() {
    long r = borrow(0, Permission.UNIQUE, 2);
    write(0, 3);
    Borrows.Retag child =
        borrows.retag(x, 0, 0, r, Permission.SHARED_READ_ONLY, new Site("main", 4), "&shared *r");
    assertTrue(child.problem().isPresent());
  }
}
