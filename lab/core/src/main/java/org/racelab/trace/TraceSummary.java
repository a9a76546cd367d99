package org.racelab.trace;

/**
 * What a reader learned about a whole trace besides its events.
 *
 * @param format the format it was read as
 * @param events how many events (lines that are not blank or comments)
 * @param threads thread names by id
 * @param variables variable names by id
 * @param locks lock names by id
 */
public record TraceSummary(
    TraceFormat format, long events, Names threads, Names variables, Names locks) {}
