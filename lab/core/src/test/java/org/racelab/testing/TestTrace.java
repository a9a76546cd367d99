package org.racelab.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.racelab.detect.AccessKind;
import org.racelab.trace.TraceHandler;

/**
 * A small trace on dense ids, for tests: a list of operations that can be replayed into any {@link
 * TraceHandler} and printed in RaceLab's own trace syntax (threads {@code T<n>}, variables {@code
 * x<n>}, locks {@code L<n>}, synchronisation objects {@code S<n>}) when a property fails.
 *
 * @param ops the events in trace order
 */
public record TestTrace(List<Op> ops) {

  /** What an operation does. */
  public enum Type {
    READ("r"),
    WRITE("w"),
    ATOMIC_READ("ar"),
    ATOMIC_WRITE("aw"),
    ACQUIRE("acq"),
    RELEASE("rel"),
    READ_ACQUIRE("racq"),
    READ_RELEASE("rrel"),
    FORK("fork"),
    JOIN("join"),
    SEND("send"),
    RECEIVE("recv");

    private final String syntax;

    Type(String syntax) {
      this.syntax = syntax;
    }

    /** Whether this is a memory access. */
    public boolean isAccess() {
      return this == READ || this == WRITE || this == ATOMIC_READ || this == ATOMIC_WRITE;
    }

    /** The {@link AccessKind} of an access (READ=0 ... ATOMIC_WRITE=3). */
    public int kind() {
      return switch (this) {
        case READ -> AccessKind.READ;
        case WRITE -> AccessKind.WRITE;
        case ATOMIC_READ -> AccessKind.ATOMIC_READ;
        case ATOMIC_WRITE -> AccessKind.ATOMIC_WRITE;
        default -> throw new IllegalStateException(this + " is not an access");
      };
    }
  }

  /**
   * One operation.
   *
   * @param type what it does
   * @param thread who does it
   * @param target the variable, lock or other thread
   * @param site a source location
   */
  public record Op(Type type, int thread, int target, int site) {
    @Override
    public String toString() {
      String name =
          switch (type) {
            case FORK, JOIN -> "T" + target;
            case ACQUIRE, RELEASE, READ_ACQUIRE, READ_RELEASE -> "L" + target;
            case SEND, RECEIVE -> "S" + target;
            default -> "x" + target;
          };
      return String.format(Locale.ROOT, "T%d|%s(%s)|%d", thread, type.syntax, name, site);
    }
  }

  /** Copies the list. */
  public TestTrace {
    ops = List.copyOf(ops);
  }

  /** Feeds every operation to the handler, in order. */
  public void replay(TraceHandler h) {
    for (Op op : ops) {
      apply(op, h);
    }
  }

  /** Feeds one operation to the handler. */
  public static void apply(Op op, TraceHandler h) {
    {
      switch (op.type()) {
        case READ, WRITE, ATOMIC_READ, ATOMIC_WRITE ->
            h.access(op.thread(), op.target(), op.type().kind(), op.site());
        case ACQUIRE -> h.acquire(op.thread(), op.target(), false, op.site());
        case RELEASE -> h.release(op.thread(), op.target(), false, op.site());
        case READ_ACQUIRE -> h.acquire(op.thread(), op.target(), true, op.site());
        case READ_RELEASE -> h.release(op.thread(), op.target(), true, op.site());
        case FORK -> h.fork(op.thread(), op.target(), op.site());
        case JOIN -> h.join(op.thread(), op.target(), op.site());
        case SEND -> h.send(op.thread(), op.target(), op.site());
        case RECEIVE -> h.receive(op.thread(), op.target(), op.site());
      }
    }
  }

  /** The trace in RaceLab's own format, header included. */
  public String render() {
    StringBuilder sb = new StringBuilder("# racelab-trace 1\n");
    for (Op op : ops) {
      sb.append(op).append('\n');
    }
    return sb.toString();
  }

  /** A builder for hand-written traces: {@code TestTrace.builder().write(0, 0).read(1, 0)...}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a trace step by step; sites are numbered from 1 in order. */
  public static final class Builder {
    private final List<Op> ops = new ArrayList<>();

    private Builder add(Type type, int thread, int target) {
      ops.add(new Op(type, thread, target, ops.size() + 1));
      return this;
    }

    /** A plain read of variable x by thread t. */
    public Builder read(int t, int x) {
      return add(Type.READ, t, x);
    }

    /** A plain write. */
    public Builder write(int t, int x) {
      return add(Type.WRITE, t, x);
    }

    /** An atomic read. */
    public Builder atomicRead(int t, int x) {
      return add(Type.ATOMIC_READ, t, x);
    }

    /** An atomic write. */
    public Builder atomicWrite(int t, int x) {
      return add(Type.ATOMIC_WRITE, t, x);
    }

    /** Acquires lock l (write mode). */
    public Builder acquire(int t, int l) {
      return add(Type.ACQUIRE, t, l);
    }

    /** Releases lock l (write mode). */
    public Builder release(int t, int l) {
      return add(Type.RELEASE, t, l);
    }

    /** Acquires lock l in read mode. */
    public Builder readAcquire(int t, int l) {
      return add(Type.READ_ACQUIRE, t, l);
    }

    /** Releases a read lock. */
    public Builder readRelease(int t, int l) {
      return add(Type.READ_RELEASE, t, l);
    }

    /** Thread t forks u. */
    public Builder fork(int t, int u) {
      return add(Type.FORK, t, u);
    }

    /** Thread t joins u. */
    public Builder join(int t, int u) {
      return add(Type.JOIN, t, u);
    }

    /** Thread t sends to synchronisation object o. */
    public Builder send(int t, int o) {
      return add(Type.SEND, t, o);
    }

    /** Thread t receives from synchronisation object o. */
    public Builder receive(int t, int o) {
      return add(Type.RECEIVE, t, o);
    }

    /** The trace. */
    public TestTrace build() {
      return new TestTrace(ops);
    }
  }
}
