package org.racelab.memory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The aliasing model: which references may still be used, after Stacked Borrows (Jung, Dang, Kang
 * and Dreyer, "Stacked Borrows: An Aliasing Model for Rust", POPL 2020), as Miri implements it,
 * reduced to what the scenario language can express.
 *
 * <p><b>Tags and stacks.</b> Every reference made with {@code &mut place} or {@code &shared place}
 * gets a fresh tag; its pointer carries the tag wherever it is copied, offset or stored. Each cell
 * it covers gets a <em>borrow stack</em>: the items (tag, permission) that may access the cell,
 * oldest at the bottom. The bottom item is the cell's owner, tag 0, with permission to read and
 * write: named accesses ({@code x = 1}), owners (Box, Vec, {@code alloc}) and raw pointers ({@code
 * &x}) all use it. Raw pointers are deliberately untracked (Miri's wildcard provenance, roughly):
 * that way code written in C style, with raw pointers only, is never flagged, and only code that
 * makes references is held to their rules.
 *
 * <p><b>Rules.</b> An access with tag t looks for the topmost item with tag t that grants it
 * ({@code SHARED_READ_ONLY} grants reads only). None found is UB: the reference was invalidated
 * earlier, or never covered this cell, or (a write through a shared reference) never allowed it.
 * Then a write removes every item above the granting one (any other reference created after t is
 * now invalid), and a read removes the {@code UNIQUE} items above it (a mutable reference does not
 * survive someone else reading what it borrowed). Making a reference is an access with the parent
 * tag (a write for {@code &mut}, a read for {@code &shared}), then a push of the new item on top.
 *
 * <p><b>Not modelled.</b> Function-argument protectors and two-phase borrows (the language has no
 * functions), interior mutability ({@code UnsafeCell}: atomic accesses are not checked here, as
 * atomics are the language's only interior mutability), references stored through atomic stores
 * (they lose their tag, so they are treated as raw pointers: a missed report, never a false one),
 * and the retag of a raw pointer made from a reference ({@code &*r} keeps r's tag).
 */
public final class Borrows {

  /** What an item allows. */
  public enum Permission {
    /** Reads and writes; only this reference (and those made from it) may access. */
    UNIQUE,
    /** Reads only; other shared references may read too. */
    SHARED_READ_ONLY,
    /** Reads and writes, shared with other such items: the owner. */
    SHARED_READ_WRITE
  }

  private record Item(long tag, Permission permission) {}

  /** A reference as its creator wrote it, for messages. */
  private record Reference(String name, Permission permission, Site made) {}

  /** Why an item left a cell's stack. */
  private record Removal(Site site, String how) {}

  private static final class CellStack {
    final List<Item> items = new ArrayList<>(List.of(new Item(0, Permission.SHARED_READ_WRITE)));
    final Map<Long, Removal> removed = new HashMap<>();
  }

  private final Map<Long, CellStack> stacks = new HashMap<>();
  private final Map<Long, Reference> references = new HashMap<>();
  private long nextTag = 1;

  private static long key(Allocation a, int cell) {
    return ((long) a.id() << 32) | (cell & 0xffff_ffffL);
  }

  /** Whether some reference has ever been made to this cell and is still on its stack. */
  public boolean tracked(Allocation a, int cell) {
    CellStack s = stacks.get(key(a, cell));
    return s != null && s.items.size() > 1;
  }

  /**
   * Checks and performs an access to cells {@code first..last} of {@code a} with {@code tag}.
   *
   * @param site where the access happens
   * @param how the access in words, for later messages ("a write of x")
   * @return why the access is UB, or empty when it is allowed
   */
  public Optional<String> access(
      Allocation a, int first, int last, long tag, boolean write, Site site, String how) {
    Optional<String> problem = Optional.empty();
    for (int c = first; c <= last; c++) {
      Optional<String> p = accessCell(a, c, tag, write, site, how);
      if (problem.isEmpty()) {
        problem = p;
      }
    }
    return problem;
  }

  private Optional<String> accessCell(
      Allocation a, int cell, long tag, boolean write, Site site, String how) {
    CellStack s = stacks.get(key(a, cell));
    if (s == null) {
      return tag == 0 ? Optional.empty() : Optional.of(notCovering(tag, a, cell));
    }
    int granting = -1;
    boolean readOnlyFound = false;
    for (int i = s.items.size() - 1; i >= 0; i--) {
      Item it = s.items.get(i);
      if (it.tag() == tag) {
        if (write && it.permission() == Permission.SHARED_READ_ONLY) {
          readOnlyFound = true;
          continue;
        }
        granting = i;
        break;
      }
    }
    if (granting < 0) {
      if (readOnlyFound) {
        return Optional.of(
            "writes "
                + a.cellName(cell)
                + " through "
                + describe(tag)
                + ": a shared reference never allows mutation");
      }
      Removal r = s.removed.get(tag);
      if (r != null) {
        return Optional.of(
            (write ? "writes " : "reads ")
                + a.cellName(cell)
                + " through "
                + describe(tag)
                + ", which was invalidated by "
                + r.how()
                + " at "
                + r.site()
                + ": using a borrow after an incompatible access is UB");
      }
      return Optional.of(notCovering(tag, a, cell));
    }
    Removal removal = new Removal(site, how);
    if (write) {
      int keep = granting;
      if (s.items.get(granting).permission() == Permission.SHARED_READ_WRITE) {
        while (keep + 1 < s.items.size()
            && s.items.get(keep + 1).permission() == Permission.SHARED_READ_WRITE) {
          keep++;
        }
      }
      while (s.items.size() > keep + 1) {
        Item gone = s.items.remove(s.items.size() - 1);
        s.removed.put(gone.tag(), removal);
      }
    } else {
      for (int i = s.items.size() - 1; i > granting; i--) {
        if (s.items.get(i).permission() == Permission.UNIQUE) {
          Item gone = s.items.remove(i);
          s.removed.put(gone.tag(), removal);
        }
      }
    }
    return Optional.empty();
  }

  /** The result of making a reference: its tag, or why making it was already UB. */
  public record Retag(long tag, Optional<String> problem) {}

  /**
   * Makes a reference to cells {@code first..last} of {@code a} from a pointer tagged {@code
   * parent}: an access with the parent (a write for a unique reference, a read for a shared one),
   * then a new item on top of each cell's stack.
   *
   * @param name the borrow as written ({@code &mut x}), for messages
   */
  public Retag retag(
      Allocation a,
      int first,
      int last,
      long parent,
      Permission permission,
      Site site,
      String name) {
    boolean write = permission == Permission.UNIQUE;
    Optional<String> problem =
        access(
            a, first, last, parent, write, site, "the borrow " + name + " of " + a.cellName(first));
    long tag = nextTag++;
    references.put(tag, new Reference(name, permission, site));
    for (int c = first; c <= last; c++) {
      stacks.computeIfAbsent(key(a, c), k -> new CellStack()).items.add(new Item(tag, permission));
    }
    return new Retag(tag, problem);
  }

  private String describe(long tag) {
    Reference r = references.get(tag);
    if (r == null) {
      return "a reference";
    }
    String kind = r.permission() == Permission.UNIQUE ? "mutable" : "shared";
    return "the " + kind + " reference " + r.name() + " made at " + r.made();
  }

  private String notCovering(long tag, Allocation a, int cell) {
    return "accesses "
        + a.cellName(cell)
        + " through "
        + describe(tag)
        + ", which does not cover it: a reference grants access only to what it borrowed";
  }
}
