package org.racelab.experiment;

/**
 * Something observed over one or more schedules.
 *
 * @param item what was observed (as it appeared the first time)
 * @param schedules in how many schedules it occurred
 * @param firstSeed the seed of the first schedule that showed it
 * @param firstReplay the first schedule that showed it, for {@code --replay}
 * @param <T> the kind of observation
 */
public record Seen<T>(T item, int schedules, long firstSeed, String firstReplay) {}
