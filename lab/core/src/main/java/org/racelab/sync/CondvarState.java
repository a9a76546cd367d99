package org.racelab.sync;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A condition variable. It adds no happens-before edge of its own: a waiter synchronises through
 * the mutex it releases and takes back, as C++ ([thread.condition]) and Rust specify; a notify done
 * outside the mutex publishes nothing. (Miri adds a notify → wake edge; RaceLab follows the
 * standards, so a flag set without the mutex still races with the woken waiter's read.)
 *
 * <p>{@code notify_one} wakes the longest waiter, {@code notify_all} every waiter; a notification
 * with no waiter is lost, which is the classic bug this primitive teaches: a thread that waits
 * without first checking its condition under the mutex may wait for a notification that already
 * came. The last lost notification is remembered so that a deadlock report can point at it.
 *
 * <p>A wait is two steps in the interpreter: release the mutex and start waiting, then (once woken,
 * or spuriously) take the mutex back. Spurious wake-ups are the interpreter's choice, not this
 * object's.
 */
public final class CondvarState {
  /** A notification that found nobody waiting. */
  public record Lost(String thread, int line) {}

  private final String name;
  private final List<Integer> waiting = new ArrayList<>();
  private final Set<Integer> woken = new LinkedHashSet<>();
  private @Nullable Lost lastLost;

  /** A condvar with no waiters. */
  public CondvarState(String name) {
    this.name = name;
  }

  /** The declared name. */
  public String name() {
    return name;
  }

  /** Thread t starts waiting (after releasing its mutex). */
  public void startWaiting(int t) {
    waiting.add(t);
  }

  /** Whether thread t has been notified (or woke spuriously) and may try to re-take its mutex. */
  public boolean isWoken(int t) {
    return woken.contains(t);
  }

  /** Whether thread t is still waiting for a notification. */
  public boolean isWaiting(int t) {
    return waiting.contains(t);
  }

  /** The waiting threads, in arrival order. */
  public List<Integer> waiters() {
    return List.copyOf(waiting);
  }

  /** Wakes the longest waiter; returns it, or -1 when nobody waits (the notification is lost). */
  public int wakeOne() {
    if (waiting.isEmpty()) {
      return -1;
    }
    int t = waiting.remove(0);
    woken.add(t);
    return t;
  }

  /** Wakes every waiter; returns how many (0: the notification is lost). */
  public int wakeAll() {
    int n = waiting.size();
    woken.addAll(waiting);
    waiting.clear();
    return n;
  }

  /** Remembers a notification that woke nobody. */
  public void lost(String thread, int line) {
    lastLost = new Lost(thread, line);
  }

  /** The last notification that woke nobody, if any. */
  public @Nullable Lost lastLost() {
    return lastLost;
  }

  /** A spurious wake-up of a waiting thread. */
  public void wakeSpuriously(int t) {
    if (waiting.remove(Integer.valueOf(t))) {
      woken.add(t);
    }
  }

  /** Thread t has re-taken its mutex and leaves the wait. */
  public void leave(int t) {
    woken.remove(t);
  }
}
