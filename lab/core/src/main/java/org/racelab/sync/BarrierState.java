package org.racelab.sync;

import java.util.ArrayList;
import java.util.List;
import org.racelab.clock.VectorClock;
import org.racelab.detect.ClockTable;

/**
 * A reusable barrier for N threads: every arrival of a phase happens before every departure of that
 * phase. A wait is two steps: arrive (publish the clock, count), then depart once the phase is full
 * (join every arrival's clock).
 */
public final class BarrierState {
  private final String name;
  private final int parties;
  private int phase;
  private int arrived;
  private VectorClock gathering = VectorClock.ZERO;
  private final List<VectorClock> completed = new ArrayList<>();

  /** A barrier for {@code parties} threads. */
  public BarrierState(String name, int parties) {
    this.name = name;
    this.parties = parties;
  }

  /** The declared name. */
  public String name() {
    return name;
  }

  /** How many threads each phase waits for. */
  public int parties() {
    return parties;
  }

  /** How many have arrived in the current phase. */
  public int arrived() {
    return arrived;
  }

  /** Arrives in the current phase; returns the phase number to wait for. */
  public int arrive(int t, ClockTable clocks) {
    gathering = gathering.join(clocks.snapshot(t));
    clocks.tick(t);
    int mine = phase;
    if (++arrived == parties) {
      completed.add(gathering);
      gathering = VectorClock.ZERO;
      arrived = 0;
      phase++;
    }
    return mine;
  }

  /** Whether the given phase is complete, so its threads may leave. */
  public boolean complete(int phaseNumber) {
    return phaseNumber < phase;
  }

  /** Leaves a completed phase: learns every arrival of it. */
  public void depart(int t, int phaseNumber, ClockTable clocks) {
    clocks.acquire(t, completed.get(phaseNumber));
  }
}
