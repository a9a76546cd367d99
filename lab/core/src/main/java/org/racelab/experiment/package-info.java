/**
 * Experiments: a run is a scenario × strategy × scheduler × seed; its execution is graded against
 * the scenario's expectations; several runs (schedules) are aggregated into one result with "can
 * happen" and "always" semantics (DESIGN section 5, Expectations); a {@code Comparison} runs one
 * experiment per strategy over the same schedules and says what each bought. Depends on everything
 * below it ({@code strategy}, {@code sched}, {@code exec}, {@code scenario}).
 */
@NullMarked
package org.racelab.experiment;

import org.jspecify.annotations.NullMarked;
