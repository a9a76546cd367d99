package org.racelab.memory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.racelab.sync.AtomicLocation;
import org.racelab.value.ArrayType;
import org.racelab.value.Type;

/**
 * One block of simulated memory: its bytes, which bytes were ever written, the provenance of the
 * pointers stored in it, and its life (where it was allocated, where it was freed).
 *
 * <p>A block is an array of <em>cells</em> of one scalar or pointer type (a scalar declaration is
 * one cell; nested arrays are flattened). Cells are the unit of race detection and of naming: a
 * cell's detector variable id is {@code varBase + index}.
 */
public final class Allocation {
  private final int id;
  private final AllocKind kind;
  private final String name;
  private final Type declared;
  private final Type cellType;
  private final List<Integer> dims;
  private final int cells;
  private final long base;
  private final byte[] bytes;
  private final boolean[] init;
  private final Map<Integer, Integer> provenance = new HashMap<>(); // cell -> alloc id
  private final Map<Integer, Long> borrowTags =
      new HashMap<>(); // cell -> tag of a stored reference
  private final int varBase;
  private final Site allocated;
  private final String owner;
  private @Nullable Site freed;
  private String freedHow = "";
  private @Nullable AtomicLocation[] atomics;

  Allocation(
      int id,
      AllocKind kind,
      String name,
      Type declared,
      long base,
      int varBase,
      Site allocated,
      String owner) {
    this.id = id;
    this.kind = kind;
    this.name = name;
    this.declared = declared;
    this.dims = new ArrayList<>();
    Type t = declared;
    int n = 1;
    while (t instanceof ArrayType a) {
      dims.add(a.length());
      n *= a.length();
      t = a.element();
    }
    this.cellType = t;
    this.cells = n;
    this.base = base;
    this.bytes = new byte[n * t.size()];
    this.init = new boolean[bytes.length];
    this.varBase = varBase;
    this.allocated = allocated;
    this.owner = owner;
  }

  /** The allocation's id: the provenance of pointers derived from it. */
  public int id() {
    return id;
  }

  /** Where it lives. */
  public AllocKind kind() {
    return kind;
  }

  /** The binding that names it ({@code data}, {@code p}, {@code buf}). */
  public String name() {
    return name;
  }

  /** The declared type of the whole block. */
  public Type declared() {
    return declared;
  }

  /** The type of each cell. */
  public Type cellType() {
    return cellType;
  }

  /** The number of cells. */
  public int cells() {
    return cells;
  }

  /** The first address. */
  public long base() {
    return base;
  }

  /** The size in bytes. */
  public int size() {
    return bytes.length;
  }

  /** The detector variable id of cell 0. */
  public int varBase() {
    return varBase;
  }

  /** Where it was allocated. */
  public Site allocated() {
    return allocated;
  }

  /** The owning thread's name for stack slots and thread-locals, empty otherwise. */
  public String owner() {
    return owner;
  }

  /** Whether it is still allocated. */
  public boolean live() {
    return freed == null;
  }

  /** Where it was freed or popped, if it was. */
  public @Nullable Site freed() {
    return freed;
  }

  /** How it died: "was freed", "was popped at the end of its scope", ... (empty while live). */
  public String freedHow() {
    return freedHow;
  }

  /** How and where it died, as a clause for messages: {@code was freed at line 5 (thread main)}. */
  public String death() {
    Site f = freed;
    if (f == null) {
      return "is still live";
    }
    return (freedHow.isEmpty() ? "was freed" : freedHow) + " at " + f;
  }

  void markFreed(Site site, String how) {
    this.freed = site;
    this.freedHow = how;
  }

  /** Whether the array is declared as one ({@code [T; N]}), so cells are named with indices. */
  public boolean isArray() {
    return !dims.isEmpty();
  }

  /** The cell containing byte {@code offset}. */
  public int cellAt(int offset) {
    return offset / cellType.size();
  }

  /**
   * The user-facing name of a cell: {@code data}, {@code a[2]}, {@code count@main}, {@code p[0]},
   * {@code *p} (a heap scalar is named by its pointer).
   */
  public String cellName(int cell) {
    StringBuilder sb = new StringBuilder();
    boolean heapScalar = kind.heap() && dims.isEmpty() && kind != AllocKind.VEC;
    if (heapScalar) {
      sb.append('*');
    }
    sb.append(name);
    if (!dims.isEmpty()) {
      int[] idx = new int[dims.size()];
      int rest = cell;
      for (int d = dims.size() - 1; d >= 0; d--) {
        idx[d] = rest % dims.get(d);
        rest /= dims.get(d);
      }
      for (int i : idx) {
        sb.append('[').append(i).append(']');
      }
    } else if (kind == AllocKind.VEC) {
      sb.append('[').append(cell).append(']');
    }
    if (kind == AllocKind.THREAD_LOCAL) {
      sb.append('@').append(owner);
    }
    return sb.toString();
  }

  /** A short description for messages: {@code `p` (heap, 16 bytes at 0x100000)}. */
  public String describe() {
    return String.format(
        Locale.ROOT, "`%s` (%s, %d bytes at 0x%x)", name, kind.label(), bytes.length, base);
  }

  // ---------------------------------------------------------------- bytes

  boolean initialised(int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (!init[i]) {
        return false;
      }
    }
    return true;
  }

  long load(int offset, int length) {
    long v = 0;
    for (int i = length - 1; i >= 0; i--) {
      v = (v << 8) | (bytes[offset + i] & 0xFF);
    }
    return v;
  }

  void store(int offset, int length, long v) {
    for (int i = 0; i < length; i++) {
      bytes[offset + i] = (byte) (v >>> (8 * i));
      init[offset + i] = true;
    }
  }

  int provenanceAt(int cell) {
    return provenance.getOrDefault(cell, 0);
  }

  long borrowTagAt(int cell) {
    return borrowTags.getOrDefault(cell, 0L);
  }

  void setBorrowTag(int cell, long tag) {
    if (tag == 0) {
      borrowTags.remove(cell);
    } else {
      borrowTags.put(cell, tag);
    }
  }

  void setProvenance(int cell, int allocId) {
    if (allocId == 0) {
      provenance.remove(cell);
    } else {
      provenance.put(cell, allocId);
    }
  }

  /** The atomic state of a cell, or null if it has not been accessed atomically since written. */
  @Nullable AtomicLocation atomic(int cell) {
    return atomics == null ? null : atomics[cell];
  }

  void setAtomic(int cell, @Nullable AtomicLocation loc) {
    if (atomics == null) {
      if (loc == null) {
        return;
      }
      atomics = new AtomicLocation[cells];
    }
    atomics[cell] = loc;
  }
}
