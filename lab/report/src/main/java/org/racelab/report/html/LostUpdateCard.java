package org.racelab.report.html;

import java.util.List;
import org.racelab.exec.LedgerEntry;
import org.racelab.experiment.LostUpdate;
import org.racelab.experiment.Seen;

/**
 * A lost update explained: a thread read a location, another thread wrote it, and the first
 * thread's write overwrote that write without having seen it. It needs no data race (atomic loads
 * and stores lose updates just the same), which is why it has its own card: race-free is not
 * correct.
 *
 * @param id its anchor ({@code lost-1})
 * @param name its short name ({@code L1})
 * @param location the location
 * @param sentence what happened, in words
 * @param accesses the read, the lost write and the write that overwrote it
 * @param seen in how many schedules it occurred, in words (empty for one schedule)
 * @param command the command that replays the first schedule that showed it
 */
public record LostUpdateCard(
    String id,
    String name,
    String location,
    String sentence,
    List<Access> accesses,
    String seen,
    String command) {

  /**
   * One of the three accesses.
   *
   * @param role what it did in the lost update
   * @param thread the thread
   * @param line the source line
   * @param op the operation
   * @param value the value read or written, or empty
   * @param step the scheduling step
   * @param href its ledger row when the report's ledger shows its schedule, else empty
   */
  public record Access(
      String role, String thread, int line, String op, String value, int step, String href) {}

  /**
   * The card of lost update number {@code number}; {@code sameSchedule} says whether its accesses
   * belong to the schedule the ledger shows (then they link to their rows).
   */
  static LostUpdateCard of(
      int number, Seen<LostUpdate> s, boolean sameSchedule, String seen, String command) {
    LostUpdate u = s.item();
    return new LostUpdateCard(
        "lost-" + number,
        "L" + number,
        u.location(),
        Text.sentence(u.explain()),
        List.of(
            access("the read the write was based on", u.read(), sameSchedule),
            access("the write that was lost", u.overwritten(), sameSchedule),
            access("the write that overwrote it", u.write(), sameSchedule)),
        seen,
        command);
  }

  private static Access access(String role, LedgerEntry e, boolean sameSchedule) {
    return new Access(
        role,
        e.thread(),
        e.line(),
        e.op(),
        e.value() == null ? "" : e.value(),
        e.step(),
        sameSchedule && LedgerView.shown(e.index()) ? "#a" + e.index() : "");
  }
}
