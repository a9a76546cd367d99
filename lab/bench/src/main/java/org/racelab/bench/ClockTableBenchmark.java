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

/** Cost of a release followed by an acquire of the same lock by another thread. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClockTableBenchmark {

  @Param({"2", "8", "64"})
  int threads;

  private ClockTable table;
  private int next;

  /** A table that already knows every thread. */
  @Setup
  public void setUp() {
    table = new ClockTable();
    table.ensureThread(threads - 1);
  }

  /** Hands lock 0 from one thread to the next, round robin. */
  @Benchmark
  public int releaseThenAcquire() {
    int t = next;
    int u = (t + 1) % threads;
    next = u;
    table.release(t, 0);
    table.acquire(u, 0);
    return table.epochClock(u);
  }
}
