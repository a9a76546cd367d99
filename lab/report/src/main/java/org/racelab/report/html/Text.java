package org.racelab.report.html;

import java.util.ArrayList;
import java.util.List;

/**
 * Plain sentences with {@code `code`} spans, as the engine writes them ("uses `b` after ..."),
 * split so a template can set the code parts in {@code <code>}. Every part is still escaped by the
 * template; nothing here produces markup.
 */
public final class Text {
  private Text() {}

  /**
   * A part of a sentence.
   *
   * @param text the characters
   * @param code whether it was between backticks
   */
  public record Span(String text, boolean code) {}

  /** Splits at backticks; an unmatched backtick is kept as text. */
  public static List<Span> spans(String sentence) {
    List<Span> out = new ArrayList<>();
    int at = 0;
    while (at < sentence.length()) {
      int open = sentence.indexOf('`', at);
      int close = open < 0 ? -1 : sentence.indexOf('`', open + 1);
      if (open < 0 || close < 0) {
        out.add(new Span(sentence.substring(at), false));
        break;
      }
      if (open > at) {
        out.add(new Span(sentence.substring(at, open), false));
      }
      out.add(new Span(sentence.substring(open + 1, close), true));
      at = close + 1;
    }
    return List.copyOf(out);
  }

  /** A sentence without code spans. */
  public static List<Span> plain(String sentence) {
    return List.of(new Span(sentence, false));
  }

  /**
   * The engine's clause as a sentence: a capital first letter and a full stop ("potential deadlock:
   * ..." becomes "Potential deadlock: ....").
   */
  static String sentence(String clause) {
    String t = clause.strip();
    if (t.isEmpty()) {
      return t;
    }
    t = Character.toUpperCase(t.charAt(0)) + t.substring(1);
    return t.endsWith(".") || t.endsWith("!") || t.endsWith("?") ? t : t + ".";
  }

  /** {@code 1 racing pair}, {@code 2 racing pairs}. */
  static String count(long n, String singular, String plural) {
    return n + " " + (n == 1 ? singular : plural);
  }
}
