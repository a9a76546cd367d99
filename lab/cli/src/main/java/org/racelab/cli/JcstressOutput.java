package org.racelab.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the results out of JCStress's console output (version 0.16, run with {@code -v} so that
 * every test is printed, not only the interesting ones).
 *
 * <p>The part after {@code RUN RESULTS:} lists each test as a status line ({@code .......... [OK]
 * org.example.Test}) followed by a table under the header {@code RESULT SAMPLES FREQ EXPECT
 * DESCRIPTION}, whose rows are read from the right: the expectation is one of JCStress's words, the
 * frequency ends in {@code %}, the sample count is digits with grouping separators, and the outcome
 * is everything before it (it may contain spaces and commas, as in {@code 0, 0}). Progress output
 * before that part, which repeats tables per configuration, is ignored when the part is present.
 * Sample counts are read with any grouping separator, so a child JVM in another locale does not
 * confuse the parser.
 */
final class JcstressOutput {
  private JcstressOutput() {}

  /**
   * One row of a result table.
   *
   * @param outcome the outcome id, as in the test's {@code @Outcome}
   * @param samples how many times it was observed
   * @param expect {@code Acceptable}, {@code Interesting}, {@code Forbidden} or {@code Unknown}
   * @param description the outcome's description (possibly cut short by JCStress)
   */
  record Row(String outcome, long samples, String expect, String description) {}

  /**
   * One test's results.
   *
   * @param name the test class
   * @param status {@code OK}, {@code FAILED}, {@code ERROR}, ...
   * @param rows the outcomes, as listed
   */
  record Result(String name, String status, List<Row> rows) {
    /** All samples together. */
    long total() {
      return rows.stream().mapToLong(Row::samples).sum();
    }

    /** Samples of the given outcome ids. */
    long samplesOf(List<String> outcomes) {
      return rows.stream()
          .filter(r -> outcomes.contains(r.outcome()))
          .mapToLong(Row::samples)
          .sum();
    }

    /** Whether an outcome the test forbids was observed. */
    boolean forbiddenSeen() {
      return rows.stream().anyMatch(r -> r.expect().equals("Forbidden") && r.samples() > 0);
    }
  }

  private static final Pattern STATUS =
      Pattern.compile("^\\s*\\.*\\s*\\[([A-Z][A-Z ]*)]\\s+([\\w.$]+)\\s*$");
  private static final Pattern HEADER =
      Pattern.compile("^\\s*RESULT\\s+SAMPLES\\s+FREQ\\s+EXPECT\\s+DESCRIPTION\\s*$");
  private static final Pattern ROW =
      Pattern.compile(
          "^\\s*(.+?)\\s+(\\d[\\d,.'\u00a0\u202f]*)\\s+(<?\\s*[\\d.,]+%)\\s+"
              + "(Acceptable|Interesting|Forbidden|Unknown)\\b\\s*(.*)$");

  /** Every test found, by class name; a test printed twice keeps its last table. */
  static Map<String, Result> parse(String text) {
    List<String> lines = text.lines().toList();
    int from = 0;
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).strip().equals("RUN RESULTS:")) {
        from = i;
        break;
      }
    }
    Map<String, Result> out = new LinkedHashMap<>();
    String name = null;
    String status = null;
    List<Row> rows = null;
    boolean inTable = false;
    for (int i = from; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher s = STATUS.matcher(line);
      if (s.matches()) {
        if (name != null) {
          out.put(name, new Result(name, status, List.copyOf(rows)));
        }
        status = s.group(1).strip();
        name = s.group(2);
        rows = new ArrayList<>();
        inTable = false;
        continue;
      }
      if (name == null) {
        continue;
      }
      if (HEADER.matcher(line).matches()) {
        rows.clear();
        inTable = true;
        continue;
      }
      if (inTable) {
        Matcher m = ROW.matcher(line);
        if (m.matches()) {
          rows.add(
              new Row(
                  m.group(1).strip(),
                  Long.parseLong(m.group(2).replaceAll("\\D", "")),
                  m.group(4),
                  m.group(5).strip()));
        } else if (line.isBlank()) {
          inTable = false;
        }
      }
    }
    if (name != null) {
      out.put(name, new Result(name, status, List.copyOf(rows)));
    }
    return out;
  }
}
