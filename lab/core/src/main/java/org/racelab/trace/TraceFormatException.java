package org.racelab.trace;

import java.util.Locale;

/** A trace that cannot be read, with the place that shows it: {@code file:line:column: message}. */
public final class TraceFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;
  private final int column;
  private final String reason;

  /**
   * A malformed trace.
   *
   * @param file the file as the user named it
   * @param line 1-based line number
   * @param column 1-based column, or 0 when the whole line is at fault
   * @param reason what is wrong, in words (no position)
   */
  public TraceFormatException(String file, long line, int column, String reason) {
    super(
        column > 0
            ? String.format(Locale.ROOT, "%s:%d:%d: %s", file, line, column, reason)
            : String.format(Locale.ROOT, "%s:%d: %s", file, line, reason));
    this.file = file;
    this.line = line;
    this.column = column;
    this.reason = reason;
  }

  /** The file as the user named it. */
  public String file() {
    return file;
  }

  /** The 1-based line. */
  public long line() {
    return line;
  }

  /** The 1-based column, 0 when unknown. */
  public int column() {
    return column;
  }

  /** What is wrong, without the position. */
  public String reason() {
    return reason;
  }
}
