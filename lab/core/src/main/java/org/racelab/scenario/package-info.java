/**
 * The {@code .race} scenario language: lexer, recursive-descent parser and abstract syntax tree.
 *
 * <p>Every error is a {@link org.racelab.scenario.ScenarioException} naming {@code
 * file:line:column}, what was expected and what was found. Nesting depth is bounded explicitly so
 * that hostile input is refused with a message instead of a {@code StackOverflowError}. Name
 * resolution and type checks happen when a scenario is compiled ({@code org.racelab.exec}).
 */
@NullMarked
package org.racelab.scenario;

import org.jspecify.annotations.NullMarked;
