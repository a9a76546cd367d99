package org.racelab.sync;

import java.util.ArrayDeque;
import java.util.Deque;
import org.racelab.clock.VectorClock;
import org.racelab.detect.ClockTable;

/**
 * A FIFO channel: each send happens before the receive that takes its message. A bounded channel
 * blocks senders while full; every channel blocks receivers while empty.
 *
 * @param <M> the message payload
 */
public final class ChannelState<M> {
  private record Message<M>(M payload, VectorClock clock) {}

  private final String name;
  private final int capacity;
  private final Deque<Message<M>> queue = new ArrayDeque<>();

  /**
   * A channel.
   *
   * @param name the declared name
   * @param capacity the bound, or -1 for unbounded
   */
  public ChannelState(String name, int capacity) {
    this.name = name;
    this.capacity = capacity;
  }

  /** The declared name. */
  public String name() {
    return name;
  }

  /** Messages waiting. */
  public int size() {
    return queue.size();
  }

  /** The bound, or -1. */
  public int capacity() {
    return capacity;
  }

  /** Whether a send would proceed now. */
  public boolean canSend() {
    return capacity < 0 || queue.size() < capacity;
  }

  /** Whether a receive would proceed now. */
  public boolean canReceive() {
    return !queue.isEmpty();
  }

  /** Sends: the message carries the sender's clock. */
  public void send(int t, M payload, ClockTable clocks) {
    if (!canSend()) {
      throw new IllegalStateException(name + " is full");
    }
    queue.addLast(new Message<>(payload, clocks.snapshot(t)));
    clocks.tick(t);
  }

  /** Receives the oldest message: the receiver learns everything before its send. */
  public M receive(int t, ClockTable clocks) {
    Message<M> m = queue.removeFirst();
    clocks.acquire(t, m.clock());
    return m.payload();
  }
}
