package org.racelab.trace;

/**
 * One event of an execution, named as the user knows it: threads, memory locations and locks by
 * name, and the source line (or, for foreign traces, the source-location number) it came from.
 *
 * <p>The simulator records these for the schedule timeline and for {@code run --trace}; trace
 * writers turn them into lines. The trace <em>readers</em> do not build Event objects: they stream
 * dense integer ids to a {@link TraceHandler} so that a hundred million events cost no allocation.
 */
public sealed interface Event
    permits Event.Access,
        Event.Acquire,
        Event.Release,
        Event.Fork,
        Event.Join,
        Event.Alloc,
        Event.Free,
        Event.Send,
        Event.Receive,
        Event.Begin,
        Event.End {

  /** The thread that performed the event. */
  String thread();

  /** The source line or location number; 0 when unknown. */
  int site();

  /** What an access does to its location. */
  enum AccessOp {
    /** A plain read. */
    READ,
    /** A plain write. */
    WRITE,
    /** An atomic load, or a failed compare-exchange. */
    ATOMIC_READ,
    /** An atomic store or a successful read-modify-write. */
    ATOMIC_WRITE
  }

  /** A read or write of one memory location. */
  record Access(String thread, AccessOp op, String location, int site) implements Event {}

  /** A lock (or read lock, when {@code shared}) taken. */
  record Acquire(String thread, String lock, boolean shared, int site) implements Event {}

  /** A lock (or read lock, when {@code shared}) given back. */
  record Release(String thread, String lock, boolean shared, int site) implements Event {}

  /** A thread started another. */
  record Fork(String thread, String child, int site) implements Event {}

  /** A thread waited for another to finish. */
  record Join(String thread, String child, int site) implements Event {}

  /** A block of memory came to life (a heap allocation, a stack slot, a static). */
  record Alloc(String thread, String block, int bytes, int site) implements Event {}

  /** A block of memory was freed or popped. */
  record Free(String thread, String block, int site) implements Event {}

  /**
   * The thread publishes its clock into a synchronisation object that nobody owns (RaceLab's own
   * format, {@code send(X)}): everything the thread did so far happens before every later {@link
   * Receive} of the same object. Several sends to one object accumulate. The simulator's exports
   * use one object per edge source: a channel message, a barrier arrival, an atomic release.
   */
  record Send(String thread, String object, int site) implements Event {}

  /**
   * The thread learns everything sent to a synchronisation object so far ({@code recv(X)}); no
   * ownership, nothing to give back.
   */
  record Receive(String thread, String object, int site) implements Event {}

  /** The start of an atomic region (RAPID's {@code begin}). */
  record Begin(String thread, int site) implements Event {}

  /** The end of an atomic region (RAPID's {@code end}). */
  record End(String thread, int site) implements Event {}
}
