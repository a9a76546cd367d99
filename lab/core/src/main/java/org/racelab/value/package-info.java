/**
 * Types and values of the scenario language: primitive scalars, pointers (thin and fat), arrays,
 * and how each is laid out in bytes and which byte patterns are valid for it.
 *
 * <p>Shared by the language front end ({@code scenario}) and the simulated memory ({@code memory}),
 * so it depends on nothing else in RaceLab.
 */
@NullMarked
package org.racelab.value;

import org.jspecify.annotations.NullMarked;
