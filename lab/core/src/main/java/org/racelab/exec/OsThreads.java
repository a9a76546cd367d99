package org.racelab.exec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.racelab.os.SequencedDetector;
import org.racelab.os.Sequencer;

/**
 * Runs a compiled scenario on real Java threads ({@code racelab run --threads os}): one platform
 * thread per scenario thread, against the same instrumented memory, clocks and detectors as the
 * simulator.
 *
 * <p><b>How it stays linearizable.</b> Every visible step (a memory access, a lock, a send, a
 * spawn, ...) is taken under one {@link Sequencer}: its lock orders the steps of all threads into
 * one global sequence consistent with each thread's program order, and the detector, the ledger and
 * the synchronisation objects see the steps in exactly that order (the ledger's step numbers are
 * the sequence). Between two visible steps a thread runs its invisible instructions (arithmetic,
 * locals, branches) on its own, outside the lock and truly in parallel with the others ({@link
 * Machine#runPrivate}); an invisible instruction that could report UB is handed to the sequencer.
 * The detector is additionally wrapped in a {@link SequencedDetector}. Which thread takes the next
 * step is decided by the operating system and by who gets the (unfair) lock first, so real
 * interleavings appear: a racy counter loses real updates, and its final value varies from run to
 * run. Nothing here is seeded: a run cannot be replayed.
 *
 * <p><b>Blocking.</b> A thread whose next step cannot happen (a held mutex, an empty channel, a
 * full bounded channel, an incomplete barrier, an unfinished join, a condvar wait without a
 * notification) blocks its Java thread on a condition of the sequencer until a step of another
 * thread makes it ready; it does not spin. {@code sleep N ms} sleeps the real thread (outside the
 * lock) and {@code yield} calls {@link Thread#yield}; neither synchronises anything.
 *
 * <p><b>Watchdogs.</b> When every live thread is blocked, the sequencer stops (a deadlock) and the
 * run is reported exactly as the simulator reports one, with who waits for what and the cycle. The
 * step limit and the instruction limit of {@link Machine.Options} stop every thread at its next
 * visit to the sequencer (a purely invisible loop visits it every {@value #SLICE} instructions),
 * and the run is then reported as stopped, with the simulator's message.
 *
 * <p><b>Weak memory.</b> Every load reads the latest store ({@link Chooser#LATEST}): the steps are
 * sequentially consistent, because the real hardware's reorderings happen inside the JVM, not in
 * the simulated memory. The simulator's weak-memory emulation and the JCStress litmus tests are
 * where relaxed outcomes show.
 */
public final class OsThreads {

  /** Private instructions a thread runs between two visits to the sequencer. */
  static final int SLICE = 1 << 14;

  /**
   * One finished run.
   *
   * @param execution what happened (its statistics include {@code os.threads}, {@code
   *     os.blockingWaits} and {@code os.cpuMillis})
   * @param machine the machine, for grading {@code expect final} conditions
   */
  public record Result(Execution execution, Machine machine) {}

  private enum Next {
    PRIVATE,
    STEP,
    LEAVE
  }

  private final Machine machine;
  private final Sequencer sequencer;
  // guarded by the sequencer's lock
  private final List<Thread> started = new ArrayList<>();
  private boolean overStepLimit;
  private boolean overInstructionLimit;
  private @Nullable Throwable failure;
  private final AtomicLong cpuNanos = new AtomicLong();

  private OsThreads(Machine machine, Sequencer sequencer) {
    this.machine = machine;
    this.sequencer = sequencer;
  }

  /**
   * Runs the program once on OS threads and waits until every thread has finished, or the run
   * deadlocked or reached a limit.
   *
   * @param program the compiled scenario
   * @param detectors detector names; the first classifies
   * @param options the limits (steps are counted over all threads)
   */
  public static Result run(Program program, List<String> detectors, Machine.Options options) {
    Sequencer sequencer = new Sequencer();
    Machine machine =
        new Machine(
            program,
            detectors,
            Chooser.LATEST,
            options,
            d -> new SequencedDetector(sequencer, d),
            true);
    return new OsThreads(machine, sequencer).execute();
  }

  private Result execute() {
    sequencer.locked(
        () -> {
          for (ThreadState ts : machine.threadStates()) {
            launch(ts);
          }
          return null;
        });
    joinAll();
    Throwable failed = sequencer.locked(() -> failure);
    if (failed != null) {
      throw new IllegalStateException("a thread of the OS-threads run failed: " + failed, failed);
    }
    if (overInstructionLimit) {
      machine.haltAtLimit(true);
    } else if (overStepLimit) {
      machine.haltAtLimit(false);
    }
    Execution e = machine.finish();
    Map<String, Long> stats = new LinkedHashMap<>(e.statistics());
    stats.put("os.threads", (long) machine.threadCount());
    stats.put("os.blockingWaits", sequencer.waits());
    stats.put("os.cpuMillis", TimeUnit.NANOSECONDS.toMillis(cpuNanos.get()));
    Execution withStats =
        new Execution(
            e.threads(),
            e.ledger(),
            e.races(),
            e.ub(),
            e.panics(),
            e.leaks(),
            e.deadlock(),
            e.stepLimit(),
            e.steps(),
            e.finalValues(),
            e.notes(),
            e.stepCount(),
            java.util.Collections.unmodifiableMap(stats),
            e.racingByDetector(),
            e.locations(),
            e.memoryAtFirstUb(),
            e.trace(),
            e.warnings(),
            e.spinSteps(),
            e.blockedSteps());
    return new Result(withStats, machine);
  }

  /**
   * Joins every started thread. A thread is only started by a running thread (a spawn), under the
   * lock, so once every thread in the list has been joined and the list has not grown, none is
   * left.
   */
  private void joinAll() {
    int joined = 0;
    while (true) {
      int index = joined;
      Thread next = sequencer.locked(() -> index < started.size() ? started.get(index) : null);
      if (next == null) {
        return;
      }
      boolean interrupted = false;
      while (true) {
        try {
          next.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
          sequencer.halt("interrupted");
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      joined++;
    }
  }

  /** Under the lock: registers the thread with the sequencer and starts its Java thread. */
  private void launch(ThreadState ts) {
    sequencer.register(ts.id);
    Thread t = new Thread(() -> body(ts), "racelab-" + ts.name);
    t.setDaemon(true);
    started.add(t);
    t.start();
  }

  private void body(ThreadState ts) {
    long cpu0 = cpuTime();
    try {
      loop(ts);
    } catch (RuntimeException | Error t) {
      sequencer.locked(
          () -> {
            if (failure == null) {
              failure = t;
            }
            return null;
          });
      sequencer.halt("internal error in thread " + ts.name + ": " + t);
    } finally {
      cpuNanos.addAndGet(cpuTime() - cpu0);
    }
  }

  private void loop(ThreadState ts) {
    while (true) {
      int ran = machine.runPrivate(ts, SLICE);
      Next next = sequencer.locked(() -> settle(ts, ran));
      if (next == Next.LEAVE) {
        return;
      }
      if (next == Next.PRIVATE) {
        continue;
      }
      Instr[] executed = new Instr[1];
      long n = sequencer.await(ts.id, () -> machine.canMove(ts), () -> executed[0] = step(ts));
      if (n == Sequencer.STOPPED || ts.done()) {
        return;
      }
      if (executed[0] instanceof Instr.Pause p) {
        pause(ts, p);
      }
    }
  }

  /** Under the lock: what the thread does after its private instructions. */
  private Next settle(ThreadState ts, int ran) {
    ts.away = false;
    Machine.Settled s = machine.settle(ts, ran);
    if (s == Machine.Settled.DONE) {
      sequencer.retire(ts.id);
      return Next.LEAVE;
    }
    if (s == Machine.Settled.OVER_LIMIT) {
      overInstructionLimit = true;
      sequencer.halt("instruction limit");
      return Next.LEAVE;
    }
    if (sequencer.stopped() != Sequencer.Stop.NONE) {
      return Next.LEAVE;
    }
    if (s == Machine.Settled.PRIVATE) {
      ts.away = true;
      return Next.PRIVATE;
    }
    return Next.STEP;
  }

  /** Under the lock: one visible step, and the Java threads of the threads it spawned. */
  private @Nullable Instr step(ThreadState ts) {
    int before = machine.threadCount();
    Instr executed = machine.stepVisible(ts.id);
    for (int c = before; c < machine.threadCount(); c++) {
      launch(machine.threadStates().get(c));
    }
    if (ts.done()) {
      sequencer.retire(ts.id);
    } else {
      ts.away = true;
    }
    if (machine.overStepLimit()) {
      overStepLimit = true;
      sequencer.halt("step limit");
    }
    return executed;
  }

  // the scenario's own yield: on real threads it is a hint to the OS scheduler, as in Rust
  @SuppressWarnings("ThreadPriorityCheck")
  private void pause(ThreadState ts, Instr.Pause p) {
    if (p.millis() > 0) {
      sequencer.pause(ts.id, TimeUnit.MILLISECONDS.toNanos(p.millis()));
    } else {
      Thread.yield();
    }
  }

  private static long cpuTime() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    return mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : 0;
  }
}
