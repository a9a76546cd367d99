package org.racelab.os;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One global order for the visible steps of threads that really run at the same time.
 *
 * <p><b>Design: one lock around every visible step.</b> Each participant (a scenario thread running
 * on its own Java thread) calls {@link #await} for each visible step: under one {@link
 * ReentrantLock} it waits until its readiness condition holds, takes the next sequence number and
 * runs the step's action. Everything a step touches (memory, vector clocks, detectors, ledger,
 * mutexes, channels, store buffers) is therefore only ever touched while the lock is held, and the
 * order in which threads obtain the lock <em>is</em> the linearization: sequence numbers are
 * consecutive, each step sees the effects of every step with a smaller number, and each thread's
 * steps get increasing numbers in its program order. Work that touches only the thread's own state
 * (arithmetic, locals, branches: the interpreter's invisible instructions) runs outside the lock,
 * truly in parallel.
 *
 * <p>Why not finer-grained locking (a lock per location plus an atomic sequence counter)? A visible
 * step is a compound of several structures that must agree: the detector's shadow state and the
 * thread's vector clock, the ledger entry and its index, the memory cell and its allocation's
 * liveness, an atomic's store buffer and the clock it publishes. Finer locks would need every one
 * of these to be linearizable and their composition too, and the sequence number would have to be
 * taken inside every lock it stands for. The simulator runs visible steps one at a time anyway, so
 * one lock costs no modelling power: the interleaving of steps is chosen by the operating system
 * and the lock (which is deliberately not fair, as real locks are not), not by a seeded scheduler.
 *
 * <p><b>Blocking.</b> A participant whose step cannot happen yet (a mutex held by another thread,
 * an empty channel, an incomplete barrier, a thread not yet finished) sleeps on its own {@link
 * Condition}; it does not spin. After every action the lock holder re-evaluates the readiness of
 * the sleeping participants and signals exactly those that can now move. Readiness may only depend
 * on state changed under this lock: that is what makes the re-evaluation sufficient (no lost
 * wake-ups).
 *
 * <p><b>Deadlock watchdog.</b> A participant is <em>running</em> from {@link #register} until it
 * blocks in {@link #await} or {@link #retire}s. When the last running participant blocks, every
 * live participant is blocked, and since readiness only changes through actions of running
 * participants, none will ever move: the sequencer stops with {@link Stop#DEADLOCK}, wakes
 * everyone, and every pending and future {@code await} returns {@link #STOPPED}. No timeout is
 * involved, so the verdict does not depend on how loaded the machine is. {@link #halt} stops the
 * sequencer the same way for other reasons (a step limit).
 *
 * <p>Participants are dense integer ids from 0, each used by one Java thread at a time.
 */
public final class Sequencer {

  /** What {@link #await} returns when the sequencer has stopped: the action did not run. */
  public static final long STOPPED = -1;

  /** Whether and why the sequencer stopped. */
  public enum Stop {
    /** Still running. */
    NONE,
    /** Every live participant was blocked. */
    DEADLOCK,
    /** {@link #halt} was called. */
    HALTED
  }

  private enum State {
    RUNNING,
    WAITING,
    DONE
  }

  private static final class Participant {
    State state = State.RUNNING;
    final Condition wake;
    BooleanSupplier ready = () -> true;

    Participant(Condition wake) {
      this.wake = wake;
    }
  }

  private final ReentrantLock lock = new ReentrantLock(false);
  private final List<@Nullable Participant> participants = new ArrayList<>();
  private int running;
  private long sequence;
  private long waits;
  private Stop stop = Stop.NONE;
  private String stopReason = "";

  /** A sequencer with no participants. */
  public Sequencer() {}

  /**
   * Adds participant {@code id}, running. Call before its thread makes its first step, from the
   * thread that creates it (so that the watchdog counts it before its creator could block).
   */
  public void register(int id) {
    lock.lock();
    try {
      while (participants.size() <= id) {
        participants.add(null);
      }
      if (participants.get(id) != null) {
        throw new IllegalStateException("participant " + id + " is already registered");
      }
      participants.set(id, new Participant(lock.newCondition()));
      running++;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until {@code ready} holds, then runs {@code action} as the next step, both under the
   * lock; returns the step's sequence number, or {@link #STOPPED} when the sequencer stopped (a
   * deadlock, a halt) before the step could happen.
   *
   * @param id the calling participant, which must be running
   * @param ready whether the step can happen now; evaluated under the lock, possibly by other
   *     threads, so it must be side-effect free and depend only on state changed under the lock
   * @param action the step; runs under the lock
   */
  public long await(int id, BooleanSupplier ready, Runnable action) {
    lock.lock();
    try {
      Participant p = running(id);
      while (true) {
        if (stop != Stop.NONE) {
          return STOPPED;
        }
        if (ready.getAsBoolean()) {
          break;
        }
        p.state = State.WAITING;
        p.ready = ready;
        running--;
        waits++;
        if (running == 0) {
          stop(Stop.DEADLOCK, "every live thread is blocked");
        }
        while (p.state == State.WAITING && stop == Stop.NONE) {
          p.wake.awaitUninterruptibly();
        }
        if (p.state == State.WAITING) {
          // woken by a stop, not by readiness: it runs again only to leave
          p.state = State.RUNNING;
          running++;
        }
      }
      long n = sequence++;
      try {
        action.run();
      } finally {
        wakeReady();
      }
      return n;
    } finally {
      lock.unlock();
    }
  }

  /** {@link #await} with a step that can always happen. */
  public long step(int id, Runnable action) {
    return await(id, () -> true, action);
  }

  /**
   * Runs {@code action} under the lock without a sequence number (bookkeeping between steps), then
   * wakes the blocked participants it made ready. Works after a stop too.
   */
  public <T> T locked(Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      wakeReady();
      lock.unlock();
    }
  }

  /**
   * Evaluates {@code query} under the lock, without waking anyone: for calls that change nothing a
   * blocked participant waits for, such as a detector's verdict.
   */
  public boolean holding(BooleanSupplier query) {
    lock.lock();
    try {
      return query.getAsBoolean();
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code action} under the lock, without waking anyone (see {@link #holding}). */
  public void holding(Runnable action) {
    lock.lock();
    try {
      action.run();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Participant {@code id} has finished: it no longer counts as running. If every other live
   * participant is blocked, that is a deadlock.
   */
  public void retire(int id) {
    lock.lock();
    try {
      Participant p = running(id);
      p.state = State.DONE;
      running--;
      wakeReady();
      if (running == 0 && anyWaiting()) {
        stop(Stop.DEADLOCK, "every live thread is blocked");
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sleeps the calling participant for {@code nanos} without holding the lock (it stays running: a
   * sleeping thread is not blocked). Returns early when the sequencer stops.
   */
  public void pause(int id, long nanos) {
    lock.lock();
    try {
      Participant p = running(id);
      long left = nanos;
      while (left > 0 && stop == Stop.NONE) {
        left = p.wake.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops the sequencer (if it is not stopped already): every participant leaves at its next step.
   */
  public void halt(String why) {
    lock.lock();
    try {
      stop(Stop.HALTED, why);
    } finally {
      lock.unlock();
    }
  }

  /** Whether and why the sequencer stopped. */
  public Stop stopped() {
    lock.lock();
    try {
      return stop;
    } finally {
      lock.unlock();
    }
  }

  /** Why it stopped, in words ("" while running). */
  public String stopReason() {
    lock.lock();
    try {
      return stopReason;
    } finally {
      lock.unlock();
    }
  }

  /** How many steps have been taken (the next sequence number). */
  public long sequence() {
    lock.lock();
    try {
      return sequence;
    } finally {
      lock.unlock();
    }
  }

  /** How many times a participant had to block. */
  public long waits() {
    lock.lock();
    try {
      return waits;
    } finally {
      lock.unlock();
    }
  }

  /** How many participants are running (registered, not blocked, not retired). */
  public int runningCount() {
    lock.lock();
    try {
      return running;
    } finally {
      lock.unlock();
    }
  }

  /** Whether the calling thread holds the lock (inside an action). */
  public boolean heldByCurrentThread() {
    return lock.isHeldByCurrentThread();
  }

  // ---------------------------------------------------------------- under the lock

  private Participant running(int id) {
    Participant p = id >= 0 && id < participants.size() ? participants.get(id) : null;
    if (p == null) {
      throw new IllegalStateException("participant " + id + " is not registered");
    }
    if (p.state != State.RUNNING) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "participant %d is %s; only a running participant can do that",
              id,
              p.state.name().toLowerCase(Locale.ROOT)));
    }
    return p;
  }

  private void wakeReady() {
    for (Participant q : participants) {
      if (q != null && q.state == State.WAITING && q.ready.getAsBoolean()) {
        q.state = State.RUNNING;
        running++;
        q.wake.signal();
      }
    }
  }

  private boolean anyWaiting() {
    for (Participant q : participants) {
      if (q != null && q.state == State.WAITING) {
        return true;
      }
    }
    return false;
  }

  private void stop(Stop kind, String why) {
    if (stop != Stop.NONE) {
      return;
    }
    stop = kind;
    stopReason = why;
    for (Participant q : participants) {
      if (q != null) {
        q.wake.signalAll();
      }
    }
  }
}
