package org.racelab.experiment;

import java.util.List;

/**
 * Small pieces of English and of location naming that the terminal summary, the reports and the
 * comparisons must phrase alike.
 */
public final class Prose {
  private Prose() {}

  /** "a", "a and b", "a, b and c". */
  public static String list(List<String> items) {
    if (items.size() <= 1) {
      return items.isEmpty() ? "" : items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }

  /**
   * The declaration a location belongs to: {@code counter} for {@code counter}, {@code a[2]},
   * {@code x@main} and {@code *counter}; how expectations and per-location tables group cells.
   */
  public static String declaration(String location) {
    String l = location.startsWith("*") ? location.substring(1) : location;
    int cut = l.length();
    for (char c : new char[] {'[', '@'}) {
      int k = l.indexOf(c);
      if (k >= 0) {
        cut = Math.min(cut, k);
      }
    }
    return l.substring(0, cut);
  }
}
