package org.racelab.experiment;

import java.util.List;
import java.util.Map;

/**
 * Figures counted over every schedule of an experiment, not only the representative one: what a
 * comparison of strategies puts side by side.
 *
 * @param accesses memory accesses of all schedules together
 * @param racingAccesses how many of them raced
 * @param racySchedulesByLocation per location (by its declared name: {@code a} for {@code a[2]},
 *     {@code x} for {@code x@main}, {@code p} for {@code *p}), in how many schedules some access to
 *     it raced
 * @param lostUpdateSchedules in how many schedules some update was lost
 * @param lostUpdates every distinct lost update (by location and the lines of the read, the write
 *     and the overwritten write), with the schedules it occurred in
 * @param spinSteps steps that went round in a circle, all schedules together (see {@code Machine})
 * @param blockedSteps thread-steps spent blocked, all schedules together (see {@code Machine})
 * @param panicSchedules in how many schedules some thread panicked
 * @param ubSchedules in how many schedules undefined behaviour other than a data race happened
 */
public record Tally(
    long accesses,
    long racingAccesses,
    Map<String, Integer> racySchedulesByLocation,
    int lostUpdateSchedules,
    List<Seen<LostUpdate>> lostUpdates,
    long spinSteps,
    long blockedSteps,
    int panicSchedules,
    int ubSchedules) {

  /** Accesses that did not race. */
  public long synchronisedAccesses() {
    return accesses - racingAccesses;
  }
}
