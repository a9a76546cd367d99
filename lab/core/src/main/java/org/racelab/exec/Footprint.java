package org.racelab.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.racelab.exec.ThreadState.Frame;
import org.racelab.exec.ThreadState.Guard;
import org.racelab.exec.ThreadState.Owned;
import org.racelab.exec.ThreadState.Resource;
import org.racelab.exec.ThreadState.RwGuard;
import org.racelab.exec.ThreadState.StackSlot;
import org.racelab.memory.Allocation;
import org.racelab.memory.Memory;
import org.racelab.memory.Memory.Resolution;
import org.racelab.value.BoxValue;
import org.racelab.value.Ordering;
import org.racelab.value.Pointer;
import org.racelab.value.Value;
import org.racelab.value.VecValue;

/**
 * What a thread's next step touches: a set of keys (a memory cell, a mutex, a condvar, "the thread
 * creation order", ...), each with a mode. Exploration uses it to avoid trying both orders of steps
 * that commute, and to decide which orders it must try.
 *
 * <p><b>Dependence.</b> Two footprints are dependent when they share a key and at least one of them
 * does more than read it ({@link Mode#READ} and {@link Mode#WAIT} only read). {@link #ALL} ("*") is
 * dependent with every non-empty footprint; it is used wherever the step's effect is not known
 * precisely (a panic unwinding, UB through a pointer that resolves nowhere, a pointer without
 * provenance, which may resolve into any block). An empty footprint (a {@code yield}, a non-seq_cst
 * fence, a stack allocation of the thread's own) commutes with everything. The relation is meant to
 * be <em>sound</em> for partial-order reduction (Godefroid 1996; Flanagan &amp; Godefroid, POPL
 * 2005): two steps that are independent here commute (executing them in either order gives the same
 * memory, locks, clocks and verdicts, up to the naming of allocations) and neither enables nor
 * disables the other. What is modelled:
 *
 * <ul>
 *   <li>plain and atomic accesses touch the cells they cover; reads ({@code READ}) commute with
 *       reads, except on a cell that references borrow (a read may invalidate a mutable reference
 *       there), and making a reference ({@code &mut}, {@code &shared}) writes the cells; a seq_cst
 *       load also marks the store it read (Miri's model), so it counts as a write of the cell, and
 *       every seq_cst operation touches the global seq_cst order {@code sc};
 *   <li>{@code lock} acquires and {@code unlock} releases its mutex (a condvar wait releases its
 *       mutex and takes it back, and touches the condvar); read-write locks likewise, with shared
 *       modes for read holds (every pair of rwlock operations counts as dependent);
 *   <li>{@code join t} waits for thread t's last step (which writes {@code thread:t}); a barrier
 *       departure waits for the phase's arrivals; spawns write the thread-creation order, heap
 *       allocations and frees the heap (first-fit addresses depend on the order), frees also every
 *       cell of the block.
 * </ul>
 *
 * <p><b>Co-enabledness.</b> A pending {@link Mode#ACQUIRE} is never enabled while another thread
 * can {@link Mode#RELEASE} the same lock or {@link Mode#SHARED_RELEASE} a read hold of it (that
 * thread holds it), a pending {@link Mode#SHARED_ACQUIRE} never while a writer can release it, and
 * a pending {@link Mode#WAIT} (join, barrier departure) is never enabled together with a {@link
 * Mode#WRITE} of its key (the thread it joins is still running; the barrier phase is not complete).
 * {@link #mayBeCoEnabled} uses these facts so that exploration does not try to reorder steps that
 * can never be reordered.
 */
public final class Footprint {

  /** How a step touches a key. */
  public enum Mode {
    /** Reads it; commutes with other reads. */
    READ,
    /** Changes it. */
    WRITE,
    /** Takes a lock (blocks while another thread holds it). */
    ACQUIRE,
    /** Gives a lock back (the thread holds it). */
    RELEASE,
    /** Takes a read-write lock for reading (blocks while a writer holds it). */
    SHARED_ACQUIRE,
    /** Gives a read hold of a read-write lock back. */
    SHARED_RELEASE,
    /** Waits for it (a join, a barrier departure); reads it once enabled. */
    WAIT;

    boolean readOnly() {
      return this == READ || this == WAIT;
    }
  }

  /** Kinds of keys (the high bits of a key). */
  public static final int MEM = 1;

  /** A mutex, by declaration index. */
  public static final int MUTEX = 2;

  /** A read-write lock. */
  public static final int RWLOCK = 3;

  /** A channel. */
  public static final int CHANNEL = 4;

  /** A barrier. */
  public static final int BARRIER = 5;

  /** A condition variable. */
  public static final int CONDVAR = 6;

  /** A thread's completion (its last step writes it; joins wait for it). */
  public static final int THREAD = 7;

  /** The order in which threads are created (ids are handed out in that order). */
  public static final int SPAWN = 8;

  /** The heap allocator (first-fit addresses depend on the order of allocations and frees). */
  public static final int HEAP = 9;

  /** The global seq_cst order (Miri's SC fence clock and SC write clock). */
  public static final int SC = 10;

  private static final String[] KIND_NAMES = {
    "?", "mem", "mutex", "rwlock", "channel", "barrier", "condvar", "thread", "spawn", "heap", "sc"
  };

  /** Touches nothing: commutes with everything. */
  public static final Footprint NONE = new Footprint(false, new long[0], new Mode[0], null, false);

  /** Dependent with everything (not known precisely). */
  public static final Footprint ALL = new Footprint(true, new long[0], new Mode[0], null, false);

  private final boolean all;
  private final long[] keys;
  private final Mode[] modes;
  private final @Nullable Cells cells;
  private final boolean spuriousWake;

  /** The memory cells a footprint covers, so that their values can be read (spin detection). */
  private record Cells(Memory memory, List<Allocation> allocs, int[] cells) {}

  private Footprint(
      boolean all, long[] keys, Mode[] modes, @Nullable Cells cells, boolean spuriousWake) {
    this.all = all;
    this.keys = keys;
    this.modes = modes;
    this.cells = cells;
    this.spuriousWake = spuriousWake;
  }

  /** A key of the given kind and index. */
  public static long key(int kind, long index) {
    return ((long) kind << 48) | (index & 0xffff_ffff_ffffL);
  }

  /** The kind of a key ({@link #MEM}, {@link #MUTEX}, ...). */
  public static int kindOf(long key) {
    return (int) (key >>> 48);
  }

  /** A key as text: {@code mem:3}, {@code mutex:0}, {@code thread:2}, {@code sc}. */
  public static String describeKey(long key) {
    int kind = kindOf(key);
    String name = kind > 0 && kind < KIND_NAMES.length ? KIND_NAMES[kind] : "?";
    long index = key & 0xffff_ffff_ffffL;
    return kind == SPAWN || kind == HEAP || kind == SC ? name : name + ":" + index;
  }

  /** Whether this is {@link #ALL}. */
  public boolean isAll() {
    return all;
  }

  /** Whether the step touches nothing shared. */
  public boolean isEmpty() {
    return !all && keys.length == 0;
  }

  /** How many keys. */
  public int size() {
    return keys.length;
  }

  /** The i-th key. */
  public long key(int i) {
    return keys[i];
  }

  /** The i-th key's mode. */
  public Mode mode(int i) {
    return modes[i];
  }

  /** Whether the step is a condvar re-acquire without a notification (a spurious wake-up). */
  public boolean spuriousWake() {
    return spuriousWake;
  }

  /** Whether every key is a memory cell (and there is at least one). */
  public boolean memoryOnly() {
    if (all || keys.length == 0) {
      return false;
    }
    for (long k : keys) {
      if (kindOf(k) != MEM) {
        return false;
      }
    }
    return true;
  }

  /** Whether any key is written (or taken, or given back), i.e. the step is not read-only. */
  public boolean writes() {
    if (all) {
      return true;
    }
    for (Mode m : modes) {
      if (!m.readOnly()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The current values of the memory cells this footprint covers, in key order (empty when it
   * covers none). Read without any check or record.
   */
  public List<Value> values() {
    if (cells == null) {
      return List.of();
    }
    List<Value> out = new ArrayList<>(cells.cells().length);
    for (int i = 0; i < cells.cells().length; i++) {
      out.add(cells.memory().peek(cells.allocs().get(i), cells.cells()[i]));
    }
    return out;
  }

  /**
   * Whether executing the two steps in either order could give different results: they share a key
   * that one of them writes, or one is {@link #ALL} and the other touches something.
   */
  public boolean dependent(Footprint o) {
    if (isEmpty() || o.isEmpty()) {
      return false;
    }
    if (all || o.all) {
      return true;
    }
    for (int i = 0; i < keys.length; i++) {
      for (int j = 0; j < o.keys.length; j++) {
        if (keys[i] == o.keys[j] && !(modes[i].readOnly() && o.modes[j].readOnly())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether the step {@code pending} of one thread could be enabled in a state where the step
   * {@code done} of another thread is enabled. False only when provably not: {@code done} gives
   * back a lock {@code pending} takes (its thread holds it), or {@code pending} waits for a key
   * {@code done} writes (a join of {@code done}'s still running thread, a barrier departure before
   * the phase completes).
   */
  public static boolean mayBeCoEnabled(Footprint done, Footprint pending) {
    if (done.all || pending.all) {
      return true;
    }
    for (int i = 0; i < pending.keys.length; i++) {
      for (int j = 0; j < done.keys.length; j++) {
        if (pending.keys[i] != done.keys[j]) {
          continue;
        }
        Mode p = pending.modes[i];
        Mode d = done.modes[j];
        if ((p == Mode.ACQUIRE && (d == Mode.RELEASE || d == Mode.SHARED_RELEASE))
            || (p == Mode.SHARED_ACQUIRE && d == Mode.RELEASE)
            || (p == Mode.WAIT && d == Mode.WRITE)) {
          return false;
        }
      }
    }
    return true;
  }

  /** This footprint with one more key (e.g. {@code thread:t} when the step finished thread t). */
  public Footprint with(long key, Mode mode) {
    if (all) {
      return this;
    }
    long[] k = Arrays.copyOf(keys, keys.length + 1);
    Mode[] m = Arrays.copyOf(modes, modes.length + 1);
    k[keys.length] = key;
    m[modes.length] = mode;
    return new Footprint(false, k, m, cells, spuriousWake);
  }

  /** The same keys and modes without the link to the machine's memory ({@link #values} empty). */
  public Footprint withoutValues() {
    return cells == null ? this : new Footprint(all, keys, modes, null, spuriousWake);
  }

  /** {@code *}, or the keys with their modes: {@code mutex:0 (acquire), condvar:1 (write)}. */
  public String describe() {
    if (all) {
      return "*";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < keys.length; i++) {
      sb.append(i == 0 ? "" : ", ")
          .append(describeKey(keys[i]))
          .append(" (")
          .append(modes[i].name().toLowerCase(Locale.ROOT))
          .append(')');
    }
    return sb.length() == 0 ? "nothing" : sb.toString();
  }

  @Override
  public String toString() {
    return describe();
  }

  // ------------------------------------------------------------------------- computing

  /** Accumulates keys while a footprint is computed. */
  private static final class Builder {
    final Machine m;
    final List<Long> keys = new ArrayList<>();
    final List<Mode> modes = new ArrayList<>();
    final List<Allocation> allocs = new ArrayList<>();
    final List<Integer> cells = new ArrayList<>();
    boolean all;
    boolean spurious;

    Builder(Machine m) {
      this.m = m;
    }

    Builder add(int kind, long index, Mode mode) {
      long k = key(kind, index);
      int at = keys.indexOf(k);
      if (at >= 0) {
        Mode old = modes.get(at);
        if (old != mode) {
          modes.set(at, old.readOnly() && mode.readOnly() ? Mode.READ : stronger(old, mode));
        }
        return this;
      }
      keys.add(k);
      modes.add(mode);
      return this;
    }

    private static Mode stronger(Mode a, Mode b) {
      if (a == Mode.SHARED_ACQUIRE
          || b == Mode.SHARED_ACQUIRE
          || a == Mode.SHARED_RELEASE
          || b == Mode.SHARED_RELEASE) {
        return Mode.WRITE;
      }
      if (a == Mode.ACQUIRE || b == Mode.ACQUIRE) {
        return a == Mode.RELEASE || b == Mode.RELEASE ? Mode.WRITE : Mode.ACQUIRE;
      }
      if (a == Mode.RELEASE || b == Mode.RELEASE) {
        return Mode.RELEASE;
      }
      return Mode.WRITE;
    }

    /** Every cell of a block. */
    Builder block(Allocation a, Mode mode) {
      for (int c = 0; c < a.cells(); c++) {
        cell(a, c, mode);
      }
      return this;
    }

    Builder cell(Allocation a, int c, Mode given) {
      // a read may remove a mutable reference from the cell's borrow stack: not a pure read then
      Mode mode = given == Mode.READ && m.memory().borrows().tracked(a, c) ? Mode.WRITE : given;
      long k = key(MEM, (long) a.varBase() + c);
      if (!keys.contains(k)) {
        allocs.add(a);
        cells.add(c);
      }
      return add(MEM, (long) a.varBase() + c, mode);
    }

    /** The cells an access of {@code size} bytes through {@code v} covers. */
    Builder access(@Nullable Value v, int size, Mode mode) {
      if (!(v instanceof Pointer p) || p.provenance() == 0) {
        all = true;
        return this;
      }
      Resolution r = m.memory().resolve(p, Math.max(size, 1), "");
      Allocation a;
      int offset;
      if (r instanceof Resolution.Hit h) {
        a = h.alloc();
        offset = h.offset();
      } else if (r instanceof Resolution.Miss miss && miss.stale() != null) {
        a = miss.stale();
        offset = miss.offset();
      } else {
        all = true;
        return this;
      }
      int first = a.cellAt(offset);
      int last = a.cellAt(offset + Math.max(size, 1) - 1);
      for (int c = first; c <= last; c++) {
        cell(a, c, mode);
      }
      return this;
    }

    /** Freeing the block a pointer points to: the heap and every cell, or unknown. */
    Builder free(@Nullable Pointer p) {
      Allocation a = p == null || p.isNull() ? null : m.memory().target(p).orElse(null);
      if (a == null || !a.live() || !a.kind().heap() || p.provenance() == 0) {
        all = true;
        return this;
      }
      add(HEAP, 0, Mode.WRITE);
      return block(a, Mode.WRITE);
    }

    /** Dropping what a local owns. */
    Builder drop(@Nullable Value v) {
      if (v instanceof BoxValue b && b.owned()) {
        return free(b.pointer());
      }
      if (v instanceof VecValue vv && vv.owned()) {
        if (vv.capacity() == 0) {
          return this;
        }
        return free(vv.buffer());
      }
      all = true;
      return this;
    }

    Footprint build() {
      if (all) {
        return ALL;
      }
      if (keys.isEmpty() && !spurious) {
        return NONE;
      }
      long[] k = new long[keys.size()];
      for (int i = 0; i < k.length; i++) {
        k[i] = keys.get(i);
      }
      Cells c = null;
      if (!cells.isEmpty()) {
        int[] cs = new int[cells.size()];
        for (int i = 0; i < cs.length; i++) {
          cs[i] = cells.get(i);
        }
        c = new Cells(m.memory(), List.copyOf(allocs), cs);
      }
      return new Footprint(false, k, modes.toArray(new Mode[0]), c, spurious);
    }
  }

  static Footprint of(Machine m, ThreadState ts) {
    if (ts.done()) {
      return NONE;
    }
    if (ts.pendingPanic != null) {
      return ALL;
    }
    Instr i = ts.current();
    if (i == null || i instanceof Instr.Pause) {
      return NONE;
    }
    Builder b = new Builder(m);
    if (i instanceof Instr.Read r) {
      b.access(peek(ts, 0), r.type().size(), Mode.READ);
    } else if (i instanceof Instr.Retag) {
      Value v = peek(ts, 0);
      int size =
          v instanceof Pointer p
              ? (int)
                  Math.min(
                      Integer.MAX_VALUE, Math.max(p.fat() ? p.length() : 1, 0) * p.pointee().size())
              : 1;
      b.access(v, Math.max(size, 1), Mode.WRITE);
    } else if (i instanceof Instr.Write w) {
      b.access(peek(ts, 0), w.type().size(), Mode.WRITE);
    } else if (i instanceof Instr.AtomicLoad l) {
      boolean sc = l.order() == Ordering.SEQ_CST;
      b.access(peek(ts, 0), l.type().size(), sc ? Mode.WRITE : Mode.READ);
      if (sc) {
        b.add(SC, 0, Mode.READ);
      }
    } else if (i instanceof Instr.AtomicStore s) {
      b.access(peek(ts, 1), s.type().size(), Mode.WRITE);
      if (s.order() == Ordering.SEQ_CST) {
        b.add(SC, 0, Mode.WRITE);
      }
    } else if (i instanceof Instr.AtomicRmw r) {
      b.access(peek(ts, 1), r.type().size(), Mode.WRITE);
      if (r.order() == Ordering.SEQ_CST) {
        b.add(SC, 0, Mode.WRITE);
      }
    } else if (i instanceof Instr.AtomicCas c) {
      b.access(peek(ts, 2), c.type().size(), Mode.WRITE);
      if (c.success() == Ordering.SEQ_CST || c.failure() == Ordering.SEQ_CST) {
        b.add(SC, 0, Mode.WRITE);
      }
    } else if (i instanceof Instr.Fence f) {
      if (f.order() == Ordering.SEQ_CST) {
        b.add(SC, 0, Mode.WRITE);
      }
    } else if (i instanceof Instr.HeapAlloc
        || i instanceof Instr.BoxNew
        || i instanceof Instr.VecNew) {
      b.add(HEAP, 0, Mode.WRITE);
    } else if (i instanceof Instr.LocalAlloc) {
      // the thread's own stack region: other threads cannot have a pointer with its provenance yet
      return NONE;
    } else if (i instanceof Instr.Free) {
      Value v = peek(ts, 0);
      b.free(v instanceof BoxValue bv ? bv.pointer() : v instanceof Pointer p ? p : null);
    } else if (i instanceof Instr.Drop d) {
      b.drop(ts.slots[d.slot()]);
    } else if (i instanceof Instr.DropSlot d) {
      b.drop(ts.slots[d.slot()]);
    } else if (i instanceof Instr.VecPush vp) {
      vecPush(b, ts, vp);
    } else if (i instanceof Instr.ExitScope) {
      exitScope(b, m, ts);
    } else if (i instanceof Instr.Lock l) {
      b.add(MUTEX, l.mutex(), Mode.ACQUIRE);
    } else if (i instanceof Instr.Unlock u) {
      b.add(MUTEX, u.mutex(), Mode.RELEASE);
    } else if (i instanceof Instr.RwAcquire r) {
      b.add(RWLOCK, r.rwlock(), r.write() ? Mode.ACQUIRE : Mode.SHARED_ACQUIRE);
    } else if (i instanceof Instr.RwRelease r) {
      b.add(RWLOCK, r.rwlock(), r.write() ? Mode.RELEASE : Mode.SHARED_RELEASE);
    } else if (i instanceof Instr.Spawn) {
      b.add(SPAWN, 0, Mode.WRITE);
    } else if (i instanceof Instr.Join j) {
      for (ThreadState target : m.joinTargetsOf(ts, j)) {
        if (target == null) {
          b.add(SPAWN, 0, Mode.WAIT);
        } else {
          b.add(THREAD, target.id, Mode.WAIT);
        }
      }
    } else if (i instanceof Instr.Send s) {
      b.add(CHANNEL, s.channel(), Mode.WRITE);
    } else if (i instanceof Instr.Recv r) {
      b.add(CHANNEL, r.channel(), Mode.WRITE);
    } else if (i instanceof Instr.BarrierArrive ba) {
      b.add(BARRIER, ba.barrier(), Mode.WRITE);
    } else if (i instanceof Instr.BarrierDepart bd) {
      b.add(BARRIER, bd.barrier(), Mode.WAIT);
    } else if (i instanceof Instr.CondWait c) {
      b.add(MUTEX, c.mutex(), Mode.RELEASE).add(CONDVAR, c.condvar(), Mode.WRITE);
    } else if (i instanceof Instr.CondReacquire c) {
      b.add(MUTEX, c.mutex(), Mode.ACQUIRE).add(CONDVAR, c.condvar(), Mode.WRITE);
      b.spurious = !m.wokenOn(c.condvar(), ts.id);
    } else if (i instanceof Instr.Notify n) {
      b.add(CONDVAR, n.condvar(), Mode.WRITE);
    } else {
      return ALL;
    }
    return b.build();
  }

  private static @Nullable Value peek(ThreadState ts, int depth) {
    return ts.stack.size() > depth ? ts.peek(depth) : null;
  }

  private static void vecPush(Builder b, ThreadState ts, Instr.VecPush vp) {
    if (!(ts.slots[vp.slot()] instanceof VecValue v)) {
      b.all = true;
      return;
    }
    if (v.length() < v.capacity()) {
      b.access(v.buffer().offset(v.length()), v.buffer().pointee().size(), Mode.WRITE);
      return;
    }
    b.add(HEAP, 0, Mode.WRITE);
    if (v.capacity() > 0) {
      b.free(v.buffer());
    }
  }

  private static void exitScope(Builder b, Machine m, ThreadState ts) {
    Frame f = ts.frames.peek();
    if (f == null) {
      return;
    }
    for (Resource r : f.resources) {
      if (r instanceof Guard g) {
        b.add(MUTEX, g.mutex(), Mode.RELEASE);
      } else if (r instanceof RwGuard g) {
        b.add(RWLOCK, g.rwlock(), g.write() ? Mode.RELEASE : Mode.SHARED_RELEASE);
      } else if (r instanceof StackSlot s) {
        b.block(s.alloc(), Mode.WRITE);
      } else if (r instanceof Owned o) {
        Value v = ts.slots[o.slot()];
        if (v instanceof BoxValue || v instanceof VecValue) {
          if ((v instanceof BoxValue bv && !bv.owned())
              || (v instanceof VecValue vv && !vv.owned())) {
            continue;
          }
          b.drop(v);
        }
      }
    }
  }
}
