package org.racelab.exec;

import java.util.List;
import org.racelab.experiment.RunResult;
import org.racelab.experiment.Seen;
import org.racelab.memory.UbKind;
import org.racelab.testing.Scenarios;

/** Small helpers for the memory tests: run a thread body, look at what the run found. */
final class MemoryRuns {
  private MemoryRuns() {}

  /** Runs a scenario whose only thread is {@code main} with this body (line 3 is its first). */
  static RunResult main(String body) {
    return Scenarios.run("scenario \"t\"\nthread main {\n" + body + "\n}\n");
  }

  /** The UB found, in order, data races included. */
  static List<Findings.Ub> ub(RunResult r) {
    return r.ub().stream().map(Seen::item).toList();
  }

  /** The UB kinds found, in order. */
  static List<UbKind> kinds(RunResult r) {
    return ub(r).stream().map(Findings.Ub::kind).toList();
  }

  /** The representative run's execution. */
  static Execution exec(RunResult r) {
    return r.representative().execution();
  }

  /** The ledger entries whose op starts with {@code op}. */
  static List<LedgerEntry> ops(RunResult r, String op) {
    return exec(r).ledger().stream().filter(e -> e.op().startsWith(op)).toList();
  }
}
