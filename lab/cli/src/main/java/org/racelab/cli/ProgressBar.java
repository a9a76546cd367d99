package org.racelab.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.racelab.experiment.Experiment;

/**
 * A one-line progress display on standard error for long explorations: schedules done, races found,
 * rate and an estimate of the time left. It draws only when standard error is a terminal and {@code
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

  static boolean terminal() {
    return System.console() != null
        && System.getenv("TERM") != null
        && !"dumb".equals(System.getenv("TERM"));
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

  void finish() {
    if (drawn) {
      err.print("\r" + " ".repeat(100) + "\r");
      err.flush();
      drawn = false;
    }
  }
}
