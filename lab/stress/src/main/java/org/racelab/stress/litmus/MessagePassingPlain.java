package org.racelab.stress.litmus;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Message passing with plain fields (the catalogue's {@code litmus/message-passing-plain}
 * scenario): the producer writes {@code data} then {@code ready}; the consumer reads {@code ready}
 * then {@code data}. Result: (ready, data). With plain fields nothing orders the two writes or the
 * two reads, so the JMM allows {@code (1, 0)}: the flag seen, the data not yet.
 */
@JCStressTest
@Outcome(
    id = {"0, 0", "0, 42", "1, 42"},
    expect = Expect.ACCEPTABLE,
    desc = "Consistent with some interleaving.")
@Outcome(
    id = "1, 0",
    expect = Expect.ACCEPTABLE_INTERESTING,
    desc = "Saw the flag but not the data: the writes or the reads were reordered.")
@State
public class MessagePassingPlain {
  int data;
  int ready;

  /** Writes the data, then sets the flag. */
  @Actor
  public void producer() {
    data = 42;
    ready = 1;
  }

  /** Reads the flag, then the data. */
  @Actor
  public void consumer(II_Result r) {
    r.r1 = ready;
    r.r2 = data;
  }
}
