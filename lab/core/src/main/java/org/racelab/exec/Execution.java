package org.racelab.exec;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything one run produced, before grading: the ledger and the findings.
 *
 * @param threads thread names by id
 * @param ledger every access, in order
 * @param races race pairs, once per pair of source accesses
 * @param ub undefined behaviour, in order (the first is the headline)
 * @param panics threads that panicked
 * @param leaks heap memory still allocated at the end
 * @param deadlock set when no thread could move before all finished
 * @param stepLimit set when the run was stopped for taking too long
 * @param steps the executed schedule, one entry per step
 * @param finalValues every declared location's value at the end
 * @param notes remarks, such as dangling pointers that were held but never used
 * @param stepCount how many steps the run took
 * @param statistics the detectors' counters
 * @param racingByDetector per detector, the locations it found racing
 * @param locations every accessed location, in order of first access
 * @param memoryAtFirstUb the memory as it was when the first UB happened
 * @param trace the run's accesses and synchronisation in order, with clocks, for trace files
 *     ({@link TraceExport})
 * @param warnings what could go wrong in another schedule (lock-order inversions)
 * @param spinSteps steps that went round in a circle: see {@link Machine} ("Cost")
 * @param blockedSteps thread-steps spent blocked: see {@link Machine} ("Cost")
 */
public record Execution(
    List<String> threads,
    List<LedgerEntry> ledger,
    List<Findings.Race> races,
    List<Findings.Ub> ub,
    List<Findings.Panic> panics,
    List<Findings.Leak> leaks,
    Findings.@Nullable Deadlock deadlock,
    Findings.@Nullable StepLimit stepLimit,
    List<Findings.Step> steps,
    Map<String, String> finalValues,
    List<String> notes,
    int stepCount,
    Map<String, Long> statistics,
    Map<String, Set<String>> racingByDetector,
    List<String> locations,
    @Nullable MemoryMap memoryAtFirstUb,
    RunTrace trace,
    List<Findings.Warning> warnings,
    int spinSteps,
    long blockedSteps) {

  /** Whether the run ended normally (every thread finished or panicked). */
  public boolean completed() {
    return deadlock == null && stepLimit == null;
  }
}
