package org.racelab.experiment;

import java.util.List;

/**
 * How an exhaustive exploration ended.
 *
 * @param complete whether every schedule up to reduction was covered, within the spin bound and the
 *     step limit (false when a cut below applied)
 * @param cutBy what stopped it early: {@code max-schedules}, {@code preemption-bound}; empty when
 *     complete
 * @param redundant runs abandoned because the reduction showed their remainder was already covered
 *     (every movable thread asleep); they are not counted or aggregated
 * @param spinBounded counted schedules in which the spin bound held a spinning thread back or made
 *     a load read the latest store
 * @param maxSchedules the schedule bound
 * @param preemptionBound the preemption bound, or -1 for none
 * @param spinBound the spin bound (futile steps in a row)
 */
public record Exploration(
    boolean complete,
    List<String> cutBy,
    int redundant,
    int spinBounded,
    int maxSchedules,
    int preemptionBound,
    int spinBound) {}
