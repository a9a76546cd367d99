package org.racelab.sync;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A condition variable. It adds no happens-before edge of its own: a waiter synchronises through
 * the mutex it releases and takes back (as in C++ and Rust). Waiters are woken in FIFO order by
 * {@code notify_one}; a notification with no waiter is lost, which is the classic bug this
 * primitive teaches.
 */
public final class CondvarState {
  private final String name;
  private final List<Integer> waiting = new ArrayList<>();
  private final Set<Integer> woken = new LinkedHashSet<>();

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

  /** Wakes every waiter; returns how many. */
  public int wakeAll() {
    int n = waiting.size();
    woken.addAll(waiting);
    waiting.clear();
    return n;
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
