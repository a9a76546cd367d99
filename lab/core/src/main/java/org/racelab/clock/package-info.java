/**
 * Logical time: {@link org.racelab.clock.VectorClock} and {@link org.racelab.clock.Epoch}.
 *
 * <p>A vector clock maps each thread to the number of its synchronisation steps that are known to
 * have happened before some point of the execution (Lamport 1978; Mattern 1989; Fidge 1988). An
 * epoch is one entry of a vector clock, {@code c@t}, the constant-size summary FastTrack uses for
 * an access (Flanagan &amp; Freund, PLDI 2009). This package depends on nothing else in RaceLab.
 */
@NullMarked
package org.racelab.clock;

import org.jspecify.annotations.NullMarked;
