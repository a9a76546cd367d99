package org.racelab.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.racelab.scenario.Parser;

/**
 * The scenario's source as the report shows it: numbered lines, lightly highlighted, racing and UB
 * lines marked with links to their explanations.
 *
 * @param lines every line of the file
 */
public record SourceView(List<Line> lines) {

  /** Whether some line has a racing access. */
  public boolean anyRacing() {
    return lines.stream().anyMatch(Line::racing);
  }

  /** Whether some line has a mark of this kind ({@code lost}, {@code order}, ...). */
  public boolean has(String kind) {
    return lines.stream().anyMatch(l -> l.marks().stream().anyMatch(m -> m.kind().equals(kind)));
  }

  /** Whether some line has undefined behaviour. */
  public boolean anyUb() {
    return lines.stream().anyMatch(Line::ub);
  }

  /**
   * One source line.
   *
   * @param number its number (also its anchor, {@code L12})
   * @param tokens its text in highlighted pieces
   * @param racing whether a racing access happened here
   * @param ub whether undefined behaviour happened here
   * @param marks links to the findings on this line
   */
  public record Line(int number, List<Token> tokens, boolean racing, boolean ub, List<Mark> marks) {

    /** The anchor of this line. */
    public String anchor() {
      return "L" + number;
    }
  }

  /**
   * A piece of a line.
   *
   * @param text its characters
   * @param kind {@code kw}, {@code num}, {@code str}, {@code com}, {@code ord}, {@code ty} or empty
   */
  public record Token(String text, String kind) {}

  /**
   * A finding on a line.
   *
   * @param href where it is explained ({@code #race-1})
   * @param text its short name ({@code R1}, {@code U1})
   * @param kind {@code race}, {@code ub}, {@code panic}, {@code deadlock}, {@code order} (a
   *     lock-order warning), {@code lost} (a lost update) or {@code stopped} (a thread still
   *     running at the step limit)
   * @param title what it is, in words
   */
  public record Mark(String href, String text, String kind, String title) {}

  // the parser's reserved words, so a new keyword is highlighted without being listed twice;
  // "schedules" (top of a file) and "in" (in a for loop) are keywords only where they stand, so
  // the parser does not reserve them
  private static final Set<String> CONTEXTUAL_KEYWORDS = Set.of("schedules", "in");
  private static final Set<String> ORDERS =
      Set.of("relaxed", "acquire", "release", "acq_rel", "seq_cst");
  private static final Set<String> TYPES =
      Set.of(
          "i8", "i16", "i32", "i64", "isize", "u8", "u16", "u32", "u64", "usize", "f64", "bool",
          "char", "ptr");

  /** Builds the view of {@code source} with the given marks per line number. */
  static SourceView of(String source, Map<Integer, List<Mark>> marks) {
    List<Line> lines = new ArrayList<>();
    String[] texts = source.split("\r?\n", -1);
    int count = texts.length;
    if (count > 1 && texts[count - 1].isEmpty()) {
      count--;
    }
    boolean inLongString = false;
    for (int i = 0; i < count; i++) {
      List<Token> tokens = new ArrayList<>();
      inLongString = highlight(texts[i], inLongString, tokens);
      List<Mark> m = marks.getOrDefault(i + 1, List.of());
      boolean racing = m.stream().anyMatch(x -> x.kind().equals("race"));
      boolean ub = m.stream().anyMatch(x -> x.kind().equals("ub"));
      lines.add(new Line(i + 1, List.copyOf(tokens), racing, ub, List.copyOf(m)));
    }
    return new SourceView(List.copyOf(lines));
  }

  /** Splits one line into tokens; returns whether a {@code """} string is still open at its end. */
  static boolean highlight(String line, boolean inLongString, List<Token> out) {
    int i = 0;
    int n = line.length();
    StringBuilder plain = new StringBuilder();
    if (inLongString) {
      int end = line.indexOf("\"\"\"");
      if (end < 0) {
        add(out, line, "str");
        return true;
      }
      add(out, line.substring(0, end + 3), "str");
      i = end + 3;
    }
    while (i < n) {
      char c = line.charAt(i);
      if (c == '#' || (c == '/' && i + 1 < n && line.charAt(i + 1) == '/')) {
        flush(out, plain);
        add(out, line.substring(i), "com");
        return false;
      }
      if (line.startsWith("\"\"\"", i)) {
        flush(out, plain);
        int end = line.indexOf("\"\"\"", i + 3);
        if (end < 0) {
          add(out, line.substring(i), "str");
          return true;
        }
        add(out, line.substring(i, end + 3), "str");
        i = end + 3;
        continue;
      }
      if (c == '"' || c == '\'') {
        flush(out, plain);
        int j = i + 1;
        while (j < n && line.charAt(j) != c) {
          j += line.charAt(j) == '\\' ? 2 : 1;
        }
        j = Math.min(n, j + 1);
        add(out, line.substring(i, j), "str");
        i = j;
        continue;
      }
      if (Character.isDigit(c)) {
        flush(out, plain);
        int j = i;
        while (j < n && (Character.isLetterOrDigit(line.charAt(j)) || line.charAt(j) == '_')) {
          j++;
        }
        add(out, line.substring(i, j), "num");
        i = j;
        continue;
      }
      if (Character.isLetter(c) || c == '_') {
        int j = i;
        while (j < n && (Character.isLetterOrDigit(line.charAt(j)) || line.charAt(j) == '_')) {
          j++;
        }
        String word = line.substring(i, j);
        // a keyword inside a hyphenated word (use-after-free) is not a keyword
        boolean hyphenated =
            (i > 0 && line.charAt(i - 1) == '-') || (j < n && line.charAt(j) == '-');
        String kind =
            hyphenated
                ? ""
                : ORDERS.contains(word)
                    ? "ord"
                    : Parser.reservedWords().contains(word) || CONTEXTUAL_KEYWORDS.contains(word)
                        ? "kw"
                        : TYPES.contains(word) ? "ty" : "";
        if (kind.isEmpty()) {
          plain.append(word);
        } else {
          flush(out, plain);
          add(out, word, kind);
        }
        i = j;
        continue;
      }
      plain.append(c);
      i++;
    }
    flush(out, plain);
    return false;
  }

  private static void flush(List<Token> out, StringBuilder plain) {
    if (plain.length() > 0) {
      add(out, plain.toString(), "");
      plain.setLength(0);
    }
  }

  private static void add(List<Token> out, String text, String kind) {
    if (!text.isEmpty()) {
      out.add(new Token(text, kind));
    }
  }
}
