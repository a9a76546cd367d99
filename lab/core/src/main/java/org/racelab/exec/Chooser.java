package org.racelab.exec;

/** Makes the choices inside one step, such as which store a weak atomic load reads from. */
@FunctionalInterface
public interface Chooser {
  /**
   * Picks one of {@code options} (at least 2) for thread {@code thread}; 0 is the default (for a
   * load, the latest store).
   */
  int choose(int thread, int options);

  /** Always the default: every load reads the latest store. */
  Chooser LATEST = (thread, options) -> 0;
}
