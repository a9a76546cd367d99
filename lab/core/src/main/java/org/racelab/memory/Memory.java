package org.racelab.memory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.racelab.sync.AtomicLocation;
import org.racelab.sync.Atomics;
import org.racelab.value.Pointer;
import org.racelab.value.Prim;
import org.racelab.value.PtrType;
import org.racelab.value.Scalar;
import org.racelab.value.Type;
import org.racelab.value.Value;

/**
 * The simulated address space.
 *
 * <p>Addresses are handed out deterministically: statics and thread-locals from {@code 0x1000}
 * upwards; the heap from {@code 0x10000} with first-fit reuse of freed space (so a stale pointer
 * can point into a newer allocation, as on a real machine); one stack per thread, growing down from
 * its own region, where a popped frame's addresses are reused by the next frame.
 *
 * <p>Whether an access is defined is decided by provenance first (the allocation the pointer was
 * derived from must still be live), then bounds, then, for reads, initialisation and validity of
 * the bytes for the type read. A pointer without provenance (made from an integer) is resolved by
 * its address alone, like Miri's permissive provenance.
 *
 * <p>Each block keeps its own bytes, which stay readable after it dies; {@link #bytesOf} says where
 * a stale pointer's bytes are now (the block that reused the address, if one did). Alignment is not
 * checked: every block is 8-aligned, and a misaligned access through a cast pointer reads the bytes
 * it covers.
 */
public final class Memory {
  private static final long STATIC_BASE = 0x1000;
  private static final long HEAP_BASE = 0x10000;
  private static final long STACK_TOP = 0x7fff_0000L;
  private static final long STACK_REGION = 0x10_0000L;

  private final List<Allocation> all = new ArrayList<>();
  private final Set<Allocation> livePointerBlocks = new LinkedHashSet<>();
  private int nextVar;
  private long staticNext = STATIC_BASE;
  private long heapTop = HEAP_BASE;
  private final TreeMap<Long, Long> heapHoles = new TreeMap<>(); // address -> size
  private final Map<Integer, Long> stackPointers = new HashMap<>();
  private final Borrows borrows = new Borrows();

  /** The aliasing model's state: which references may still be used. */
  public Borrows borrows() {
    return borrows;
  }

  /** Every allocation ever made, in order (live and freed). */
  public List<Allocation> allocations() {
    return Collections.unmodifiableList(all);
  }

  /** The live blocks whose cells hold pointers, in order of allocation. */
  public Collection<Allocation> livePointerBlocks() {
    return Collections.unmodifiableSet(livePointerBlocks);
  }

  /** How many detector variables (cells) exist so far. */
  public int variableCount() {
    return nextVar;
  }

  /** The allocation with this id (provenance), if any. */
  public Optional<Allocation> byId(int id) {
    return id >= 1 && id <= all.size() ? Optional.of(all.get(id - 1)) : Optional.empty();
  }

  /**
   * Allocates a block.
   *
   * @param kind where it lives
   * @param name the binding that names it
   * @param type the declared type of the whole block
   * @param site where the allocation happens
   * @param owner the owning thread's name (stack, thread-local) or empty
   * @param thread the owning thread's index, for the stack region
   */
  public Allocation allocate(
      AllocKind kind, String name, Type type, Site site, String owner, int thread) {
    int size = Math.max(type.size(), 1);
    long aligned = (size + 7L) & ~7L;
    long base =
        switch (kind) {
          case STATIC, THREAD_LOCAL -> {
            long b = staticNext;
            staticNext += aligned;
            yield b;
          }
          case STACK -> {
            long sp = stackPointers.getOrDefault(thread, STACK_TOP - thread * STACK_REGION);
            sp -= aligned;
            stackPointers.put(thread, sp);
            yield sp;
          }
          case HEAP, BOX, VEC -> heapAddress(aligned);
        };
    Allocation a = new Allocation(all.size() + 1, kind, name, type, base, nextVar, site, owner);
    nextVar += a.cells();
    all.add(a);
    if (a.cellType() instanceof PtrType) {
      livePointerBlocks.add(a);
    }
    return a;
  }

  private long heapAddress(long size) {
    Map.Entry<Long, Long> fit = null;
    for (Map.Entry<Long, Long> hole : heapHoles.entrySet()) {
      if (hole.getValue() >= size) {
        fit = hole; // first fit, lowest address
        break;
      }
    }
    if (fit != null) {
      long addr = fit.getKey();
      long holeSize = fit.getValue();
      heapHoles.remove(addr);
      if (holeSize > size) {
        heapHoles.put(addr + size, holeSize - size);
      }
      return addr;
    }
    long addr = heapTop;
    heapTop += size;
    return addr;
  }

  /**
   * Frees or pops a block (the caller has checked that this is allowed and recorded the
   * deallocation as a write). The memory's contents stay readable to stale pointers, which is what
   * makes use-after-free look like it works.
   */
  public void release(Allocation a, Site site, String how) {
    if (!a.live()) {
      // a block dies once: giving its space back twice would hand it to two new blocks
      throw new IllegalStateException(a.describe() + " is already dead");
    }
    a.markFreed(site, how);
    livePointerBlocks.remove(a);
    long aligned = (Math.max(a.size(), 1) + 7L) & ~7L;
    if (a.kind().heap()) {
      long addr = a.base();
      long size = aligned;
      Map.Entry<Long, Long> after = heapHoles.ceilingEntry(addr);
      if (after != null && after.getKey() == addr + size) {
        size += after.getValue();
        heapHoles.remove(after.getKey());
      }
      Map.Entry<Long, Long> before = heapHoles.floorEntry(addr);
      if (before != null && before.getKey() + before.getValue() == addr) {
        addr = before.getKey();
        size += before.getValue();
      }
      heapHoles.put(addr, size);
    } else if (a.kind() == AllocKind.STACK) {
      int thread = threadOfStack(a.base());
      long sp = stackPointers.getOrDefault(thread, STACK_TOP - thread * STACK_REGION);
      stackPointers.put(thread, Math.max(sp, a.base() + aligned));
    }
  }

  private static int threadOfStack(long address) {
    return (int) ((STACK_TOP - 1 - address) / STACK_REGION);
  }

  // ---------------------------------------------------------------- resolution

  /** Where an access through a pointer lands, or why it is undefined. */
  public sealed interface Resolution {
    /** A defined access: the block and the byte offset in it. */
    record Hit(Allocation alloc, int offset) implements Resolution {}

    /**
     * An undefined access. For a use after free the stale block is kept, so the access can still be
     * simulated (it reads what was left there).
     */
    record Miss(UbKind kind, String message, @Nullable Allocation stale, int offset)
        implements Resolution {}
  }

  /**
   * Resolves an access of {@code size} bytes through {@code p}.
   *
   * @param what how the message names the pointer, e.g. {@code "p"} or {@code "*q"}
   */
  public Resolution resolve(Pointer p, int size, String what) {
    if (p.isNull()) {
      return new Resolution.Miss(
          UbKind.OUT_OF_BOUNDS,
          "dereferences a null pointer: address 0x0 is in no allocation",
          null,
          0);
    }
    Allocation a = p.provenance() != 0 ? byId(p.provenance()).orElse(null) : byAddress(p.address());
    if (a == null) {
      Allocation old = formerlyAt(p.address());
      if (old != null) {
        a = old;
      } else {
        return new Resolution.Miss(
            UbKind.OUT_OF_BOUNDS,
            String.format(
                Locale.ROOT,
                "accesses address 0x%x through %s, which is in no allocation",
                p.address(),
                what),
            null,
            0);
      }
    }
    long offset = p.address() - a.base();
    if (!a.live()) {
      String message =
          String.format(
              Locale.ROOT,
              "uses %s after it %s: %s dangles, and using a dangling pointer is UB",
              a.describe(),
              a.death(),
              what);
      boolean inside = offset >= 0 && offset + size <= a.size();
      return new Resolution.Miss(UbKind.USE_AFTER_FREE, message, inside ? a : null, (int) offset);
    }
    if (offset < 0 || offset + size > a.size()) {
      long cellSize = a.cellType().size();
      String where =
          offset % cellSize == 0
              ? "element " + (offset / cellSize)
              : String.format(Locale.ROOT, "byte offset %d", offset);
      return new Resolution.Miss(
          UbKind.OUT_OF_BOUNDS,
          String.format(
              Locale.ROOT,
              "accesses %s of %s through %s, but it has %d element%s: out of bounds",
              where,
              a.describe(),
              what,
              a.cells(),
              a.cells() == 1 ? "" : "s"),
          null,
          0);
    }
    return new Resolution.Hit(a, (int) offset);
  }

  private @Nullable Allocation byAddress(long address) {
    for (int i = all.size() - 1; i >= 0; i--) {
      Allocation a = all.get(i);
      if (a.live() && address >= a.base() && address < a.base() + Math.max(a.size(), 1)) {
        return a;
      }
    }
    return null;
  }

  private @Nullable Allocation formerlyAt(long address) {
    for (int i = all.size() - 1; i >= 0; i--) {
      Allocation a = all.get(i);
      if (!a.live() && address >= a.base() && address < a.base() + Math.max(a.size(), 1)) {
        return a;
      }
    }
    return null;
  }

  /**
   * Where the bytes of a dead block's range are now: the live block that has taken over exactly
   * this address range (its memory was reused), else the dead block itself, whose bytes are still
   * what was left there. A stale pointer reads and writes through this, as on a real machine.
   */
  public Resolution.Hit bytesOf(Allocation dead, int offset, int size) {
    long address = dead.base() + offset;
    Allocation now = byAddress(address);
    if (now != null && address + size <= now.base() + now.size()) {
      return new Resolution.Hit(now, (int) (address - now.base()));
    }
    return new Resolution.Hit(dead, offset);
  }

  /** The allocation a pointer points into or at (live or not), by provenance, else by address. */
  public Optional<Allocation> target(Pointer p) {
    if (p.provenance() != 0) {
      return byId(p.provenance());
    }
    Allocation a = byAddress(p.address());
    return Optional.ofNullable(a != null ? a : formerlyAt(p.address()));
  }

  // ---------------------------------------------------------------- values

  /** A value read from memory, or why the bytes are not a value of the type. */
  public sealed interface Read {
    /** The bytes are a valid value. */
    record Ok(Value value) implements Read {}

    /** The bytes are uninitialised or invalid for the type; {@code value} is what they hold. */
    record Bad(UbKind kind, String message, Value value) implements Read {}
  }

  /** Reads a value of type {@code t} at a resolved place (no race check: the caller does it). */
  public Read read(Allocation a, int offset, Type t) {
    int size = t.size();
    if (!a.initialised(offset, size)) {
      return new Read.Bad(
          UbKind.UNINITIALIZED_READ,
          "reads "
              + a.cellName(a.cellAt(offset))
              + ", which was never written: reading uninitialised memory is UB",
          zero(t));
    }
    if (t instanceof PtrType pt) {
      long address = a.load(offset, 8);
      long length = pt.fat() ? a.load(offset + 8, 8) : -1;
      int cell = a.cellAt(offset);
      boolean aligned = a.cellType() instanceof PtrType && offset % a.cellType().size() == 0;
      int prov = aligned ? a.provenanceAt(cell) : 0;
      long tag = aligned ? a.borrowTagAt(cell) : 0;
      return new Read.Ok(new Pointer(pt.target(), address, prov, length, tag));
    }
    Prim prim = (Prim) t;
    long raw = a.load(offset, size);
    Optional<String> invalid = prim.invalidity(raw);
    if (invalid.isPresent()) {
      return new Read.Bad(
          UbKind.INVALID_VALUE,
          "reads "
              + a.cellName(a.cellAt(offset))
              + " as "
              + prim.display()
              + ", but "
              + invalid.get(),
          new Scalar(prim, raw));
    }
    long bits = prim.isInteger() ? prim.wrap(raw) : raw;
    return new Read.Ok(new Scalar(prim, bits));
  }

  /** Writes a value of type {@code t} at a resolved place; drops any store buffer it overwrites. */
  public void write(Allocation a, int offset, Type t, Value v) {
    int first = a.cellAt(offset);
    int last = a.cellAt(offset + t.size() - 1);
    for (int c = first; c <= last; c++) {
      a.setAtomic(c, null);
      a.setProvenance(c, 0);
      a.setBorrowTag(c, 0);
    }
    writeBits(a, offset, t, v);
  }

  private void writeBits(Allocation a, int offset, Type t, Value v) {
    if (v instanceof Pointer p) {
      a.store(offset, 8, p.address());
      if (t.size() == 16) {
        a.store(offset + 8, 8, Math.max(p.length(), 0));
      }
      boolean aligned = a.cellType() instanceof PtrType && offset % a.cellType().size() == 0;
      if (aligned) {
        a.setProvenance(a.cellAt(offset), p.provenance());
        a.setBorrowTag(a.cellAt(offset), p.tag());
      }
    } else if (v instanceof Scalar s) {
      a.store(offset, t.size(), s.bits());
    } else {
      throw new IllegalArgumentException("cannot store " + v.display() + " in memory");
    }
  }

  /** Fills a whole block with one value per cell (initial values). */
  public void initialise(Allocation a, List<Value> cells) {
    int size = a.cellType().size();
    for (int c = 0; c < cells.size() && c < a.cells(); c++) {
      write(a, c * size, a.cellType(), cells.get(c));
    }
  }

  /** The value a zeroed cell of type t holds. */
  public static Value zero(Type t) {
    if (t instanceof PtrType pt) {
      return new Pointer(pt.target(), 0, 0, pt.fat() ? 0 : -1);
    }
    return new Scalar((Prim) t, 0);
  }

  // ---------------------------------------------------------------- atomics

  /**
   * The atomic location of a cell, created from the cell's current value on first atomic use. Null
   * when the access does not cover exactly one cell (mixed-size atomics are not modelled).
   */
  public @Nullable AtomicLocation atomic(Allocation a, int offset, Type t, Atomics atomics) {
    if (t.size() != a.cellType().size() || offset % a.cellType().size() != 0) {
      return null;
    }
    int cell = a.cellAt(offset);
    AtomicLocation loc = a.atomic(cell);
    if (loc == null) {
      long bits = a.initialised(offset, t.size()) ? a.load(offset, t.size()) : 0;
      loc = atomics.location(bits, a.provenanceAt(cell));
      a.setAtomic(cell, loc);
    }
    return loc;
  }

  /** Makes the cell's bytes hold what an atomic store wrote (the latest value). */
  public void writeAtomicResult(Allocation a, int offset, Type t, long bits, int provenance) {
    a.store(offset, t.size(), bits);
    int cell = a.cellAt(offset);
    if (a.cellType() instanceof PtrType) {
      a.setProvenance(cell, provenance);
      a.setBorrowTag(cell, 0); // references stored atomically lose their tag (documented)
    }
  }

  /** Decodes raw bits read by an atomic load into a value of type t. */
  public static Value decode(Type t, long bits, int provenance) {
    if (t instanceof PtrType pt) {
      return new Pointer(pt.target(), bits, provenance, -1);
    }
    Prim p = (Prim) t;
    return new Scalar(p, p.isInteger() ? p.wrap(bits) : bits);
  }

  /** The raw bits of a scalar or thin pointer value. */
  public static long encode(Value v) {
    if (v instanceof Pointer p) {
      return p.address();
    }
    if (v instanceof Scalar s) {
      return s.bits();
    }
    throw new IllegalArgumentException("not a scalar: " + v.display());
  }

  /** The provenance carried by a value (pointers), 0 otherwise. */
  public static int provenanceOf(Value v) {
    return v instanceof Pointer p ? p.provenance() : 0;
  }

  /** The current value of a cell without any check (for final values and memory maps). */
  public Value peek(Allocation a, int cell) {
    int offset = cell * a.cellType().size();
    Read r = read(a, offset, a.cellType());
    return r instanceof Read.Ok ok ? ok.value() : ((Read.Bad) r).value();
  }

  /** Whether a cell was ever written. */
  public boolean initialised(Allocation a, int cell) {
    int size = a.cellType().size();
    return a.initialised(cell * size, size);
  }
}
