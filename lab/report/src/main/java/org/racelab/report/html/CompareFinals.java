package org.racelab.report.html;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.racelab.experiment.Comparison;
import org.racelab.experiment.FinalOutcome;

/**
 * The final values of a comparison: one table of every strategy's outcomes side by side (only the
 * locations whose value differs, in natural order, the rarest merged when there are many) and one
 * chart per strategy on a common scale. Final values are where "race-free is not correct" shows: a
 * strategy without a race can still end with a smaller counter, so the page puts them next to each
 * other instead of leaving them to each run report.
 */
final class CompareFinals {
  private CompareFinals() {}

  /** How many distinct outcomes get their own line or bar; the rest share one. */
  static final int MAX_OUTCOMES = 12;

  /**
   * Every strategy's outcomes in one table: one line per distinct set of final values (of the
   * locations that differ between outcomes), in natural order, the rarest merged when there are
   * many, and the schedules that did not finish.
   */
  static ComparePage.Finals of(Comparison c) {
    Set<String> shown = c.varyingLocations();
    Map<String, long[]> counts = new LinkedHashMap<>();
    int strategies = c.entries().size();
    long[] finished = new long[strategies];
    for (int s = 0; s < strategies; s++) {
      for (FinalOutcome f : c.entries().get(s).result().finals()) {
        counts
                .computeIfAbsent(
                    ExplorationView.values(f.values(), shown), k -> new long[strategies])[s] +=
            f.schedules();
        finished[s] += f.schedules();
      }
    }
    List<String> labels = new ArrayList<>(counts.keySet());
    labels.sort(Comparator.comparingLong((String l) -> -total(counts.get(l))));
    List<String> kept = new ArrayList<>(labels.subList(0, Math.min(MAX_OUTCOMES, labels.size())));
    if (labels.size() > MAX_OUTCOMES) {
      kept = new ArrayList<>(labels.subList(0, MAX_OUTCOMES - 1));
    }
    kept.sort(CompareFinals::natural);
    List<ComparePage.FinalLine> lines = new ArrayList<>();
    for (String label : kept) {
      lines.add(line(c, label, counts.get(label)));
    }
    if (kept.size() < labels.size()) {
      long[] rest = new long[strategies];
      for (String label : labels) {
        if (!kept.contains(label)) {
          for (int s = 0; s < strategies; s++) {
            rest[s] += counts.get(label)[s];
          }
        }
      }
      lines.add(line(c, (labels.size() - kept.size()) + " other outcomes", rest));
    }
    long[] unfinished = new long[strategies];
    boolean any = false;
    for (int s = 0; s < strategies; s++) {
      unfinished[s] = c.entries().get(s).result().explored() - finished[s];
      any |= unfinished[s] > 0;
    }
    if (any) {
      lines.add(line(c, "(did not finish: deadlocked or stopped)", unfinished));
    }
    String constants = "";
    Map<String, String> same = new LinkedHashMap<>();
    for (Comparison.Entry e : c.entries()) {
      for (FinalOutcome f : e.result().finals()) {
        f.values()
            .forEach(
                (k, v) -> {
                  if (!shown.contains(k)) {
                    same.put(k, v);
                  }
                });
      }
    }
    if (!same.isEmpty()) {
      constants =
          "The same in every schedule of every strategy: "
              + ExplorationView.values(same, same.keySet())
              + ".";
    }
    List<String> heads = new ArrayList<>();
    c.entries().forEach(e -> heads.add(e.strategy()));
    return new ComparePage.Finals(List.copyOf(heads), List.copyOf(lines), constants);
  }

  private static ComparePage.FinalLine line(Comparison c, String values, long[] counts) {
    List<Long> all = new ArrayList<>();
    List<String> cells = new ArrayList<>();
    for (int s = 0; s < counts.length; s++) {
      int n = c.entries().get(s).result().explored();
      all.add(counts[s]);
      cells.add(
          counts[s] == 0 ? "–" : counts[s] + " (" + RunPage.percent((int) counts[s], n) + ")");
    }
    return new ComparePage.FinalLine(values, List.copyOf(all), List.copyOf(cells));
  }

  private static long total(long[] counts) {
    long t = 0;
    for (long k : counts) {
      t += k;
    }
    return t;
  }

  /**
   * One chart per strategy of how its schedules ended: the lines of the {@link Finals} table, in
   * the same order and on the same scale for every strategy, so the charts compare bar by bar.
   */
  static List<Charts.BarChart> charts(Comparison c, ComparePage.Finals finals) {
    List<Charts.BarChart> out = new ArrayList<>();
    int most = 0;
    for (Comparison.Entry e : c.entries()) {
      most = Math.max(most, e.result().explored());
    }
    for (int s = 0; s < c.entries().size(); s++) {
      Comparison.Entry e = c.entries().get(s);
      int n = e.result().explored();
      List<Charts.Bar> bars = new ArrayList<>();
      for (ComparePage.FinalLine line : finals.lines()) {
        long k = line.counts().get(s);
        boolean unfinished = line.values().startsWith("(did not finish");
        bars.add(
            new Charts.Bar(
                unfinished ? "did not finish" : line.values(),
                k,
                k + " (" + RunPage.percent((int) k, n) + ")",
                unfinished && k > 0 ? Charts.Tone.BAD : Charts.Tone.NEUTRAL));
      }
      out.add(
          Charts.horizontal(
              "finals-" + (s + 1),
              e.strategy() + ": final values",
              "How the " + n + " schedules under " + e.strategy() + " ended.",
              "schedules",
              bars,
              most));
    }
    return List.copyOf(out);
  }

  /** Orders {@code counter = 9} before {@code counter = 10}: digit runs compare as numbers. */
  static int natural(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char x = a.charAt(i);
      char y = b.charAt(j);
      if (Character.isDigit(x) && Character.isDigit(y)) {
        int ei = i;
        while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
          ei++;
        }
        int ej = j;
        while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
          ej++;
        }
        String na = a.substring(i, ei).replaceFirst("^0+(?=.)", "");
        String nb = b.substring(j, ej).replaceFirst("^0+(?=.)", "");
        int cmp =
            na.length() != nb.length()
                ? Integer.compare(na.length(), nb.length())
                : na.compareTo(nb);
        if (cmp != 0) {
          return cmp;
        }
        i = ei;
        j = ej;
      } else {
        if (x != y) {
          return Character.compare(x, y);
        }
        i++;
        j++;
      }
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
