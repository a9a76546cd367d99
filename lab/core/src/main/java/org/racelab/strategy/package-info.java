/**
 * Synchronisation strategies (DESIGN section 6): rewrites of a scenario's {@code critical} blocks
 * before it is compiled, so that one workload can be run with no protection, a mutex, a read-write
 * lock, a spin lock or atomics, and the outcomes compared.
 *
 * <p>{@link org.racelab.strategy.Strategies} names them and applies them; {@code CriticalRewriter}
 * walks the threads, tracking what each name means ({@code Names}), and replaces each outermost
 * critical block; {@code LockStrategy} wraps blocks in one shared lock after {@code LockSafety} has
 * checked that no block waits while holding it; {@code AtomicStrategy} turns shared accesses into
 * atomic ones. Depends on {@code scenario} and, to check a rewrite by compiling it, on {@code
 * exec}.
 */
@NullMarked
package org.racelab.strategy;

import org.jspecify.annotations.NullMarked;
