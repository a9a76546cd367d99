package org.racelab.detect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of analysing one trace with one detector; the component names are the stable JSON
 * field names of {@code racelab analyze --json} (DESIGN section 7).
 *
 * @param detector the detector's name
 * @param events every event of the trace (accesses, lock operations, send, recv, fork, join, begin,
 *     end)
 * @param threads distinct thread names, fork and join targets included
 * @param variables distinct variable names
 * @param locks distinct lock names
 * @param syncObjects distinct synchronisation objects ({@code send}/{@code recv} in RaceLab's own
 *     format; 0 for STD)
 * @param racyEvents access events that race with at least one earlier conflicting access, each
 *     counted once, as RAPID counts them
 * @param racyLines distinct source locations (the trace's LOCATION field) among racy events
 * @param racyVariables distinct variables among racy events
 * @param races the first {@value TraceAnalysis#MAX_RACES} racing pairs, in trace order
 * @param seconds wall time of reading and analysing
 * @param statistics the detector's counters
 */
public record AnalysisResult(
    String detector,
    long events,
    int threads,
    int variables,
    int locks,
    int syncObjects,
    long racyEvents,
    int racyLines,
    int racyVariables,
    List<Race> races,
    double seconds,
    Map<String, Long> statistics) {

  /** Copies the collections. */
  public AnalysisResult {
    races = List.copyOf(races);
    statistics = Collections.unmodifiableMap(new LinkedHashMap<>(statistics));
  }

  /**
   * A racing pair: an earlier access and the later one that races with it.
   *
   * @param variable the variable's name
   * @param first the earlier access
   * @param second the later access, the one found racy
   */
  public record Race(String variable, Access first, Access second) {}

  /**
   * One side of a race.
   *
   * @param thread the thread's name
   * @param op {@code read}, {@code write}, {@code atomic read} or {@code atomic write}
   * @param line the source location
   * @param clock the thread's epoch clock at the access
   */
  public record Access(String thread, String op, int line, int clock) {}
}
