package org.racelab.experiment;

import java.util.Map;

/**
 * One distinct set of final values and in how many schedules it came out.
 *
 * @param values every declared location's final value
 * @param schedules how many schedules ended this way
 */
public record FinalOutcome(Map<String, String> values, int schedules) {}
