package org.racelab.memory;

/**
 * Where something happened: a thread and a source line.
 *
 * @param thread the thread's name ({@code main}, {@code worker[2]}), or empty before the run
 * @param line the source line, 0 for "before the run"
 */
public record Site(String thread, int line) {
  /** Before any thread ran: initial values. */
  public static final Site START = new Site("", 0);

  @Override
  public String toString() {
    return line == 0 ? "at the start" : "line " + line + " (thread " + thread + ")";
  }
}
