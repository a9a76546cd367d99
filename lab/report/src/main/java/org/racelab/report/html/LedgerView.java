package org.racelab.report.html;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.racelab.exec.Execution;
import org.racelab.exec.LedgerEntry;

/**
 * Every access of the shown schedule as a table, with the values its filters offer. Rows carry
 * their thread, location and classification as data attributes; the page's small script hides the
 * rows that do not match (without script every row shows).
 *
 * @param rows the rows, at most {@link #CAP}
 * @param total how many accesses the run made
 * @param racing how many of them raced
 * @param threads the threads, for the thread filter
 * @param locations the locations, in order of first access, for the location filter
 */
public record LedgerView(
    List<Row> rows, int total, int racing, List<String> threads, List<String> locations) {

  /** How many rows a report shows at most (the JSON output has every access). */
  static final int CAP = 5000;

  /**
   * One access.
   *
   * @param index its position in the ledger (anchor {@code a<index>})
   * @param step its scheduling step
   * @param thread the thread
   * @param line the source line
   * @param op the operation
   * @param location the location
   * @param value the value read or written, or empty
   * @param clock the thread's vector clock at the access
   * @param classification {@code racing} or {@code synchronised}
   * @param afterUb whether it came after the run's first UB
   * @param racesWith the earlier accesses it races with
   */
  public record Row(
      int index,
      int step,
      String thread,
      int line,
      String op,
      String location,
      String value,
      String clock,
      String classification,
      boolean afterUb,
      List<Partner> racesWith) {

    /** The row's anchor. */
    public String anchor() {
      return "a" + index;
    }
  }

  /**
   * An earlier access this one races with.
   *
   * @param index its ledger index
   * @param race the race's short name ({@code R1}), or empty
   * @param href its row, or empty when it is not shown
   */
  public record Partner(int index, String race, String href) {}

  /** Whether the ledger has more accesses than it shows. */
  public boolean truncated() {
    return rows.size() < total;
  }

  static LedgerView of(Execution e, Map<String, String> raceLabels) {
    List<Row> rows = new ArrayList<>();
    Set<String> locations = new LinkedHashSet<>();
    int racing = 0;
    for (LedgerEntry le : e.ledger()) {
      locations.add(le.location());
      if (le.racing()) {
        racing++;
      }
      if (rows.size() >= CAP) {
        continue;
      }
      List<Partner> partners = new ArrayList<>();
      for (int k : le.racesWith()) {
        partners.add(
            new Partner(
                k, raceLabels.getOrDefault(k + ":" + le.index(), ""), k < CAP ? "#a" + k : ""));
      }
      rows.add(
          new Row(
              le.index(),
              le.step(),
              le.thread(),
              le.line(),
              le.op(),
              le.location(),
              le.value() == null ? "" : le.value(),
              RaceCard.clock(le.clock(), e.threads()),
              le.classification(),
              le.afterUb(),
              List.copyOf(partners)));
    }
    return new LedgerView(
        List.copyOf(rows),
        e.ledger().size(),
        racing,
        List.copyOf(e.threads()),
        List.copyOf(locations));
  }

  /** Whether ledger index {@code i} has a row in the report. */
  static boolean shown(int i) {
    return i >= 0 && i < CAP;
  }
}
