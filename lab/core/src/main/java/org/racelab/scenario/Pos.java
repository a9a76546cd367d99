package org.racelab.scenario;

/**
 * A position in a scenario file.
 *
 * @param line 1-based line
 * @param column 1-based column (counted in characters)
 */
public record Pos(int line, int column) {
  /** The position of things that have no place in the source (generated code). */
  public static final Pos NONE = new Pos(0, 0);

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
