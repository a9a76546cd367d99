package org.racelab.exec;

import java.util.List;
import org.racelab.scenario.Expr.BinaryOp;
import org.racelab.scenario.Expr.UnaryOp;
import org.racelab.value.Ordering;
import org.racelab.value.Type;
import org.racelab.value.Value;

/**
 * The instructions a thread's code is compiled to: a small stack machine. Each instruction knows
 * its source line. <em>Visible</em> instructions touch shared state (memory, locks, other threads)
 * and are the points where the scheduler may switch threads; invisible ones only touch the thread's
 * own operand stack and locals and run without interruption.
 */
public sealed interface Instr {

  /** The source line this instruction belongs to. */
  int line();

  /** Whether the scheduler may switch threads before this instruction. */
  default boolean visible() {
    return true;
  }

  // ------------------------------------------------------------ invisible: values and locals

  /** Pushes a constant. */
  record Push(int line, Value value) implements Instr {
    @Override
    public boolean visible() {
      return false;
    }
  }

  /** Pushes a local. */
  record Load(int line, int slot) implements Instr {
    @Override
    public boolean visible() {
      return false;
    }
  }

  /** Pops into a local. */
  record Store(int line, int slot) implements Instr {
    @Override
    public boolean visible() {
      return false;
    }
  }

  /** Discards the top of the stack. */
  record Pop(int line) implements Instr {
    @Override
    public boolean visible() {
      return false;
    }
  }

  /** Pushes {@code tid}. */
  record PushTid(int line) implements Instr {
    @Override
    public boolean visible() {
      return false;
    }
  }

  /** {@code -x}, {@code !x}. */
  record Unary(int line, UnaryOp op, Type result) implements Instr {
    @Override
    public boolean visible() {
      return false;
    }
  }

  /** A binary operation; {@code result} is the static result type (overflow panics). */
  record Binary(int line, BinaryOp op, Type result) implements Instr {
    @Override
    public boolean visible() {
      return false;
    }
  }

  /** Pointer plus or minus an element count (not an access, even if it dangles). */
  record PtrAdd(int line, boolean subtract) implements Instr {
    @Override
    public boolean visible() {
      return false;
    }
  }

  /** Makes a value fit a type: panics if an integer does not fit (Rust's overflow check). */
  record Coerce(int line, Type target) implements Instr {
    @Override
    public boolean visible() {
      return false;
    }
  }

  /** {@code as}: a numeric conversion (wrapping), or a pointer reinterpretation. */
  record Convert(int line, Type target) implements Instr {
    @Override
    public boolean visible() {
      return false;
    }
  }

  /** Unconditional jump. */
  record Jump(int line, int target) implements Instr {
    @Override
    public boolean visible() {
      return false;
    }
  }

  /** Pops a bool; jumps when it equals {@code when}. */
  record Branch(int line, boolean when, int target) implements Instr {
    @Override
    public boolean visible() {
      return false;
    }
  }

  /** Pops a bool; panics the thread with {@code message} when false. */
  record Assert(int line, String message) implements Instr {
    @Override
    public boolean visible() {
      return false;
    }
  }

  // ------------------------------------------------------------ invisible: addresses

  /**
   * Pushes a pointer to a declared location ({@code shared}, {@code atomic}, {@code thread_local});
   * {@code instance} is -1 for "this thread's instance" of a thread-local.
   */
  record StaticAddr(int line, int variable, int instanceThreadDecl, int instanceIndex)
      implements Instr {
    @Override
    public boolean visible() {
      return false;
    }
  }

  /**
   * Pops an index and an element pointer to a named array of {@code length} elements of type {@code
   * element}; panics when the index is outside (Rust's bounds check); pushes the element's pointer.
   * The element type sets the stride: a row of a nested array, not its first cell.
   */
  record IndexChecked(int line, int length, Type element, String what) implements Instr {
    @Override
    public boolean visible() {
      return false;
    }
  }

  /**
   * Pops an index and a fat slice pointer; out-of-bounds UB is recorded when the index is outside
   * the slice; pushes the element pointer.
   */
  record IndexSlice(int line, String what) implements Instr {
    @Override
    public boolean visible() {
      return false;
    }
  }

  /**
   * Pops {@code to}, {@code from} and an element pointer into an array of {@code length} (-1 when
   * the base is itself a slice); panics on a bad range; pushes a fat slice pointer.
   */
  record MakeSlice(int line, int length, String what) implements Instr {
    @Override
    public boolean visible() {
      return false;
    }
  }

  /** Pushes a Box's address (a raw pointer; ownership stays with the Box). */
  record BoxPointer(int line, int slot) implements Instr {
    @Override
    public boolean visible() {
      return false;
    }
  }

  /** Pops an index; pushes a pointer to element i of the Vec in {@code slot}; panics past len. */
  record VecIndex(int line, int slot, String what) implements Instr {
    @Override
    public boolean visible() {
      return false;
    }
  }

  /** Pushes the Vec's elements as a slice pointer (buffer, length), for {@code &v[i..j]}. */
  record VecSlice(int line, int slot) implements Instr {
    @Override
    public boolean visible() {
      return false;
    }
  }

  /** Pushes the length of the Vec in {@code slot}. */
  record VecLen(int line, int slot) implements Instr {
    @Override
    public boolean visible() {
      return false;
    }
  }

  /** Gives up a Box's or Vec's ownership without freeing: {@code forget(b)}. */
  record Forget(int line, int slot) implements Instr {
    @Override
    public boolean visible() {
      return false;
    }
  }

  /** Marks an owned value moved out of {@code slot} (sent, passed to spawn). */
  record MoveOut(int line, int slot) implements Instr {
    @Override
    public boolean visible() {
      return false;
    }
  }

  /** Opens a scope: a frame for its stack slots, owned values and guards. */
  record EnterScope(int line) implements Instr {
    @Override
    public boolean visible() {
      return false;
    }
  }

  /**
   * Follows {@link EnterScope}: the let slots {@code [from, to)} are declared in this scope (or in
   * scopes nested in it) and go out of scope when it closes, so a pointer they hold stops counting
   * as held.
   */
  record ScopeSlots(int line, int from, int to) implements Instr {
    @Override
    public boolean visible() {
      return false;
    }
  }

  // ------------------------------------------------------------ visible: memory

  /** Pops a pointer; pushes the value of type {@code type} read through it (a plain read). */
  record Read(int line, Type type, String what) implements Instr {}

  /**
   * Pops a pointer; pushes a reference to what it points at (one element, or a slice's elements),
   * made by {@code &mut} (unique) or {@code &shared}: visible, since it changes the borrow stacks
   * other threads' accesses are checked against.
   */
  record Retag(int line, boolean unique, String what) implements Instr {}

  /** Pops a pointer and a value; writes the value (a plain write). */
  record Write(int line, Type type, String what) implements Instr {}

  /** Atomic load: pops a pointer; pushes the value. */
  record AtomicLoad(int line, Type type, Ordering order, String what) implements Instr {}

  /** Atomic store: pops a pointer and a value. */
  record AtomicStore(int line, Type type, Ordering order, String what) implements Instr {}

  /** Atomic read-modify-write: pops a pointer and an operand; pushes the old value. */
  record AtomicRmw(int line, Type type, RmwOp op, Ordering order, String what) implements Instr {}

  /** Compare-exchange: pops a pointer, expected and new; pushes whether it succeeded. */
  record AtomicCas(int line, Type type, Ordering success, Ordering failure, String what)
      implements Instr {}

  /** A fence. */
  record Fence(int line, Ordering order) implements Instr {}

  /** Allocates raw heap memory ({@code alloc T}); pushes a pointer to its first cell. */
  record HeapAlloc(int line, Type type, String name) implements Instr {}

  /**
   * Allocates a Box of {@code type}, writes the {@code values} popped from the stack (one per cell,
   * or one fill value), pushes the Box.
   */
  record BoxNew(int line, Type type, int values, String name) implements Instr {}

  /**
   * Allocates a stack slot of {@code type} in the current frame, writes the {@code values} popped
   * (none: uninitialised), and stores a pointer to it in {@code slot}.
   */
  record LocalAlloc(int line, Type type, int values, int slot, String name) implements Instr {}

  /** Pops a pointer and frees it ({@code free p}). */
  record Free(int line, String what) implements Instr {}

  /** Drops the Box or Vec in {@code slot} now ({@code drop(b)}). */
  record Drop(int line, int slot, String what) implements Instr {}

  /** Creates an empty Vec of {@code element} with the popped capacity; pushes it. */
  record VecNew(int line, Type element, String name) implements Instr {}

  /** Pops a value and pushes it onto the Vec in {@code slot}, moving the buffer when full. */
  record VecPush(int line, int slot, String what) implements Instr {}

  /**
   * Closes a scope: pops its frame, releasing guards, dropping owned values and popping stack slots
   * in reverse order. Visible only when the frame holds something.
   */
  record ExitScope(int line) implements Instr {}

  /** Before overwriting {@code slot}: drops the Box or Vec it owns, if any. */
  record DropSlot(int line, int slot) implements Instr {}

  // ------------------------------------------------------------ visible: synchronisation

  /** Locks a mutex; {@code guard} ties the unlock to the current scope's end. */
  record Lock(int line, int mutex, boolean guard) implements Instr {}

  /** Unlocks a mutex ({@code m.unlock()}). */
  record Unlock(int line, int mutex) implements Instr {}

  /** Locks a read-write lock for reading or writing; {@code guard} as for {@link Lock}. */
  record RwAcquire(int line, int rwlock, boolean write, boolean guard) implements Instr {}

  /** Releases an explicit read or write hold. */
  record RwRelease(int line, int rwlock, boolean write) implements Instr {}

  /** Starts a spawned thread with {@code args} values popped from the stack. */
  record Spawn(int line, int thread, int args) implements Instr {}

  /**
   * Waits for a thread to finish; {@code indexed}: the instance index is popped; {@code all}: every
   * instance of a thread array, one at a time.
   */
  record Join(int line, int thread, boolean indexed) implements Instr {}

  /** Pops a value and sends it. */
  record Send(int line, int channel, boolean moves) implements Instr {}

  /** Receives a value and pushes it. */
  record Recv(int line, int channel) implements Instr {}

  /** Arrives at a barrier (the wait's first half). */
  record BarrierArrive(int line, int barrier) implements Instr {}

  /** Leaves a barrier once the phase is full (the wait's second half). */
  record BarrierDepart(int line, int barrier) implements Instr {}

  /** Releases the mutex and starts waiting on the condvar (the wait's first half). */
  record CondWait(int line, int condvar, int mutex) implements Instr {}

  /** Once woken, takes the mutex back (the wait's second half). */
  record CondReacquire(int line, int condvar, int mutex) implements Instr {}

  /** {@code notify_one} or {@code notify_all}. */
  record Notify(int line, int condvar, boolean all) implements Instr {}

  /**
   * {@code yield} or {@code sleep}: a scheduling point that synchronises nothing. The simulator
   * only lets other threads move; with OS threads the thread really yields or sleeps.
   *
   * @param millis how long a {@code sleep} asks for (0 for {@code yield} and a bare {@code sleep})
   */
  record Pause(int line, String what, long millis) implements Instr {}

  /** The read-modify-write operations. */
  enum RmwOp {
    SWAP("swap"),
    ADD("fetch_add"),
    SUB("fetch_sub"),
    AND("fetch_and"),
    OR("fetch_or"),
    XOR("fetch_xor"),
    MAX("fetch_max"),
    MIN("fetch_min");

    private final String method;

    RmwOp(String method) {
      this.method = method;
    }

    /** The method name in the language. */
    public String method() {
      return method;
    }

    /**
     * Whether the operation is bitwise (and so also defined on a bool, as on Rust's AtomicBool).
     */
    public boolean bitwise() {
      return this == AND || this == OR || this == XOR;
    }

    /** The operation a method name stands for. */
    public static RmwOp byMethod(String method) {
      for (RmwOp op : values()) {
        if (op.method.equals(method)) {
          return op;
        }
      }
      throw new IllegalArgumentException("not a read-modify-write method: " + method);
    }
  }

  /** A helper for compilers and tests: the visible instructions of a code listing. */
  static long countVisible(List<Instr> code) {
    return code.stream().filter(Instr::visible).count();
  }
}
