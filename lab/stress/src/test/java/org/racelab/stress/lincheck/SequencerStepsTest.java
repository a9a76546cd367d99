package org.racelab.stress.lincheck;

import java.util.ArrayList;
import java.util.List;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.ThreadIdGen;
import org.junit.jupiter.api.Test;
import org.racelab.os.Sequencer;

/**
 * The sequencer's steps are linearizable: each step gets the next sequence number and sees the
 * effects of every earlier step. Each step appends its number to a plain list (touched only inside
 * steps); {@code log} returns the list. Lincheck checks every concurrent history against the
 * sequencer run sequentially, where steps number 0, 1, 2, ... and the log is exactly those.
 */
public class SequencerStepsTest {
  private final Sequencer sequencer = new Sequencer();
  private final List<Long> log = new ArrayList<>();

  /** Registers one participant per Lincheck thread. */
  public SequencerStepsTest() {
    for (int t = 0; t < LincheckSizes.MAX_PARTICIPANTS; t++) {
      sequencer.register(t);
    }
  }

  /** One step that records its own sequence number; returns it. */
  @Operation
  public long step(@Param(gen = ThreadIdGen.class) int thread) {
    long[] mine = {-2};
    long n = sequencer.step(thread, () -> log.add(mine[0] = sequencer.sequence() - 1));
    return n == mine[0] ? n : -3;
  }

  /** The log so far, read under the lock. */
  @Operation
  public String log() {
    StringBuilder sb = new StringBuilder();
    sequencer.holding(() -> sb.append(log));
    return sb.toString();
  }

  /** How many steps so far. */
  @Operation
  public long sequence() {
    return sequencer.sequence();
  }

  @Test
  void stepsAreLinearizable() {
    LincheckSizes.modelChecking().check(getClass());
  }
}
