package org.racelab.trace;

/**
 * What a reader learned about a whole trace besides its events.
 *
 * @param format the format it was read as
 * @param events how many events (lines that are not blank or comments)
 * @param threads thread names by id
 * @param variables variable names by id
 * @param locks lock names by id
 * @param objects synchronisation-object names by id (the {@code send}/{@code recv} events of
 *     RaceLab's own format; none in STD)
 */
public record TraceSummary(
    TraceFormat format, long events, Names threads, Names variables, Names locks, Names objects) {}
