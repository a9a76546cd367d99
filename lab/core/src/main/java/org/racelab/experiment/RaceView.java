package org.racelab.experiment;

import org.racelab.exec.LedgerEntry;

/**
 * A race with both of its accesses spelled out.
 *
 * @param location where it happened
 * @param kind the two operations, earlier first: {@code write-read}, {@code write-write}, ...
 * @param first the earlier access
 * @param second the later access, which did not see the first
 * @param occurrences how many access pairs of this shape raced in its run
 */
public record RaceView(
    String location, String kind, LedgerEntry first, LedgerEntry second, int occurrences) {}
