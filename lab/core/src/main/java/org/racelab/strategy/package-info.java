/**
 * Synchronisation strategies (DESIGN section 6): rewrites of a scenario's {@code critical} blocks
 * before it is compiled, so that one workload can be run with no protection, a mutex, a read-write
 * lock, a spin lock or atomics, and the outcomes compared. Depends on {@code scenario}.
 */
@NullMarked
package org.racelab.strategy;

import org.jspecify.annotations.NullMarked;
