package org.racelab.os;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One global order for the visible steps of threads that really run at the same time.
 *
 * <p><b>Design: one lock around every visible step.</b> Each participant (a scenario thread running
 * on its own Java thread) calls {@link #await} for each visible step: holding one monitor (the
 * sequencer's lock) it waits until its readiness condition holds, takes the next sequence number
 * and runs the step's action. Everything a step touches (memory, vector clocks, detectors, ledger,
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
 * and the lock (which is not fair, as real locks are not), not by a seeded scheduler. The lock is a
 * plain Java monitor: it is re-entrant, as cheap as any lock when uncontended, and a primitive that
 * Lincheck's model checker understands directly (a {@code ReentrantLock} made it trace every step
 * through the internals of {@code AbstractQueuedSynchronizer}).
 *
 * <p><b>Blocking.</b> A participant whose step cannot happen yet (a mutex held by another thread,
 * an empty channel, an incomplete barrier, a thread not yet finished) waits on the monitor; it does
 * not spin. After every action the lock holder re-evaluates the readiness of the waiting
 * participants, marks those that can now move as running and, if there are any, notifies the
 * waiters; a waiter that was not marked goes back to waiting at once. Nobody is woken when no
 * action made anyone ready. Readiness may only depend on state changed under this lock: that is
 * what makes the re-evaluation sufficient (no lost wake-ups).
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
    BooleanSupplier ready = () -> true;
  }

  private final Object lock = new Object();
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
    synchronized (lock) {
      while (participants.size() <= id) {
        participants.add(null);
      }
      if (participants.get(id) != null) {
        throw new IllegalStateException("participant " + id + " is already registered");
      }
      participants.set(id, new Participant());
      running++;
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
    synchronized (lock) {
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
        waitWhileWaiting(p);
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
    }
  }

  /** Under the lock: waits until a step marks the participant running, or the sequencer stops. */
  private void waitWhileWaiting(Participant p) {
    boolean interrupted = false;
    while (p.state == State.WAITING && stop == Stop.NONE) {
      try {
        lock.wait();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
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
    synchronized (lock) {
      try {
        return action.get();
      } finally {
        wakeReady();
      }
    }
  }

  /**
   * Evaluates {@code query} under the lock, without waking anyone: for calls that change nothing a
   * blocked participant waits for, such as a detector's verdict.
   */
  public boolean holding(BooleanSupplier query) {
    synchronized (lock) {
      return query.getAsBoolean();
    }
  }

  /** Runs {@code action} under the lock, without waking anyone (see {@link #holding}). */
  public void holding(Runnable action) {
    synchronized (lock) {
      action.run();
    }
  }

  /**
   * Participant {@code id} has finished: it no longer counts as running. If every other live
   * participant is blocked, that is a deadlock.
   */
  public void retire(int id) {
    synchronized (lock) {
      Participant p = running(id);
      p.state = State.DONE;
      running--;
      wakeReady();
      if (running == 0 && anyWaiting()) {
        stop(Stop.DEADLOCK, "every live thread is blocked");
      }
    }
  }

  /**
   * Sleeps the calling participant for {@code nanos} without holding the lock (it stays running: a
   * sleeping thread is not blocked). Returns early when the sequencer stops.
   */
  public void pause(int id, long nanos) {
    synchronized (lock) {
      running(id);
      long deadline = System.nanoTime() + nanos;
      long left = nanos;
      try {
        while (left > 0 && stop == Stop.NONE) {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
          left = deadline - System.nanoTime();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Stops the sequencer (if it is not stopped already): every participant leaves at its next step.
   */
  public void halt(String why) {
    synchronized (lock) {
      stop(Stop.HALTED, why);
    }
  }

  /** Whether and why the sequencer stopped. */
  public Stop stopped() {
    synchronized (lock) {
      return stop;
    }
  }

  /** Why it stopped, in words ("" while running). */
  public String stopReason() {
    synchronized (lock) {
      return stopReason;
    }
  }

  /** How many steps have been taken (the next sequence number). */
  public long sequence() {
    synchronized (lock) {
      return sequence;
    }
  }

  /** How many times a participant had to block. */
  public long waits() {
    synchronized (lock) {
      return waits;
    }
  }

  /** How many participants are running (registered, not blocked, not retired). */
  public int runningCount() {
    synchronized (lock) {
      return running;
    }
  }

  /** Whether the calling thread holds the lock (inside an action). */
  public boolean heldByCurrentThread() {
    return Thread.holdsLock(lock);
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
    boolean woke = false;
    for (Participant q : participants) {
      if (q != null && q.state == State.WAITING && q.ready.getAsBoolean()) {
        q.state = State.RUNNING;
        running++;
        woke = true;
      }
    }
    if (woke) {
      lock.notifyAll();
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
    lock.notifyAll();
  }
}
