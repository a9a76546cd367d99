package org.racelab.os;

import java.util.LinkedHashMap;
import java.util.Map;
import org.racelab.detect.ConflictSink;
import org.racelab.detect.Detector;

/**
 * A thread-safe view of a detector: every call runs under the {@link Sequencer}'s lock, so calls
 * from several threads are applied one at a time, in the order the threads obtain the lock, and
 * each verdict is the one the wrapped detector gives for that order.
 *
 * <p>The wrapped detector reads vector clocks from its {@link org.racelab.detect.ClockTable}; that
 * table must also only be changed under the same lock (in OS-threads mode every clock update is
 * part of a sequenced step). The conflict sink, if any, is called under the lock too.
 *
 * <p>In OS-threads mode the interpreter already holds the lock when it asks the detector about an
 * access (the access is part of a step), so the wrapper's lock is re-entered at the cost of a
 * counter increment: it is a safety net that keeps the detector's shadow state consistent even for
 * a call made outside a step, and the unit that the JCStress and Lincheck tests exercise.
 */
public final class SequencedDetector implements Detector {
  private final Sequencer sequencer;
  private final Detector inner;

  /** Wraps {@code inner}; every call takes {@code sequencer}'s lock. */
  public SequencedDetector(Sequencer sequencer, Detector inner) {
    this.sequencer = sequencer;
    this.inner = inner;
  }

  /** The wrapped detector. */
  public Detector inner() {
    return inner;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public boolean access(int thread, int variable, int site, int kind) {
    return sequencer.holding(() -> inner.access(thread, variable, site, kind));
  }

  @Override
  public void acquired(int thread, int lock, boolean shared) {
    sequencer.holding(() -> inner.acquired(thread, lock, shared));
  }

  @Override
  public void released(int thread, int lock) {
    sequencer.holding(() -> inner.released(thread, lock));
  }

  @Override
  public void released(int thread, int lock, boolean shared) {
    sequencer.holding(() -> inner.released(thread, lock, shared));
  }

  @Override
  public void forked(int parent, int child) {
    sequencer.holding(() -> inner.forked(parent, child));
  }

  @Override
  public void joined(int joiner, int child) {
    sequencer.holding(() -> inner.joined(joiner, child));
  }

  @Override
  public void setConflictSink(ConflictSink sink) {
    sequencer.holding(() -> inner.setConflictSink(sink));
  }

  @Override
  public Map<String, Long> statistics() {
    Map<String, Long> copy = new LinkedHashMap<>();
    sequencer.holding(() -> copy.putAll(inner.statistics()));
    return copy;
  }
}
