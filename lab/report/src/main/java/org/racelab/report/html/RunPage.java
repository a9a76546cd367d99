package org.racelab.report.html;

import java.util.ArrayList;
import java.util.List;
import org.racelab.exec.Execution;
import org.racelab.exec.Findings;
import org.racelab.exec.LedgerEntry;
import org.racelab.experiment.ExpectationResult;
import org.racelab.experiment.Explanations;
import org.racelab.experiment.RaceView;
import org.racelab.experiment.RunResult;
import org.racelab.experiment.Seen;
import org.racelab.memory.UbKind;
import org.racelab.report.terminal.TerminalReport;

/**
 * What the run report shows, computed once so the template only lays it out.
 *
 * @param title the scenario's title
 * @param file the scenario file
 * @param aboutHtml the about text as safe HTML (empty when none)
 * @param verdict the one-line verdict
 * @param clean whether there was no race and no UB
 * @param races each race explained
 * @param ub each undefined behaviour (other than races) explained
 * @param expectations each expectation with its status
 * @param ledger every access of the representative schedule
 * @param seed the seed
 * @param replay the replay string
 * @param command the command that replays the run
 * @param reproducible false for a run on real OS threads, which has no seed and no replay
 */
public record RunPage(
    String title,
    String file,
    String aboutHtml,
    String verdict,
    boolean clean,
    List<String> races,
    List<String> ub,
    List<Line> expectations,
    List<Row> ledger,
    long seed,
    String replay,
    String command,
    boolean reproducible) {

  /** One ledger row, with its clock spelled out with thread names. */
  public record Row(LedgerEntry entry, String clock) {}

  /** A status line: text and whether it is good. */
  public record Line(String text, boolean ok) {}

  /** Builds the page model of a run. */
  public static RunPage of(RunResult r) {
    Execution e = r.representative().execution();
    List<String> races = new ArrayList<>();
    for (Seen<RaceView> s : r.races()) {
      races.add(Explanations.race(s.item(), e.threads()));
    }
    List<String> ub = new ArrayList<>();
    for (Seen<Findings.Ub> s : r.ub()) {
      if (s.item().kind() != UbKind.DATA_RACE) {
        ub.add(
            s.item().kind().label()
                + " at line "
                + s.item().line()
                + " (thread "
                + s.item().thread()
                + "): "
                + s.item().message());
      }
    }
    List<Line> expectations = new ArrayList<>();
    for (ExpectationResult x : r.expectations()) {
      expectations.add(
          new Line((x.held() ? "held: " : "FAILED: ") + "expect " + x.text(), x.held()));
    }
    List<Row> ledger = new ArrayList<>();
    for (LedgerEntry le : e.ledger()) {
      ledger.add(new Row(le, Explanations.clock(le.clock(), e.threads())));
    }
    String replay = r.representative().replay();
    return new RunPage(
        r.scenario(),
        r.file(),
        r.about() == null ? "" : Markdown.toHtml(r.about()),
        TerminalReport.verdict(r),
        r.races().isEmpty() && ub.isEmpty(),
        races,
        ub,
        expectations,
        ledger,
        r.representative().seed(),
        replay,
        "racelab run " + r.file() + " --strategy " + r.strategy() + " --replay " + replay,
        !r.scheduleKind().equals("os"));
  }
}
