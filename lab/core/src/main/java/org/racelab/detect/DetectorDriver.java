package org.racelab.detect;

import java.util.List;
import org.racelab.trace.TraceHandler;

/**
 * Feeds a stream of events to one or more detectors that share one {@link ClockTable}: for every
 * synchronisation event it first updates the table (the happens-before rules live there) and then
 * notifies each detector, as {@link Detector} requires; for every access it asks each detector for
 * its verdict, which stays readable through {@link #racy(int)} until the next access.
 *
 * <p>Read locks use the table's reader clocks ({@link ClockTable#acquireRead}, {@link
 * ClockTable#releaseRead}). Sends and receives of synchronisation objects only update the table
 * ({@link ClockTable#send}, {@link ClockTable#receive}): the happens-before detectors read it, and
 * the lockset detector ignores every synchronisation that is not a lock on purpose. Threads are
 * added to the table on first appearance.
 */
public final class DetectorDriver implements TraceHandler {
  private final ClockTable clocks;
  private final Detector[] detectors;
  private final boolean[] verdicts;

  /** A driver for these detectors, which must all read {@code clocks}. */
  public DetectorDriver(ClockTable clocks, List<Detector> detectors) {
    this.clocks = clocks;
    this.detectors = detectors.toArray(new Detector[0]);
    this.verdicts = new boolean[this.detectors.length];
  }

  /** The shared clock table. */
  public ClockTable clocks() {
    return clocks;
  }

  /** Detector i's verdict on the latest access. */
  public boolean racy(int i) {
    return verdicts[i];
  }

  @Override
  public void access(int thread, int variable, int kind, int site) {
    if (thread >= clocks.threadCount()) {
      clocks.ensureThread(thread);
    }
    Detector[] ds = detectors;
    for (int i = 0; i < ds.length; i++) {
      verdicts[i] = ds[i].access(thread, variable, site, kind);
    }
  }

  @Override
  public void acquire(int thread, int lock, boolean shared, int site) {
    if (shared) {
      clocks.acquireRead(thread, lock);
    } else {
      clocks.acquire(thread, lock);
    }
    for (Detector d : detectors) {
      d.acquired(thread, lock, shared);
    }
  }

  @Override
  public void release(int thread, int lock, boolean shared, int site) {
    if (shared) {
      clocks.releaseRead(thread, lock);
    } else {
      clocks.release(thread, lock);
    }
    for (Detector d : detectors) {
      d.released(thread, lock, shared);
    }
  }

  @Override
  public void send(int thread, int object, int site) {
    clocks.send(thread, object);
  }

  @Override
  public void receive(int thread, int object, int site) {
    clocks.receive(thread, object);
  }

  @Override
  public void fork(int parent, int child, int site) {
    clocks.fork(parent, child);
    for (Detector d : detectors) {
      d.forked(parent, child);
    }
  }

  @Override
  public void join(int joiner, int child, int site) {
    clocks.join(joiner, child);
    for (Detector d : detectors) {
      d.joined(joiner, child);
    }
  }
}
