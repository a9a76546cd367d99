/**
 * Synchronisation primitives and the happens-before edges they create (DESIGN section 4): the C++20
 * atomics model with store buffers and fences, mutexes, read-write locks, channels, barriers and
 * condition variables.
 *
 * <p>Every edge is expressed on the shared {@link org.racelab.detect.ClockTable}: a release
 * publishes a snapshot of the releasing thread's clock, an acquire joins one in. The objects here
 * hold state only; blocking and the choice of who runs next belong to the interpreter and its
 * scheduler. Depends on {@code detect} and {@code clock}.
 */
@NullMarked
package org.racelab.sync;

import org.jspecify.annotations.NullMarked;
