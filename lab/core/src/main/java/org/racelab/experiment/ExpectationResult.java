package org.racelab.experiment;

import org.jspecify.annotations.Nullable;

/**
 * An expectation graded over every schedule of an experiment.
 *
 * @param text the expectation as written after {@code expect}
 * @param line its line
 * @param held whether it held ("can happen": in some schedule; "always": in every one)
 * @param existential whether it is a "can happen" expectation
 * @param schedulesHeld in how many schedules it held
 * @param schedules how many schedules ran
 * @param witness the replay of the first schedule that showed it (can happen) or broke it (always),
 *     when there is one
 */
public record ExpectationResult(
    String text,
    int line,
    boolean held,
    boolean existential,
    int schedulesHeld,
    int schedules,
    @Nullable String witness) {}
