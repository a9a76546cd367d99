package org.racelab.strategy;

import org.racelab.scenario.Scenario;
import org.racelab.scenario.ScenarioException;

/**
 * One way of protecting a scenario's {@code critical} blocks (DESIGN section 6): a rewrite of those
 * blocks, and of nothing else, applied before the scenario is compiled.
 */
public interface Strategy {

  /** How a strategy protects a block; comparisons explain their results by it. */
  enum Kind {
    /** No protection: the blocks run as written. */
    NONE,
    /** A lock around each block: blocks exclude each other. */
    LOCK,
    /** Atomic accesses inside each block: no data race, but blocks still interleave. */
    ATOMIC
  }

  /** The name used on the command line: {@code none}, {@code mutex}, ... */
  String name();

  /** How it protects a block. */
  Kind kind();

  /** One sentence: what the rewrite does. */
  String description();

  /**
   * Rewrites every critical block of the scenario. A scenario without critical blocks comes back
   * unchanged.
   *
   * @throws ScenarioException naming file:line:column when a block cannot be protected this way
   */
  Scenario apply(Scenario scenario) throws ScenarioException;
}
