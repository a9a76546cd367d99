package org.racelab.exec;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.racelab.clock.VectorClock;

/**
 * One memory access of a run, as the ledger shows it.
 *
 * @param index position in the ledger
 * @param step the scheduling step it happened in
 * @param thread the thread's name
 * @param line the source line
 * @param op what it did: {@code read}, {@code write}, {@code atomic load (acquire)}, {@code free},
 *     ...
 * @param location the location as the scenario names it ({@code data}, {@code a[2]}, {@code *p})
 * @param clock the thread's vector clock at the access
 * @param racing whether it races with an earlier access
 * @param racesWith the ledger indices of the earlier accesses it races with
 * @param afterUb whether it happened after the run's first UB
 * @param value the value read or written, when there is one
 * @param write whether it writes
 * @param atomic whether it is atomic
 */
public record LedgerEntry(
    int index,
    int step,
    String thread,
    int line,
    String op,
    String location,
    VectorClock clock,
    boolean racing,
    List<Integer> racesWith,
    boolean afterUb,
    @Nullable String value,
    boolean write,
    boolean atomic) {

  /** {@code racing} or {@code synchronised}. */
  public String classification() {
    return racing ? "racing" : "synchronised";
  }
}
