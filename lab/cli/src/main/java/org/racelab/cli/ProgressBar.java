package org.racelab.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.racelab.experiment.Experiment;

/**
 * A one-line progress display on standard error for long runs: schedules done, races found, rate
 * and an estimate of the time left (for {@code --explore}, whose total is unknown, the bound and
 * the open branch points instead). It draws only when standard error is a terminal and {@code
 * --quiet} was not given, and redraws at most ten times a second.
 */
final class ProgressBar implements Experiment.Progress {
  private final PrintStream err;
  private final boolean enabled;
  private final long start = System.nanoTime();
  private long lastDraw;
  private boolean drawn;

  ProgressBar(PrintStream err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  /**
   * Whether standard error is an interactive terminal worth drawing a progress bar on. Before JDK
   * 22 {@code System.console()} is null when a stream is redirected; from JDK 22 it never is, and
   * {@code Console.isTerminal()} (absent on JDK 17, hence the reflection) says it instead.
   */
  @SuppressWarnings("SystemConsoleNull") // isTerminal() is asked too, where it exists
  static boolean terminal() {
    java.io.Console console = System.console();
    String term = System.getenv("TERM");
    if (console == null || term == null || term.equals("dumb")) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true; // JDK 17 to 21: a console exists only on a terminal
    } catch (ReflectiveOperationException | ClassCastException e) {
      return false;
    }
  }

  @Override
  public void update(int done, int total, int racy) {
    if (!enabled || total <= 1) {
      return;
    }
    long now = System.nanoTime();
    if (done < total && now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    double seconds = (now - start) / 1e9;
    double rate = done / Math.max(seconds, 1e-3);
    int width = 24;
    int filled = (int) ((long) width * done / Math.max(total, 1));
    String bar = "#".repeat(filled) + "-".repeat(width - filled);
    String eta =
        done < total
            ? String.format(Locale.ROOT, ", about %.0f s left", (total - done) / rate)
            : "";
    err.printf(
        Locale.ROOT,
        "\r[%s] %d/%d schedules, %d racy, %.0f/s%s   ",
        bar,
        done,
        total,
        racy,
        rate,
        eta);
    drawn = true;
    if (done == total) {
      finish();
    }
  }

  /**
   * An exploration does not know its total in advance: it shows the schedules done, of at most how
   * many ({@code --max-schedules}), the racy ones, the rate, and how many states on the current
   * schedule still have alternatives (a rough sense of how much is left).
   */
  @Override
  public void exploring(int done, int max, int racy, int open) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    double seconds = (now - start) / 1e9;
    err.print("\r" + exploringLine(done, max, racy, open, done / Math.max(seconds, 1e-3)) + "   ");
    drawn = true;
  }

  /** The exploration progress line. */
  static String exploringLine(int done, int max, int racy, int open, double rate) {
    return String.format(
        Locale.ROOT,
        "exploring: %d schedules (at most %d), %d racy, %.0f/s, %d open branch point%s",
        done,
        max,
        racy,
        rate,
        open,
        open == 1 ? "" : "s");
  }

  void finish() {
    if (drawn) {
      err.print("\r" + " ".repeat(100) + "\r");
      err.flush();
      drawn = false;
    }
  }
}
