package org.racelab.scenario;

import org.jspecify.annotations.Nullable;

/**
 * A reference to a thread by name, optionally one instance of a thread array: {@code helper},
 * {@code worker[2]}.
 *
 * @param pos where it is written
 * @param name the thread's declared name
 * @param index the instance, for thread arrays; null for a single thread or "all instances"
 */
public record ThreadRef(Pos pos, String name, @Nullable Expr index) {}
