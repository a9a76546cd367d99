package org.racelab.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.racelab.memory.Allocation;
import org.racelab.value.Value;

/** One running instance of a thread declaration: its code position, operand stack and frames. */
final class ThreadState {
  enum Status {
    RUNNING,
    FINISHED,
    PANICKED
  }

  /** Something a scope owns and gives back when it ends. */
  sealed interface Resource {}

  /** A stack slot, popped at scope end. */
  record StackSlot(Allocation alloc) implements Resource {}

  /** A mutex guard ({@code lock m { }}). */
  record Guard(int mutex) implements Resource {}

  /** A read-write lock guard. */
  record RwGuard(int rwlock, boolean write) implements Resource {}

  /** A local that owns a Box or a Vec, dropped at scope end if it still owns it. */
  record Owned(int slot) implements Resource {}

  /**
   * The resources of one open scope, in acquisition order, and the let slots declared in it ({@code
   * [slotsFrom, slotsTo)}, nested scopes included), which die when it closes.
   */
  static final class Frame {
    final List<Resource> resources = new ArrayList<>();
    int slotsFrom;
    int slotsTo;
  }

  final int id;
  final String name;
  final int decl;
  final int instance;
  final Program.ThreadCode code;
  int pc;
  final ArrayList<Value> stack = new ArrayList<>();
  final @Nullable Value[] slots;
  final Deque<Frame> frames = new ArrayDeque<>();
  Status status = Status.RUNNING;
  @Nullable String pendingPanic;
  int pendingPanicLine;
  int barrierPhase = -1;
  int line;

  /** The frame whose resources are being given back right now, or null. */
  @Nullable Frame releasing;

  /**
   * OS-threads mode: the thread is running its private instructions on its own Java thread, so
   * nobody else may read its stack, locals or position now. Written and read only under the
   * sequencer's lock; always false in the simulator.
   */
  boolean away;

  ThreadState(int id, String name, int decl, int instance, Program.ThreadCode code) {
    this.id = id;
    this.name = name;
    this.decl = decl;
    this.instance = instance;
    this.code = code;
    this.slots = new Value[Math.max(code.slots(), 1)];
    this.frames.push(new Frame());
  }

  boolean done() {
    return status != Status.RUNNING;
  }

  @Nullable Instr current() {
    return pc < code.code().size() ? code.code().get(pc) : null;
  }

  void push(Value v) {
    stack.add(v);
  }

  Value pop() {
    return stack.remove(stack.size() - 1);
  }

  Value peek(int fromTop) {
    return stack.get(stack.size() - 1 - fromTop);
  }

  /** Whether the let slot belongs to the scope that is closing right now. */
  boolean dying(int slot) {
    Frame f = releasing;
    return f != null && slot >= f.slotsFrom && slot < f.slotsTo;
  }

  /** Forgets the values of a closed frame's let slots: they are out of scope. */
  void kill(Frame f) {
    for (int s = f.slotsFrom; s < f.slotsTo && s < slots.length; s++) {
      slots[s] = null;
    }
  }

  boolean ownsSlot(int slot) {
    for (Frame f : frames) {
      for (Resource r : f.resources) {
        if (r instanceof Owned o && o.slot() == slot) {
          return true;
        }
      }
    }
    return false;
  }
}
