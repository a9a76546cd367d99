package org.racelab.exec;

import java.util.List;
import java.util.Locale;
import org.racelab.detect.AccessKind;
import org.racelab.memory.AllocKind;
import org.racelab.memory.Allocation;
import org.racelab.memory.Memory;
import org.racelab.memory.Memory.Resolution;
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
 * undefined), asks the detectors about every cell it touches, and records a ledger entry. An access
 * that is UB is still simulated where that makes sense (a use after free reads what was left), so
 * that later accesses can be classified and marked "after UB".
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
        m.ub(ts, miss.kind(), what, miss.message(), -1);
        m.say("read " + what + " (UB: " + miss.kind().label() + ")");
        return Memory.zero(type);
      }
      a = miss.stale();
      off = miss.offset();
      Value stale = value(mem.read(a, off, type));
      int idx = record(m, ts, line, "read", a, off, type.size(), AccessKind.READ, stale.display());
      m.ub(ts, UbKind.USE_AFTER_FREE, a.cellName(a.cellAt(off)), miss.message(), idx);
      m.say("read " + a.cellName(a.cellAt(off)) + " after free");
      return stale;
    }
    Memory.Read rd = mem.read(a, off, type);
    Value v = value(rd);
    String cell = a.cellName(a.cellAt(off));
    int idx = record(m, ts, line, "read", a, off, type.size(), AccessKind.READ, v.display());
    if (rd instanceof Memory.Read.Bad bad) {
      m.ub(ts, bad.kind(), cell, bad.message(), idx);
    }
    m.say("read " + cell + " = " + v.display());
    return v;
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
      record(
          m, ts, line, "write", h.alloc(), h.offset(), type.size(), AccessKind.WRITE, v.display());
      mem.write(h.alloc(), h.offset(), type, v);
      m.say("write " + cell + " = " + v.display());
      return;
    }
    Resolution.Miss miss = (Resolution.Miss) r;
    if (miss.stale() != null) {
      Allocation a = miss.stale();
      int idx =
          record(
              m, ts, line, "write", a, miss.offset(), type.size(), AccessKind.WRITE, v.display());
      mem.write(a, miss.offset(), type, v);
      m.ub(ts, UbKind.USE_AFTER_FREE, a.cellName(a.cellAt(miss.offset())), miss.message(), idx);
      m.say("write " + a.cellName(a.cellAt(miss.offset())) + " after free");
      return;
    }
    m.ub(ts, miss.kind(), what, miss.message(), -1);
    m.say("write " + what + " (UB: " + miss.kind().label() + ")");
  }

  /** Reads without any check or record (final values in expectations). */
  static Value peek(Machine m, Pointer p, Type type) {
    Resolution r = m.memory().resolve(p, type.size(), "");
    if (r instanceof Resolution.Hit h) {
      return value(m.memory().read(h.alloc(), h.offset(), type));
    }
    Resolution.Miss miss = (Resolution.Miss) r;
    return miss.stale() != null
        ? value(m.memory().read(miss.stale(), miss.offset(), type))
        : Memory.zero(type);
  }

  // ---------------------------------------------------------------- atomics

  /** Resolves an atomic access, or records its UB and returns null. */
  private static Resolution.Hit atomicPlace(
      Machine m, ThreadState ts, Pointer p, Type type, String what, int line) {
    Resolution r = m.memory().resolve(p, type.size(), what);
    if (r instanceof Resolution.Hit h) {
      if (m.atomicAt(h.alloc(), h.offset(), type) == null) {
        m.panicFrom(
            ts,
            line,
            "an atomic access must cover exactly one cell of its location ("
                + what
                + "); mixed-size atomics are not modelled");
        return null;
      }
      return h;
    }
    Resolution.Miss miss = (Resolution.Miss) r;
    m.ub(ts, miss.kind(), what, miss.message(), -1);
    m.say(what + " (UB: " + miss.kind().label() + ")");
    return null;
  }

  static Value atomicLoad(Machine m, ThreadState ts, Pointer p, Instr.AtomicLoad l, int line) {
    Resolution.Hit h = atomicPlace(m, ts, p, l.type(), l.what(), line);
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
    Resolution.Hit h = atomicPlace(m, ts, p, s.type(), s.what(), line);
    if (h == null) {
      return;
    }
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
    AtomicLocation loc = m.atomicAt(h.alloc(), h.offset(), s.type());
    long bits = Memory.encode(v);
    int prov = Memory.provenanceOf(v);
    m.atomics().store(ts.id, loc, s.order(), bits, prov, m.step());
    m.memory().writeAtomicResult(h.alloc(), h.offset(), s.type(), bits, prov);
    m.say("store " + h.alloc().cellName(h.alloc().cellAt(h.offset())) + " = " + v.display());
  }

  static Value atomicRmw(
      Machine m, ThreadState ts, Pointer p, Value operand, Instr.AtomicRmw r, int line) {
    Resolution.Hit h = atomicPlace(m, ts, p, r.type(), r.what(), line);
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
    Resolution.Hit h = atomicPlace(m, ts, p, c.type(), c.what(), line);
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

  static void pop(Machine m, ThreadState ts, Allocation a, int line) {
    recordBlock(m, ts, line, "pop (end of scope)", a);
    m.memory().release(a, m.site(ts, line), "was popped at the end of its scope");
    m.say("pop " + a.name());
  }

  static void free(Machine m, ThreadState ts, Pointer p, String what, int line) {
    String problem = null;
    UbKind kind = UbKind.INVALID_FREE;
    Allocation a = p.isNull() ? null : m.memory().target(p).orElse(null);
    if (p.isNull()) {
      problem = "frees a null pointer (" + what + ")";
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
                  : "not heap memory");
    } else if (!a.live()) {
      kind = UbKind.DOUBLE_FREE;
      problem =
          "frees "
              + a.describe()
              + " a second time: it "
              + a.freedHow()
              + " at "
              + a.freed()
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
      m.ub(ts, kind, a == null ? what : a.name(), problem, -1);
      m.say("free " + what + " (UB: " + kind.label() + ")");
      return;
    }
    recordBlock(m, ts, line, "free", a);
    m.memory().release(a, m.site(ts, line), "was freed");
    m.say("free " + a.name());
  }

  static void drop(Machine m, ThreadState ts, int slot, String what, int line, String why) {
    Value v = ts.slots[slot];
    if (v instanceof BoxValue b) {
      Allocation a = m.memory().target(b.pointer()).orElse(null);
      if (!b.owned() || a == null || !a.live()) {
        String when =
            a != null && a.freed() != null ? " (it " + a.freedHow() + " at " + a.freed() + ")" : "";
        m.ub(
            ts,
            UbKind.DOUBLE_FREE,
            what,
            "drops "
                + what
                + ", which no longer owns its Box"
                + when
                + "; memory must be freed exactly once",
            -1);
        m.say("drop " + what + " (UB: double-free)");
        return;
      }
      recordBlock(m, ts, line, "drop", a);
      m.memory().release(a, m.site(ts, line), "was dropped (" + why + ")");
      ts.slots[slot] = b.disowned();
      m.say("drop " + what + " (" + why + ")");
    } else if (v instanceof VecValue vv) {
      if (!vv.owned()) {
        m.ub(
            ts,
            UbKind.DOUBLE_FREE,
            what,
            "drops " + what + ", which no longer owns its buffer",
            -1);
        return;
      }
      if (vv.capacity() > 0) {
        Allocation a = m.memory().target(vv.buffer()).orElse(null);
        if (a != null && a.live()) {
          recordBlock(m, ts, line, "drop", a);
          m.memory().release(a, m.site(ts, line), "was dropped with its Vec (" + why + ")");
        }
      }
      ts.slots[slot] = new VecValue(vv.buffer(), vv.length(), vv.capacity(), false);
      m.say("drop " + what + " (" + why + ")");
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
    if (old != null) {
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
      mem.release(
          old,
          m.site(ts, line),
          String.format(
              Locale.ROOT,
              "was moved by the push at line %d (the Vec grew from capacity %d to %d)",
              line,
              v.capacity(),
              newCap));
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
