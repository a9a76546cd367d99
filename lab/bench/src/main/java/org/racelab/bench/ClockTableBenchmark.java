package org.racelab.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.racelab.detect.ClockTable;

/** Cost of the happens-before rules of the {@link ClockTable} with 2, 8 and 64 threads. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClockTableBenchmark {

  @Param({"2", "8", "64"})
  int threads;

  private ClockTable table;
  private int next;

  /** A table that already knows every thread, with lock 0 released once. */
  @Setup
  public void setUp() {
    table = new ClockTable();
    table.ensureThread(threads - 1);
    table.release(0, 0);
  }

  /** Hands lock 0 from one thread to the next, round robin: a release and an acquire. */
  @Benchmark
  public int releaseThenAcquire() {
    int t = next;
    int u = (t + 1) % threads;
    next = u;
    table.release(t, 0);
    table.acquire(u, 0);
    return table.epochClock(u);
  }

  /** An acquire alone: joins the lock's clock into the thread's. */
  @Benchmark
  public int acquire() {
    int t = next;
    next = (t + 1) % threads;
    table.acquire(t, 0);
    return table.epochClock(t);
  }

  /** A release alone: copies the thread's clock into the lock's and ticks the thread. */
  @Benchmark
  public int release() {
    int t = next;
    next = (t + 1) % threads;
    table.release(t, 1);
    return table.epochClock(t);
  }
}
