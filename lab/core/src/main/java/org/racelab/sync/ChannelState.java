package org.racelab.sync;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.racelab.clock.VectorClock;
import org.racelab.detect.ClockTable;

/**
 * A FIFO channel and its happens-before edges, as the Go memory model states them ("The Go Memory
 * Model", 2022, section "Channel communication"):
 *
 * <ul>
 *   <li>a send happens before the receive that takes its message (the message carries a snapshot of
 *       the sender's clock, and the receiver joins it);
 *   <li>on a channel of capacity C, the k-th receive happens before the (k+C)-th send completes:
 *       the send that takes the slot a receive freed learns the receiver's history. This is what
 *       makes a bounded channel usable as a counting semaphore; Rust's {@code sync_channel} gives
 *       the same edge (its slots' stamps are stored with release by the receiver and loaded with
 *       acquire by the next sender).
 * </ul>
 *
 * <p>Nothing else synchronises: two senders, or two receivers, learn nothing from each other, and
 * an unbounded channel's receives publish nothing. A bounded channel blocks senders while full;
 * every channel blocks receivers while empty (blocking is the interpreter's business: {@link
 * #canSend} and {@link #canReceive} say whether the operation would proceed now).
 *
 * @param <M> the message payload
 */
public final class ChannelState<M> {
  private record Message<M>(M payload, VectorClock clock) {}

  private final String name;
  private final int capacity;
  private final Deque<Message<M>> queue = new ArrayDeque<>();
  // Clocks of the receives whose freed slot no send has taken yet, oldest first. When a send is
  // possible on a full-once channel, the front is exactly the (k-C)-th receive.
  private final Deque<VectorClock> freedSlots = new ArrayDeque<>();
  private long sends;

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

  /** The payloads still waiting, oldest first. */
  public List<M> pending() {
    List<M> out = new ArrayList<>();
    for (Message<M> m : queue) {
      out.add(m.payload());
    }
    return out;
  }

  /**
   * Sends: the message carries the sender's clock. On a bounded channel, the (k+C)-th send first
   * learns the k-th receive, whose freed slot it takes.
   */
  public void send(int t, M payload, ClockTable clocks) {
    if (!canSend()) {
      throw new IllegalStateException(name + " is full");
    }
    sends++;
    if (capacity >= 0 && sends > capacity) {
      clocks.acquire(t, freedSlots.removeFirst());
    }
    queue.addLast(new Message<>(payload, clocks.snapshot(t)));
    clocks.tick(t);
  }

  /**
   * Receives the oldest message: the receiver learns everything before its send. On a bounded
   * channel the receive also publishes its own clock for the send that will reuse the slot.
   */
  public M receive(int t, ClockTable clocks) {
    if (!canReceive()) {
      throw new IllegalStateException(name + " is empty");
    }
    Message<M> m = queue.removeFirst();
    clocks.acquire(t, m.clock());
    if (capacity >= 0) {
      freedSlots.addLast(clocks.snapshot(t));
      clocks.tick(t);
    }
    return m.payload();
  }
}
