package org.racelab.report.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One scenario's run, as {@code racelab run --json} prints it. Over several schedules the same
 * object aggregates them: races, ub, leaks and panics are the union, each saying in how many
 * schedules it occurred and the first schedule that showed it; the ledger is the representative
 * schedule's.
 */
@JsonPropertyOrder({
  "scenario",
  "file",
  "strategy",
  "detector",
  "schedule",
  "races",
  "ub",
  "leaks",
  "deadlock",
  "warnings",
  "panics",
  "accesses",
  "ledger",
  "expectations",
  "final",
  "schedules"
})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunJson(
    String scenario,
    String file,
    String strategy,
    String detector,
    ScheduleJson schedule,
    List<RaceJson> races,
    List<UbJson> ub,
    List<LeakJson> leaks,
    @Nullable DeadlockJson deadlock,
    List<WarningJson> warnings,
    List<PanicJson> panics,
    AccessesJson accesses,
    List<LedgerJson> ledger,
    List<ExpectationJson> expectations,
    @JsonProperty("final") Map<String, String> finalValues,
    SchedulesJson schedules,
    List<FinalJson> finalDistribution,
    @Nullable StepLimitJson stepLimit,
    List<String> notes,
    List<String> threads,
    Map<String, Long> statistics,
    @Nullable Map<String, List<String>> detectorsRacing,
    long steps,
    long wallMillis,
    TotalsJson totals,
    List<LostUpdateJson> lostUpdates) {

  /** How the representative schedule was made, and how to replay it. */
  public record ScheduleJson(String kind, long seed, String replay) {}

  /** One access: who, where, what, and the thread's clock (thread name to counter). */
  public record AccessJson(String thread, int line, String op, Map<String, Integer> clock) {}

  /** A race: the location, the two operations, both accesses, and how often it showed. */
  public record RaceJson(
      String location,
      String kind,
      AccessJson first,
      AccessJson second,
      String explanation,
      int schedules,
      String firstReplay) {}

  /** Undefined behaviour where it happened. */
  public record UbJson(
      String kind,
      String thread,
      int line,
      String location,
      String message,
      int schedules,
      String firstReplay) {}

  /** Heap memory still allocated at the end (information, never an error). */
  public record LeakJson(
      String location,
      String kind,
      int bytes,
      String thread,
      int line,
      String address,
      int schedules) {}

  /** A thread that cannot move. */
  public record BlockedJson(String thread, int line, String waitsFor, @Nullable String heldBy) {}

  /** No thread could move. */
  public record DeadlockJson(
      List<BlockedJson> blocked, List<String> cycle, int schedules, String firstReplay) {}

  /**
   * One acquisition of a lock-order cycle: {@code thread} took {@code acquired} holding {@code
   * held}.
   */
  public record LockEdgeJson(String thread, String held, int heldLine, String acquired, int line) {}

  /**
   * Something that can go wrong in another schedule: {@code kind} is {@code lock-order-inversion}
   * (a potential deadlock), with the cycle of locks and the acquisitions that form it.
   */
  public record WarningJson(
      String kind,
      String message,
      List<String> locks,
      List<LockEdgeJson> edges,
      int schedules,
      String firstReplay) {}

  /** A thread that panicked. */
  public record PanicJson(
      String thread, int line, String message, int schedules, String firstReplay) {}

  /** Access counts of the representative schedule. */
  public record AccessesJson(
      int total, int synchronised, int racing, Map<String, LocationJson> byLocation) {}

  /** Per location: how many accesses were synchronised and how many racing. */
  public record LocationJson(int synchronised, int racing) {}

  /** One ledger line. */
  public record LedgerJson(
      int index,
      int step,
      String thread,
      int line,
      String op,
      String location,
      Map<String, Integer> clock,
      String classification,
      List<Integer> racesWith,
      boolean afterUb,
      @Nullable String value) {}

  /** An expectation and whether it held. */
  public record ExpectationJson(
      String text,
      int line,
      boolean held,
      String semantics,
      int schedulesHeld,
      int schedules,
      @Nullable String witness) {}

  /**
   * Exploration statistics: how many schedules ran, in how many a race occurred, and whether an
   * exhaustive exploration covered every schedule up to reduction. For {@code --explore} also what
   * cut it short ({@code max-schedules}, {@code preemption-bound}; empty when complete), how many
   * redundant runs the reduction abandoned, in how many schedules the spin bound held a spinning
   * thread back, and the bounds (absent for other schedulers; {@code preemptionBound} absent when
   * there is none).
   */
  @JsonPropertyOrder({
    "explored",
    "racy",
    "complete",
    "cutBy",
    "redundant",
    "spinBounded",
    "maxSchedules",
    "preemptionBound",
    "spinBound"
  })
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SchedulesJson(
      int explored,
      int racy,
      boolean complete,
      @Nullable List<String> cutBy,
      @Nullable Integer redundant,
      @Nullable Integer spinBounded,
      @Nullable Integer maxSchedules,
      @Nullable Integer preemptionBound,
      @Nullable Integer spinBound) {}

  /** One distinct set of final values. */
  public record FinalJson(Map<String, String> values, int schedules) {}

  /**
   * Figures over every schedule (the {@code accesses} object counts the representative schedule
   * only): accesses, the schedules in which each location raced, lost updates, and the steps that
   * bought nothing (spinning, and other threads blocked while one moved).
   */
  public record TotalsJson(
      long accesses,
      long synchronised,
      long racing,
      Map<String, Integer> racySchedulesByLocation,
      int lostUpdateSchedules,
      long spinSteps,
      long blockedSteps,
      int panicSchedules,
      int ubSchedules) {}

  /** A lost update: a write that overwrote another thread's write its thread never saw. */
  public record LostUpdateJson(
      String location,
      String thread,
      int readLine,
      int writeLine,
      String overwrittenThread,
      int overwrittenLine,
      String explanation,
      int schedules,
      String firstReplay) {}

  /** The run was stopped for taking too many steps. */
  public record StepLimitJson(int limit, String message, int schedules) {}
}
