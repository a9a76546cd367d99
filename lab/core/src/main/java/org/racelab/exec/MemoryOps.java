package org.racelab.exec;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.racelab.detect.AccessKind;
import org.racelab.memory.AllocKind;
import org.racelab.memory.Allocation;
import org.racelab.memory.Borrows;
import org.racelab.memory.Memory;
import org.racelab.memory.Memory.Resolution;
import org.racelab.memory.Site;
import org.racelab.memory.UbKind;
import org.racelab.sync.AtomicLocation;
import org.racelab.sync.LoadResult;
import org.racelab.value.ArrayType;
import org.racelab.value.BoxValue;
import org.racelab.value.Pointer;
import org.racelab.value.Scalar;
import org.racelab.value.Type;
import org.racelab.value.Value;
import org.racelab.value.VecValue;

/**
 * The instructions that touch memory: each one resolves its pointer (naming the UB if the access is
 * undefined), asks the detectors about every cell it touches, and records a ledger entry.
 *
 * <p>An access that is UB is still simulated where that makes sense, so that later accesses can be
 * classified and marked "after UB": a use after free is recorded on the dead block's cells (so it
 * races with the free like any write) and reads or writes whatever is at the address now, the bytes
 * left behind or the block that reused the address; an access that lands in no block reads zero and
 * touches nothing.
 *
 * <p>Allocation, free, drop and pop record a write of the whole block (Miri's rule), so a
 * deallocation that is not ordered with another thread's access is a data race. Every death of a
 * block is reported to {@link Dangling}, which keeps the notes about pointers left dangling.
 */
final class MemoryOps {
  private MemoryOps() {}

  private static int record(
      Machine m,
      ThreadState ts,
      int line,
      String op,
      Allocation a,
      int offset,
      int size,
      int kind,
      String value) {
    if (!m.recording()) {
      return -1;
    }
    int first = a.cellAt(offset);
    int last = a.cellAt(offset + Math.max(size, 1) - 1);
    int idx =
        m.recorder()
            .access(m.step(), ts.id, line, op, a.cellName(first), a, first, last, kind, value);
    m.accessed(idx);
    return idx;
  }

  private static int recordBlock(Machine m, ThreadState ts, int line, String op, Allocation a) {
    if (!m.recording()) {
      return -1;
    }
    String location = a.isArray() || a.kind() == AllocKind.VEC ? a.name() : a.cellName(0);
    int idx =
        m.recorder()
            .access(
                m.step(), ts.id, line, op, location, a, 0, a.cells() - 1, AccessKind.WRITE, null);
    m.accessed(idx);
    return idx;
  }

  // ---------------------------------------------------------------- plain accesses

  static Value read(Machine m, ThreadState ts, Pointer p, Type type, String what, int line) {
    Memory mem = m.memory();
    Resolution r = mem.resolve(p, type.size(), what);
    Allocation a;
    int off;
    if (r instanceof Resolution.Hit h) {
      a = h.alloc();
      off = h.offset();
    } else {
      Resolution.Miss miss = (Resolution.Miss) r;
      if (miss.stale() == null) {
        usedDangling(m, p, miss);
        missed(m, ts, miss, what);
        m.say("read " + what + " (UB: " + miss.kind().label() + ")");
        return Memory.zero(type);
      }
      a = miss.stale();
      off = miss.offset();
      m.dangling().used(a.id());
      Resolution.Hit now = mem.bytesOf(a, off, type.size());
      Value stale = value(mem.read(now.alloc(), now.offset(), type));
      int idx = record(m, ts, line, "read", a, off, type.size(), AccessKind.READ, stale.display());
      m.ub(ts, UbKind.USE_AFTER_FREE, a.cellName(a.cellAt(off)), miss.message(), idx);
      m.say("read " + a.cellName(a.cellAt(off)) + " after free");
      return stale;
    }
    Memory.Read rd = mem.read(a, off, type);
    Value v = value(rd);
    String cell = a.cellName(a.cellAt(off));
    int idx = record(m, ts, line, "read", a, off, type.size(), AccessKind.READ, v.display());
    borrowCheck(m, ts, p, a, off, type.size(), false, what, line, idx);
    if (rd instanceof Memory.Read.Bad bad) {
      m.ub(ts, bad.kind(), cell, bad.message(), idx);
    }
    m.say("read " + cell + " = " + v.display());
    return v;
  }

  /**
   * Reports an access that lands in no block. An index outside a slice is reported where the index
   * is taken; the access through the element pointer that follows is the same mistake and is not
   * reported twice.
   */
  private static void missed(Machine m, ThreadState ts, Resolution.Miss miss, String what) {
    List<Findings.Ub> ubs = m.recorder().ubs();
    if (!ubs.isEmpty() && miss.kind() == UbKind.OUT_OF_BOUNDS) {
      Findings.Ub last = ubs.get(ubs.size() - 1);
      if (last.kind() == UbKind.OUT_OF_BOUNDS
          && last.thread().equals(ts.name)
          && last.line() == ts.line
          && last.location().equals(what)
          && last.step() >= m.step() - 1) {
        return;
      }
    }
    m.ub(ts, miss.kind(), what, miss.message(), -1);
  }

  /** Tells the dangling-pointer notes that a pointer into a dead block was used. */
  private static void usedDangling(Machine m, Pointer p, Resolution.Miss miss) {
    if (miss.kind() == UbKind.USE_AFTER_FREE) {
      m.memory().target(p).ifPresent(a -> m.dangling().used(a.id()));
    }
  }

  private static Value value(Memory.Read rd) {
    return rd instanceof Memory.Read.Ok ok ? ok.value() : ((Memory.Read.Bad) rd).value();
  }

  static void write(
      Machine m, ThreadState ts, Pointer p, Type type, Value v, String what, int line) {
    Memory mem = m.memory();
    Resolution r = mem.resolve(p, type.size(), what);
    if (r instanceof Resolution.Hit h) {
      String cell = h.alloc().cellName(h.alloc().cellAt(h.offset()));
      int idx =
          record(
              m,
              ts,
              line,
              "write",
              h.alloc(),
              h.offset(),
              type.size(),
              AccessKind.WRITE,
              v.display());
      borrowCheck(m, ts, p, h.alloc(), h.offset(), type.size(), true, what, line, idx);
      mem.write(h.alloc(), h.offset(), type, v);
      m.dangling().copied(mem, cell, v, line);
      m.say("write " + cell + " = " + v.display());
      return;
    }
    Resolution.Miss miss = (Resolution.Miss) r;
    usedDangling(m, p, miss);
    if (miss.stale() != null) {
      Allocation a = miss.stale();
      int idx =
          record(
              m, ts, line, "write", a, miss.offset(), type.size(), AccessKind.WRITE, v.display());
      // a write through a stale pointer lands on whatever now lives at the address
      Resolution.Hit now = mem.bytesOf(a, miss.offset(), type.size());
      mem.write(now.alloc(), now.offset(), type, v);
      m.ub(ts, UbKind.USE_AFTER_FREE, a.cellName(a.cellAt(miss.offset())), miss.message(), idx);
      m.say("write " + a.cellName(a.cellAt(miss.offset())) + " after free");
      return;
    }
    missed(m, ts, miss, what);
    m.say("write " + what + " (UB: " + miss.kind().label() + ")");
  }

  // ---------------------------------------------------------------- aliasing

  /** Runs a plain access past the aliasing model; a violation is {@code aliasing} UB. */
  private static void borrowCheck(
      Machine m,
      ThreadState ts,
      Pointer p,
      Allocation a,
      int offset,
      int size,
      boolean write,
      String what,
      int line,
      int idx) {
    int first = a.cellAt(offset);
    int last = a.cellAt(offset + Math.max(size, 1) - 1);
    String cell = a.cellName(first);
    String how =
        (write ? "a write of " : "a read of ")
            + cell
            + (what.equals(cell) ? "" : " through " + what);
    m.memory()
        .borrows()
        .access(a, first, last, p.tag(), write, new Site(ts.name, line), how)
        .ifPresent(
            problem -> {
              if (!repeatsLastUb(m, ts, UbKind.ALIASING, cell)) {
                m.ub(ts, UbKind.ALIASING, cell, problem, idx);
              }
            });
  }

  /**
   * Whether the thread's last UB was this kind on this location at this line: {@code *r += 1}
   * through an invalid reference is one mistake, not a read and a write to report separately.
   */
  private static boolean repeatsLastUb(Machine m, ThreadState ts, UbKind kind, String location) {
    List<Findings.Ub> ubs = m.recorder().ubs();
    if (ubs.isEmpty()) {
      return false;
    }
    Findings.Ub last = ubs.get(ubs.size() - 1);
    return last.kind() == kind
        && last.thread().equals(ts.name)
        && last.line() == ts.line
        && last.location().equals(location);
  }

  /**
   * {@code &mut place} or {@code &shared place}: checks that the place is live and in bounds (a
   * reference to freed or out-of-bounds memory is already UB in Rust, where references must always
   * be dereferenceable), then makes the new tag. Not an access for race detection (Miri does not
   * count a retag as one either).
   */
  static Pointer retag(Machine m, ThreadState ts, Pointer p, Instr.Retag rt, int line) {
    Type pointee = p.pointee();
    long elements = p.fat() ? p.length() : 1;
    int size = (int) Math.max(0, Math.min(Integer.MAX_VALUE, elements * pointee.size()));
    if (size == 0) {
      return p; // an empty slice borrows nothing
    }
    Resolution r = m.memory().resolve(p, size, rt.what());
    if (!(r instanceof Resolution.Hit h)) {
      Resolution.Miss miss = (Resolution.Miss) r;
      usedDangling(m, p, miss);
      m.ub(
          ts,
          miss.kind(),
          rt.what(),
          "makes the reference " + rt.what() + ", but " + miss.message(),
          -1);
      return p;
    }
    Allocation a = h.alloc();
    int first = a.cellAt(h.offset());
    int last = a.cellAt(h.offset() + size - 1);
    Borrows.Retag made =
        m.memory()
            .borrows()
            .retag(
                a,
                first,
                last,
                p.tag(),
                rt.unique() ? Borrows.Permission.UNIQUE : Borrows.Permission.SHARED_READ_ONLY,
                new Site(ts.name, line),
                rt.what());
    made.problem().ifPresent(problem -> m.ub(ts, UbKind.ALIASING, a.cellName(first), problem, -1));
    m.say("borrow " + rt.what() + " (tag " + made.tag() + ")");
    return p.withTag(made.tag());
  }

  /** Reads without any check or record (final values in expectations). */
  static Value peek(Machine m, Pointer p, Type type) {
    Resolution r = m.memory().resolve(p, type.size(), "");
    if (r instanceof Resolution.Hit h) {
      return value(m.memory().read(h.alloc(), h.offset(), type));
    }
    Resolution.Miss miss = (Resolution.Miss) r;
    if (miss.stale() == null) {
      return Memory.zero(type);
    }
    Resolution.Hit now = m.memory().bytesOf(miss.stale(), miss.offset(), type.size());
    return value(m.memory().read(now.alloc(), now.offset(), type));
  }

  // ---------------------------------------------------------------- atomics

  /**
   * Where an atomic access lands. {@code uaf} is set when it goes through a dangling pointer into a
   * block that is dead but was this big: the access is still simulated on the stale cell (as plain
   * accesses are) and its UB is reported once the access is in the ledger.
   */
  private record AtomicPlace(Allocation alloc, int offset, Resolution.@Nullable Miss uaf) {}

  /** Resolves an atomic access, or records its UB and returns null. */
  private static @Nullable AtomicPlace atomicPlace(
      Machine m, ThreadState ts, Pointer p, Type type, String what, int line) {
    Resolution r = m.memory().resolve(p, type.size(), what);
    Allocation a;
    int offset;
    Resolution.Miss uaf = null;
    if (r instanceof Resolution.Hit h) {
      a = h.alloc();
      offset = h.offset();
    } else {
      Resolution.Miss miss = (Resolution.Miss) r;
      usedDangling(m, p, miss);
      if (miss.stale() == null) {
        missed(m, ts, miss, what);
        m.say(what + " (UB: " + miss.kind().label() + ")");
        return null;
      }
      a = miss.stale();
      offset = miss.offset();
      uaf = miss;
    }
    if (m.atomicAt(a, offset, type) == null) {
      m.panicFrom(
          ts,
          line,
          "an atomic access must cover exactly one cell of its location ("
              + what
              + "); mixed-size atomics are not modelled");
      return null;
    }
    return new AtomicPlace(a, offset, uaf);
  }

  /** Reports the use after free of an atomic access through a dangling pointer, once recorded. */
  private static void lateUb(Machine m, ThreadState ts, AtomicPlace h, int idx) {
    Resolution.Miss miss = h.uaf();
    if (miss != null) {
      m.ub(ts, miss.kind(), h.alloc().cellName(h.alloc().cellAt(h.offset())), miss.message(), idx);
    }
  }

  static Value atomicLoad(Machine m, ThreadState ts, Pointer p, Instr.AtomicLoad l, int line) {
    AtomicPlace h = atomicPlace(m, ts, p, l.type(), l.what(), line);
    if (h == null) {
      return Memory.zero(l.type());
    }
    int idx =
        record(
            m,
            ts,
            line,
            Machine.op("atomic load", l.order()),
            h.alloc(),
            h.offset(),
            l.type().size(),
            AccessKind.ATOMIC_READ,
            null);
    lateUb(m, ts, h, idx);
    AtomicLocation loc = m.atomicAt(h.alloc(), h.offset(), l.type());
    LoadResult lr = m.atomics().load(ts.id, loc, l.order(), n -> m.chooser().choose(ts.id, n));
    Value v = Machine.decode(l.type(), lr);
    if (idx >= 0) {
      m.recorder().setValue(idx, v.display());
    }
    if (l.order().acquires() && lr.tag() >= 0) {
      m.synchronisedWith(lr.tag());
    }
    String cell = h.alloc().cellName(h.alloc().cellAt(h.offset()));
    m.say(
        "load "
            + cell
            + " = "
            + v.display()
            + (lr.outdated() ? " (an older store: weak memory)" : ""));
    return v;
  }

  static void atomicStore(
      Machine m, ThreadState ts, Pointer p, Value v, Instr.AtomicStore s, int line) {
    AtomicPlace h = atomicPlace(m, ts, p, s.type(), s.what(), line);
    if (h == null) {
      return;
    }
    int idx =
        record(
            m,
            ts,
            line,
            Machine.op("atomic store", s.order()),
            h.alloc(),
            h.offset(),
            s.type().size(),
            AccessKind.ATOMIC_WRITE,
            v.display());
    lateUb(m, ts, h, idx);
    AtomicLocation loc = m.atomicAt(h.alloc(), h.offset(), s.type());
    long bits = Memory.encode(v);
    int prov = Memory.provenanceOf(v);
    m.atomics().store(ts.id, loc, s.order(), bits, prov, m.step());
    m.memory().writeAtomicResult(h.alloc(), h.offset(), s.type(), bits, prov);
    m.say("store " + h.alloc().cellName(h.alloc().cellAt(h.offset())) + " = " + v.display());
  }

  static Value atomicRmw(
      Machine m, ThreadState ts, Pointer p, Value operand, Instr.AtomicRmw r, int line) {
    AtomicPlace h = atomicPlace(m, ts, p, r.type(), r.what(), line);
    if (h == null) {
      return Memory.zero(r.type());
    }
    int idx =
        record(
            m,
            ts,
            line,
            Machine.op(r.op().method(), r.order()),
            h.alloc(),
            h.offset(),
            r.type().size(),
            AccessKind.ATOMIC_WRITE,
            null);
    lateUb(m, ts, h, idx);
    AtomicLocation loc = m.atomicAt(h.alloc(), h.offset(), r.type());
    LoadResult old = m.atomics().rmwRead(ts.id, loc, r.order());
    long bits = Machine.rmw(r.op(), old.bits(), Memory.encode(operand), r.type());
    int prov = r.op() == Instr.RmwOp.SWAP ? Memory.provenanceOf(operand) : old.provenance();
    m.atomics().rmwWrite(ts.id, loc, r.order(), bits, prov, m.step());
    m.memory().writeAtomicResult(h.alloc(), h.offset(), r.type(), bits, prov);
    Value before = Machine.decode(r.type(), old);
    Value after = Memory.decode(r.type(), bits, prov);
    if (idx >= 0) {
      m.recorder().setValue(idx, before.display() + " → " + after.display());
    }
    if (r.order().acquires() && old.tag() >= 0) {
      m.synchronisedWith(old.tag());
    }
    m.say(
        r.op().method()
            + " "
            + h.alloc().cellName(h.alloc().cellAt(h.offset()))
            + ": "
            + before.display()
            + " → "
            + after.display());
    return before;
  }

  static Value compareExchange(
      Machine m,
      ThreadState ts,
      Pointer p,
      Value expected,
      Value neu,
      Instr.AtomicCas c,
      int line) {
    AtomicPlace h = atomicPlace(m, ts, p, c.type(), c.what(), line);
    if (h == null) {
      return Scalar.FALSE;
    }
    AtomicLocation loc = m.atomicAt(h.alloc(), h.offset(), c.type());
    boolean success = loc.latestBits() == Memory.encode(expected);
    String cell = h.alloc().cellName(h.alloc().cellAt(h.offset()));
    if (success) {
      int idx =
          record(
              m,
              ts,
              line,
              "compare_exchange (" + c.success().display() + ", succeeded)",
              h.alloc(),
              h.offset(),
              c.type().size(),
              AccessKind.ATOMIC_WRITE,
              null);
      lateUb(m, ts, h, idx);
      LoadResult old = m.atomics().rmwRead(ts.id, loc, c.success());
      long bits = Memory.encode(neu);
      int prov = Memory.provenanceOf(neu);
      m.atomics().rmwWrite(ts.id, loc, c.success(), bits, prov, m.step());
      m.memory().writeAtomicResult(h.alloc(), h.offset(), c.type(), bits, prov);
      if (idx >= 0) {
        m.recorder().setValue(idx, expected.display() + " → " + neu.display());
      }
      if (c.success().acquires() && old.tag() >= 0) {
        m.synchronisedWith(old.tag());
      }
      m.say("compare_exchange " + cell + ": " + expected.display() + " → " + neu.display());
      return Scalar.TRUE;
    }
    int idx =
        record(
            m,
            ts,
            line,
            "compare_exchange (" + c.failure().display() + ", failed)",
            h.alloc(),
            h.offset(),
            c.type().size(),
            AccessKind.ATOMIC_READ,
            null);
    lateUb(m, ts, h, idx);
    LoadResult seen = m.atomics().failedCompareExchange(ts.id, loc, c.failure());
    Value actual = Machine.decode(c.type(), seen);
    if (idx >= 0) {
      m.recorder().setValue(idx, actual.display());
    }
    if (c.failure().acquires() && seen.tag() >= 0) {
      m.synchronisedWith(seen.tag());
    }
    m.say("compare_exchange " + cell + " failed: it holds " + actual.display());
    return Scalar.FALSE;
  }

  // ---------------------------------------------------------------- allocation

  private static Type element(Type t) {
    return t instanceof ArrayType a ? element(a.element()) : t;
  }

  private static Pointer pointerTo(Allocation a) {
    Type pointee = a.declared() instanceof ArrayType at ? at.element() : a.declared();
    return new Pointer(pointee, a.base(), a.id(), -1);
  }

  private static void fill(Memory mem, Allocation a, List<Value> values) {
    if (values.isEmpty()) {
      return;
    }
    int size = a.cellType().size();
    for (int c = 0; c < a.cells(); c++) {
      Value v = values.size() == 1 ? values.get(0) : values.get(c);
      mem.write(a, c * size, a.cellType(), v);
    }
  }

  static Pointer heapAlloc(Machine m, ThreadState ts, Instr.HeapAlloc h, int line) {
    Allocation a =
        m.memory().allocate(AllocKind.HEAP, h.name(), h.type(), m.site(ts, line), "", ts.id);
    recordBlock(m, ts, line, "alloc", a);
    m.say(
        String.format(
            Locale.ROOT,
            "alloc %s (%d bytes at 0x%x, uninitialised)",
            h.name(),
            a.size(),
            a.base()));
    return new Pointer(element(h.type()), a.base(), a.id(), -1);
  }

  static BoxValue boxNew(Machine m, ThreadState ts, Instr.BoxNew b, List<Value> values, int line) {
    Allocation a =
        m.memory().allocate(AllocKind.BOX, b.name(), b.type(), m.site(ts, line), "", ts.id);
    recordBlock(m, ts, line, "box new", a);
    fill(m.memory(), a, values);
    m.say(String.format(Locale.ROOT, "box %s at 0x%x", b.name(), a.base()));
    return new BoxValue(pointerTo(a), true);
  }

  static Allocation localAlloc(
      Machine m, ThreadState ts, Instr.LocalAlloc l, List<Value> values, int line) {
    Allocation a =
        m.memory().allocate(AllocKind.STACK, l.name(), l.type(), m.site(ts, line), ts.name, ts.id);
    recordBlock(m, ts, line, values.isEmpty() ? "stack slot (uninitialised)" : "stack slot", a);
    fill(m.memory(), a, values);
    m.say(String.format(Locale.ROOT, "local %s at 0x%x", l.name(), a.base()));
    return a;
  }

  static void pop(Machine m, ThreadState ts, Allocation a, int line, boolean unwinding) {
    recordBlock(m, ts, line, unwinding ? "pop (unwinding)" : "pop (end of scope)", a);
    kill(
        m,
        ts,
        a,
        line,
        unwinding
            ? "was popped while thread " + ts.name + " unwound from a panic"
            : "was popped at the end of its scope",
        null);
    m.say("pop " + a.name());
  }

  /** Ends a block's life and notes who is left holding a pointer into it. */
  private static void kill(
      Machine m, ThreadState ts, Allocation a, int line, String how, @Nullable String operand) {
    m.memory().release(a, m.site(ts, line), how);
    if (m.recording()) {
      m.dangling().died(m.threadStates(), m.memory(), ts, a, operand);
    }
  }

  static void free(Machine m, ThreadState ts, Pointer p, String what, int line) {
    String problem = null;
    UbKind kind = UbKind.INVALID_FREE;
    Allocation a = p.isNull() ? null : m.memory().target(p).orElse(null);
    if (p.isNull()) {
      problem =
          "frees a null pointer"
              + (what.equals("null") ? "" : " (" + what + ")")
              + ": only what alloc returned can be freed";
    } else if (a == null) {
      problem =
          String.format(
              Locale.ROOT, "frees 0x%x (%s), which was never allocated", p.address(), what);
    } else if (!a.kind().heap()) {
      problem =
          "frees "
              + a.describe()
              + ", which is "
              + (a.kind() == AllocKind.STACK
                  ? "a stack slot: stack memory is popped at the end of its scope, never freed"
                  : "not heap memory: a " + a.kind().label() + " location lives for the whole run");
    } else if (!a.live()) {
      kind = UbKind.DOUBLE_FREE;
      problem =
          "frees "
              + a.describe()
              + " a second time"
              + (what.equals(a.name()) ? "" : ", through " + what)
              + ": it "
              + a.death()
              + "; memory must be freed exactly once";
    } else if (p.address() != a.base()) {
      problem =
          String.format(
              Locale.ROOT,
              "frees an interior pointer: %s points %d bytes into %s, not at its start",
              what,
              p.address() - a.base(),
              a.describe());
    } else if (a.kind() == AllocKind.BOX) {
      problem =
          "frees "
              + a.describe()
              + " with free, but a Box frees itself when dropped"
              + " (mismatched allocation and deallocation)";
    } else if (a.kind() == AllocKind.VEC) {
      problem = "frees " + a.describe() + ", the buffer a Vec owns (mismatched deallocation)";
    }
    if (problem != null) {
      if (kind == UbKind.DOUBLE_FREE) {
        m.dangling().used(a.id());
      }
      m.ub(ts, kind, a == null ? what : a.name(), problem, -1);
      m.say("free " + what + " (UB: " + kind.label() + ")");
      return;
    }
    recordBlock(m, ts, line, "free", a);
    kill(m, ts, a, line, "was freed", what);
    m.say("free " + a.name());
  }

  /**
   * Drops the Box or Vec in a local: frees what it points to.
   *
   * <p>A local that no longer owns its value (it was moved, forgotten or dropped) still holds the
   * address, so dropping it again does what duplicated ownership does on a real machine: if the
   * block is already dead it is a double free; if it is alive (someone else owns it now, or nobody
   * does after a {@code forget}) it is freed here, and its real owner's later drop or use is the
   * double free or use after free.
   *
   * @param how how the block died, for messages: "was dropped by drop(b)"
   */
  static void drop(Machine m, ThreadState ts, int slot, String what, int line, String how) {
    Value v = ts.slots[slot];
    Pointer target;
    String thing;
    if (v instanceof BoxValue b) {
      target = b.pointer();
      thing = "Box";
    } else if (v instanceof VecValue vv) {
      if (vv.capacity() == 0) {
        // an empty Vec never allocated: dropping it frees nothing
        ts.slots[slot] = new VecValue(vv.buffer(), vv.length(), vv.capacity(), false);
        m.say("drop " + what);
        return;
      }
      target = vv.buffer();
      thing = "buffer";
    } else {
      return;
    }
    Allocation a = m.memory().target(target).orElse(null);
    if (a == null || !a.live()) {
      if (a != null) {
        m.dangling().used(a.id());
      }
      m.ub(
          ts,
          UbKind.DOUBLE_FREE,
          a == null ? what : a.name(),
          "drops "
              + what
              + ", but its "
              + thing
              + (a == null
                  ? " was never allocated"
                  : " " + a.describe() + " is already dead: it " + a.death())
              + "; memory must be freed exactly once",
          -1);
      m.say("drop " + what + " (UB: double-free)");
    } else {
      recordBlock(m, ts, line, "drop", a);
      kill(m, ts, a, line, how, null);
      m.say("drop " + what);
    }
    if (v instanceof BoxValue b) {
      ts.slots[slot] = b.disowned();
    } else if (v instanceof VecValue vv) {
      ts.slots[slot] = new VecValue(vv.buffer(), vv.length(), vv.capacity(), false);
    }
  }

  // ---------------------------------------------------------------- Vec

  static VecValue vecNew(Machine m, ThreadState ts, Instr.VecNew v, long cap, int line) {
    if (cap < 0 || cap > 1_000_000) {
      m.panicFrom(ts, line, "capacity overflow (" + cap + ")");
      cap = 0;
    }
    if (cap == 0) {
      // like Rust's Vec::new(): no allocation, a dangling but aligned pointer
      return new VecValue(new Pointer(v.element(), v.element().size(), 0, -1), 0, 0, true);
    }
    Allocation a =
        m.memory()
            .allocate(
                AllocKind.VEC,
                v.name(),
                new ArrayType(v.element(), (int) cap),
                m.site(ts, line),
                "",
                ts.id);
    recordBlock(m, ts, line, "alloc (vec buffer)", a);
    m.say(String.format(Locale.ROOT, "vec %s: buffer at 0x%x, cap %d", v.name(), a.base(), cap));
    return new VecValue(pointerTo(a), 0, (int) cap, true);
  }

  static void vecPush(Machine m, ThreadState ts, Instr.VecPush vp, Value value, int line) {
    VecValue v = (VecValue) ts.slots[vp.slot()];
    Type elem = v.buffer().pointee();
    VecValue current = v;
    if (v.length() == v.capacity()) {
      current = grow(m, ts, vp.what(), v, line);
    }
    Pointer at = current.buffer().offset(current.length());
    write(m, ts, at, elem, value, vp.what() + "[" + current.length() + "]", line);
    ts.slots[vp.slot()] =
        new VecValue(current.buffer(), current.length() + 1, current.capacity(), current.owned());
  }

  /** Moves a full Vec's elements to a bigger buffer and frees the old one, as RawVec does. */
  private static VecValue grow(Machine m, ThreadState ts, String name, VecValue v, int line) {
    Type elem = v.buffer().pointee();
    int minNonZero = elem.size() == 1 ? 8 : elem.size() <= 1024 ? 4 : 1;
    int newCap = Math.max(Math.max(v.capacity() * 2, v.length() + 1), minNonZero);
    Memory mem = m.memory();
    Allocation fresh =
        mem.allocate(AllocKind.VEC, name, new ArrayType(elem, newCap), m.site(ts, line), "", ts.id);
    recordBlock(m, ts, line, "alloc (vec buffer)", fresh);
    Allocation old = v.capacity() > 0 ? mem.target(v.buffer()).orElse(null) : null;
    if (old != null && !old.live()) {
      // the Vec was dropped: moving its elements reads freed memory; the new buffer gets the
      // stale bytes and the dead one is not freed a second time
      m.dangling().used(old.id());
      m.ub(
          ts,
          UbKind.USE_AFTER_FREE,
          old.name(),
          "grows "
              + name
              + ", whose buffer "
              + old.describe()
              + " "
              + old.death()
              + ": moving its elements reads freed memory",
          -1);
      for (int c = 0; c < v.length(); c++) {
        int off = c * elem.size();
        mem.write(fresh, off, elem, value(mem.read(old, off, elem)));
      }
    } else if (old != null) {
      if (v.length() > 0 && m.recording()) {
        int idx =
            m.recorder()
                .access(
                    m.step(),
                    ts.id,
                    line,
                    "read (copy to the new buffer)",
                    old.name(),
                    old,
                    0,
                    v.length() - 1,
                    AccessKind.READ,
                    null);
        m.accessed(idx);
      }
      for (int c = 0; c < v.length(); c++) {
        int off = c * elem.size();
        mem.write(fresh, off, elem, value(mem.read(old, off, elem)));
      }
      recordBlock(m, ts, line, "free (the old buffer)", old);
      kill(
          m,
          ts,
          old,
          line,
          String.format(
              Locale.ROOT,
              "was moved by a push (the Vec grew from capacity %d to %d)",
              v.capacity(),
              newCap),
          null);
    }
    m.say(
        String.format(
            Locale.ROOT,
            "push moves %s's buffer from 0x%x to 0x%x (cap %d → %d)",
            name,
            v.buffer().address(),
            fresh.base(),
            v.capacity(),
            newCap));
    return new VecValue(pointerTo(fresh), v.length(), newCap, v.owned());
  }
}
