package org.racelab.bench;

import java.util.List;
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
import org.racelab.exec.Compiler;
import org.racelab.exec.Execution;
import org.racelab.exec.Machine;
import org.racelab.exec.Program;
import org.racelab.scenario.Parser;
import org.racelab.sched.RandomScheduler;

/**
 * The simulated interpreter's throughput: whole runs of small workloads under the random scheduler,
 * with the ledger and race detection on. The score is time per visible step (each run takes {@value
 * #STEPS} steps).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class InterpreterBenchmark {
  static final int STEPS = 4000;

  /** Which workload: a locked counter, a racy counter, a message-passing spin on atomics. */
  @Param({"locked-counter", "racy-counter", "atomic-counter"})
  String workload;

  private Program program;
  private long seed;

  /** Compiles the workload once. */
  @Setup
  public void setUp() throws Exception {
    String body =
        switch (workload) {
          case "locked-counter" -> "lock m { counter = counter + 1 }";
          case "racy-counter" -> "counter = counter + 1";
          default -> "hits.fetch_add(1, relaxed)";
        };
    // two visible steps per iteration for the counters (read, write), plus lock/unlock
    int perIteration =
        workload.equals("locked-counter") ? 4 : workload.equals("racy-counter") ? 2 : 1;
    int iterations = STEPS / perIteration / 4;
    String source =
        "shared counter: i64 = 0\natomic hits: i64 = 0\nmutex m\nthread w[4] { repeat "
            + iterations
            + " { "
            + body
            + " } }\n";
    program = Compiler.compile(Parser.parse("bench.race", source));
  }

  /** One whole run; returns the step count so the work is not optimised away. */
  @Benchmark
  @OperationsPerInvocation(STEPS)
  public int run() {
    RandomScheduler scheduler = new RandomScheduler(seed++);
    Machine m = new Machine(program, List.of("djit"), scheduler::choose, Machine.Options.DEFAULT);
    while (true) {
      List<Integer> enabled = m.enabled();
      if (enabled.isEmpty()) {
        break;
      }
      m.step(scheduler.pickThread(enabled, m));
    }
    Execution e = m.finish();
    return e.stepCount();
  }
}
