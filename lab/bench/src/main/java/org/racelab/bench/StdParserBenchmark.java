package org.racelab.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.racelab.detect.TraceAnalysis;
import org.racelab.trace.StdTraceReader;
import org.racelab.trace.TraceFormatException;
import org.racelab.trace.TraceHandler;

/**
 * Throughput of the STD reader on an in-memory trace shaped like {@code gen_std_trace.py}'s (8
 * threads, 16 locks, 4,096 lock-protected variables, some unprotected and thread-local ones; a
 * third of the events are lock operations), alone and with the whole analysis. Time per event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StdParserBenchmark {
  private static final int EVENTS = 1_000_000;

  private byte[] trace;

  /** Generates the trace once. */
  @Setup
  public void setUp() {
    trace = generate(EVENTS, 42).getBytes(StandardCharsets.US_ASCII);
  }

  /** Parsing and interning only, into a handler that does nothing. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long parse() throws IOException, TraceFormatException {
    Sum sum = new Sum();
    return new StdTraceReader(null).read(new ByteArrayInputStream(trace), "bench", sum).events()
        + sum.total;
  }

  /** Parsing plus FastTrack and the counting of {@code racelab analyze}. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long parseAndAnalyseWithFastTrack() throws IOException, TraceFormatException {
    TraceAnalysis a = new TraceAnalysis(List.of("fasttrack"));
    return new StdTraceReader(null).read(new ByteArrayInputStream(trace), "bench", a).events();
  }

  /** Parsing plus DJIT+ and the counting of {@code racelab analyze}. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long parseAndAnalyseWithDjit() throws IOException, TraceFormatException {
    TraceAnalysis a = new TraceAnalysis(List.of("djit"));
    return new StdTraceReader(null).read(new ByteArrayInputStream(trace), "bench", a).events();
  }

  /** A well-formed trace: workers run critical sections and unprotected accesses in turns. */
  static String generate(int events, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder(events * 18);
    int threads = 8;
    for (int k = 1; k < threads; k++) {
      sb.append("T0|fork(T").append(k).append(")|10\n");
    }
    int n = threads - 1;
    while (n < events - 4) {
      int t = 1 + rnd.nextInt(threads - 1);
      int u = rnd.nextInt(10);
      if (u < 7) {
        int l = rnd.nextInt(16);
        sb.append('T')
            .append(t)
            .append("|acq(L")
            .append(l)
            .append(")|")
            .append(1000 + l)
            .append('\n');
        int k = 1 + rnd.nextInt(4);
        for (int i = 0; i < k; i++) {
          int v = l + 16 * rnd.nextInt(256);
          access(sb, rnd, t, "S" + v, 10000 + 2 * (v % 64));
        }
        sb.append('T')
            .append(t)
            .append("|rel(L")
            .append(l)
            .append(")|")
            .append(2000 + l)
            .append('\n');
        n += k + 2;
      } else if (u < 8) {
        access(sb, rnd, t, "R" + rnd.nextInt(64), 20000);
        n++;
      } else {
        access(sb, rnd, t, "T" + t + ".x" + rnd.nextInt(64), 40000);
        n++;
      }
    }
    return sb.toString();
  }

  private static void access(StringBuilder sb, SplittableRandom rnd, int t, String v, int site) {
    boolean write = rnd.nextInt(10) < 3;
    sb.append('T').append(t).append(write ? "|w(" : "|r(").append(v).append(")|");
    sb.append(site + (write ? 1 : 0)).append('\n');
  }

  /** Touches every id so the parse cannot be optimised away. */
  private static final class Sum implements TraceHandler {
    long total;

    @Override
    public void access(int thread, int variable, int kind, int site) {
      total += variable + kind;
    }

    @Override
    public void acquire(int thread, int lock, boolean shared, int site) {
      total += lock;
    }

    @Override
    public void release(int thread, int lock, boolean shared, int site) {
      total -= lock;
    }

    @Override
    public void send(int thread, int object, int site) {
      total += object;
    }

    @Override
    public void receive(int thread, int object, int site) {
      total -= object;
    }

    @Override
    public void fork(int parent, int child, int site) {
      total += child;
    }

    @Override
    public void join(int joiner, int child, int site) {
      total += child;
    }
  }
}
