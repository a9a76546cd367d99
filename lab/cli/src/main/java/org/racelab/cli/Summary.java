package org.racelab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.racelab.detect.AnalysisResult;
import org.racelab.trace.TraceSummary;

/** The short, aligned terminal summary of {@code racelab analyze}. */
final class Summary {
  private Summary() {}

  static void print(
      PrintWriter out, Path file, TraceSummary trace, List<AnalysisResult> results, int examples) {
    AnalysisResult first = results.get(0);
    double seconds = first.seconds();
    row(out, "trace", file + " (" + trace.format().cliName() + ")");
    row(
        out,
        "events",
        String.format(
            Locale.ROOT,
            "%,d in %.2f s (%s events/s)",
            first.events(),
            seconds,
            rate(first.events(), seconds)));
    row(
        out,
        "names",
        String.format(
                Locale.ROOT,
                "%,d threads, %,d variables, %,d locks",
                first.threads(),
                first.variables(),
                first.locks())
            + (first.syncObjects() == 0
                ? ""
                : String.format(Locale.ROOT, ", %,d sync objects", first.syncObjects())));
    for (AnalysisResult r : results) {
      out.println();
      row(out, "detector", r.detector());
      row(
          out,
          "racy",
          String.format(
              Locale.ROOT,
              "%,d events, %,d lines, %,d variables",
              r.racyEvents(),
              r.racyLines(),
              r.racyVariables()));
      int shown = 0;
      for (AnalysisResult.Race race : r.races()) {
        if (shown == examples) {
          break;
        }
        row(out, shown == 0 ? "for example" : "", describe(race));
        shown++;
      }
    }
    out.flush();
  }

  private static String describe(AnalysisResult.Race r) {
    return String.format(
        Locale.ROOT,
        "%s: %s %s at %d, then %s %s at %d",
        r.variable(),
        r.first().thread(),
        r.first().op(),
        r.first().line(),
        r.second().thread(),
        r.second().op(),
        r.second().line());
  }

  private static String rate(long events, double seconds) {
    if (seconds <= 0) {
      return "-";
    }
    double perSecond = events / seconds;
    if (perSecond >= 1e6) {
      return String.format(Locale.ROOT, "%.1fM", perSecond / 1e6);
    }
    if (perSecond >= 1e3) {
      return String.format(Locale.ROOT, "%.1fk", perSecond / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f", perSecond);
  }

  private static void row(PrintWriter out, String label, String value) {
    out.println(String.format(Locale.ROOT, "%-12s %s", label, value));
  }
}
