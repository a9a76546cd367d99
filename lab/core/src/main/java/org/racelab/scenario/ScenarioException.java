package org.racelab.scenario;

/**
 * A scenario that cannot be parsed or compiled. The message is one line, {@code file:line:column:
 * message}, meant to be printed as is.
 */
public final class ScenarioException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final Pos pos;
  private final String reason;

  /**
   * An error at a position.
   *
   * @param file the file as the user named it
   * @param pos where the problem is
   * @param reason what is wrong and, where it helps, what was expected and found
   */
  public ScenarioException(String file, Pos pos, String reason) {
    super(file + ":" + pos.line() + ":" + pos.column() + ": " + reason);
    this.file = file;
    this.pos = pos;
    this.reason = reason;
  }

  /** The file as the user named it. */
  public String file() {
    return file;
  }

  /** Where the problem is. */
  public Pos pos() {
    return pos;
  }

  /** The message without the position. */
  public String reason() {
    return reason;
  }
}
