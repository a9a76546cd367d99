/**
 * Schedulers: who runs next, and which option a step takes when it has several (a weak load's
 * store). Seeded random, round-robin, PCT ({@link org.racelab.sched.PctScheduler}), exhaustive
 * exploration with dynamic partial-order reduction and sleep sets ({@link
 * org.racelab.sched.Explorer}) and replay; every run records its decisions as a compact {@link
 * org.racelab.sched.Schedule} string that {@code --replay} reproduces exactly. Depends on {@code
 * exec}.
 */
@NullMarked
package org.racelab.sched;

import org.jspecify.annotations.NullMarked;
