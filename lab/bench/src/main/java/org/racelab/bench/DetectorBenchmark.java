package org.racelab.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.racelab.detect.AccessKind;
import org.racelab.detect.ClockTable;
import org.racelab.detect.Detector;
import org.racelab.detect.Detectors;

/**
 * Cost of one access in the detectors' main cases, with 8 threads known to the clock table and no
 * conflict sink (count only, as the trace analyser runs after its first 100 races).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DetectorBenchmark {
  private static final int THREADS = 8;

  @Param({"djit", "fasttrack"})
  String detector;

  private Detector d;
  private int next;

  /** A detector over a table that knows 8 threads, with variable 0 already touched. */
  @Setup
  public void setUp() {
    ClockTable clocks = new ClockTable();
    clocks.ensureThread(THREADS - 1);
    d = Detectors.create(detector, clocks);
    for (int t = 0; t < THREADS; t++) {
      d.access(t, 1, 0, AccessKind.READ);
    }
    d.access(0, 0, 0, AccessKind.WRITE);
  }

  /** A thread reads a variable again in the same epoch: FastTrack's O(1) fast path. */
  @Benchmark
  public boolean readSameEpoch() {
    return d.access(0, 0, 1, AccessKind.READ);
  }

  /** A thread writes a variable again in the same epoch. */
  @Benchmark
  public boolean writeSameEpoch() {
    return d.access(0, 0, 2, AccessKind.WRITE);
  }

  /** Eight threads read one variable without synchronisation: the read-shared vector clock. */
  @Benchmark
  public boolean readShared() {
    int t = next;
    next = (t + 1) & (THREADS - 1);
    return d.access(t, 1, 3, AccessKind.READ);
  }

  /**
   * Seven threads read a variable, then another writes it without synchronisation: the write checks
   * the read vector clock (the O(n) path). Time per access, averaged over the eight.
   */
  @Benchmark
  @OperationsPerInvocation(THREADS)
  public boolean writeAfterSharedReads() {
    boolean racy = false;
    for (int t = 1; t < THREADS; t++) {
      racy |= d.access(t, 2, 4, AccessKind.READ);
    }
    return racy | d.access(0, 2, 5, AccessKind.WRITE);
  }
}
