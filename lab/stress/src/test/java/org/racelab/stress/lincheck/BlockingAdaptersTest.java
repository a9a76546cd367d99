package org.racelab.stress.lincheck;

import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.ThreadIdGen;
import org.junit.jupiter.api.Test;
import org.racelab.detect.ClockTable;
import org.racelab.os.Sequencer;
import org.racelab.sync.ChannelState;
import org.racelab.sync.MutexState;

/**
 * A simulated mutex and a simulated channel used by real threads through the sequencer's blocking,
 * exactly as OS-threads mode uses them: a lock step waits until the mutex is available, a receive
 * step until the channel has a message. Each operation protects a plain counter (read, then write
 * one more, outside any step, as a scenario's private work would) with the primitive; the operation
 * returns the value it read. Run sequentially, the values are 0, 1, 2, ...; any history that is not
 * explainable that way means two threads were inside at once or a blocked thread was never woken
 * (Lincheck reports a deadlock then).
 */
public class BlockingAdaptersTest {
  private final Sequencer sequencer = new Sequencer();
  private final ClockTable clocks = new ClockTable();
  private final MutexState mutex = new MutexState("m");
  private final ChannelState<String> tokens = new ChannelState<>("tokens", 1);
  private int lockedCounter;
  private int tokenCounter;

  /** One participant per Lincheck thread; the channel starts with one token in it. */
  public BlockingAdaptersTest() {
    for (int t = 0; t < LincheckSizes.MAX_PARTICIPANTS; t++) {
      sequencer.register(t);
      clocks.ensureThread(t);
    }
    tokens.send(0, "token", clocks);
  }

  /** Increments the mutex's counter holding the mutex; returns the value read. */
  @Operation
  public int incrementUnderMutex(@Param(gen = ThreadIdGen.class) int t) {
    sequencer.await(t, mutex::available, () -> mutex.lock(t, 1, clocks));
    int seen = lockedCounter;
    lockedCounter = seen + 1;
    sequencer.step(t, () -> mutex.unlock(t, clocks));
    return seen;
  }

  /** Increments the token's counter holding the channel's only token; returns the value read. */
  @Operation
  public int incrementHoldingToken(@Param(gen = ThreadIdGen.class) int t) {
    String[] token = new String[1];
    sequencer.await(t, tokens::canReceive, () -> token[0] = tokens.receive(t, clocks));
    int seen = tokenCounter;
    tokenCounter = seen + 1;
    sequencer.await(t, tokens::canSend, () -> tokens.send(t, token[0], clocks));
    return seen;
  }

  @Test
  void mutexAndChannelStepsBlockAndHandOver() {
    LincheckSizes.modelChecking().check(getClass());
  }
}
