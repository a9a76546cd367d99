package org.racelab.trace;

/**
 * Receives a trace as a stream of events on dense integer ids, in trace order. Readers intern every
 * thread, variable, lock and synchronisation-object name to an id from 0 (in order of first
 * appearance) and pass source locations through as given. Implementations must not assume any event
 * is well formed beyond what the reader validates (see the reader's documentation).
 */
public interface TraceHandler {
  /** A plain or atomic access; {@code kind} is one of {@code org.racelab.detect.AccessKind}'s. */
  void access(int thread, int variable, int kind, int site);

  /** A lock acquire ({@code shared}: a read lock). */
  void acquire(int thread, int lock, boolean shared, int site);

  /** A lock release ({@code shared}: a read lock). */
  void release(int thread, int lock, boolean shared, int site);

  /** {@code parent} forks {@code child}. */
  void fork(int parent, int child, int site);

  /** {@code joiner} joins {@code child}. */
  void join(int joiner, int child, int site);

  /**
   * {@code thread} publishes its clock into synchronisation object {@code object} (RaceLab's own
   * format, {@code send(X)}): a release without a lock, joined with earlier sends to the object.
   */
  void send(int thread, int object, int site);

  /** {@code thread} acquires everything sent to {@code object} so far ({@code recv(X)}). */
  void receive(int thread, int object, int site);

  /** RAPID's transaction begin; ignored by race detection. */
  default void begin(int thread, int site) {}

  /** RAPID's transaction end; ignored by race detection. */
  default void end(int thread, int site) {}
}
