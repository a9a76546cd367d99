package org.racelab.exec;

import org.jspecify.annotations.Nullable;
import org.racelab.memory.Memory.Resolution;
import org.racelab.value.Pointer;
import org.racelab.value.Value;

/**
 * What a thread's next step touches, as a key two steps are dependent on when equal (and {@code
 * "*"}, dependent with everything, when it is not known precisely). Exploration uses it to avoid
 * trying both orders of steps that commute.
 */
final class Footprint {
  private Footprint() {}

  static @Nullable String of(Machine m, ThreadState ts) {
    if (ts.pendingPanic != null) {
      return "*";
    }
    Instr i = ts.current();
    if (i == null || i instanceof Instr.Pause) {
      return null;
    }
    if (i instanceof Instr.Read || i instanceof Instr.Write) {
      return cell(m, ts, 0);
    }
    if (i instanceof Instr.AtomicLoad) {
      return cell(m, ts, 0);
    }
    if (i instanceof Instr.AtomicStore || i instanceof Instr.AtomicRmw) {
      return cell(m, ts, 1);
    }
    if (i instanceof Instr.AtomicCas) {
      return cell(m, ts, 2);
    }
    if (i instanceof Instr.Lock l) {
      return "mutex:" + l.mutex();
    }
    if (i instanceof Instr.Unlock u) {
      return "mutex:" + u.mutex();
    }
    if (i instanceof Instr.RwAcquire r) {
      return "rwlock:" + r.rwlock();
    }
    if (i instanceof Instr.RwRelease r) {
      return "rwlock:" + r.rwlock();
    }
    if (i instanceof Instr.Send s) {
      return "channel:" + s.channel();
    }
    if (i instanceof Instr.Recv r) {
      return "channel:" + r.channel();
    }
    if (i instanceof Instr.BarrierArrive b) {
      return "barrier:" + b.barrier();
    }
    if (i instanceof Instr.BarrierDepart b) {
      return "barrier:" + b.barrier();
    }
    return "*";
  }

  private static String cell(Machine m, ThreadState ts, int depth) {
    if (ts.stack.size() <= depth) {
      return "*";
    }
    Value v = ts.peek(depth);
    if (!(v instanceof Pointer p)) {
      return "*";
    }
    Resolution r = m.memory().resolve(p, 1, "");
    if (r instanceof Resolution.Hit h) {
      return "mem:" + (h.alloc().varBase() + h.alloc().cellAt(h.offset()));
    }
    return "*";
  }
}
