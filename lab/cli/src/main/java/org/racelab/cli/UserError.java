package org.racelab.cli;

/** Bad input or usage: printed as one line, exit code 2, never a stack trace. */
final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UserError(String message) {
    super(message);
  }
}
