package org.racelab.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.racelab.exec.Findings;
import org.racelab.experiment.Experiment;
import org.racelab.experiment.LostUpdate;
import org.racelab.experiment.RunResult;
import org.racelab.experiment.Seen;
import org.racelab.memory.UbKind;

/**
 * The findings table of the exploration section: one row per finding of a run over many schedules
 * (races, UB, lost updates, panics, the deadlock, lock-order warnings, leaks, the step limit), with
 * the number of schedules that showed it and the first of them, named by its seed (random, PCT) or
 * its schedule string (exploration), and the command that replays it. Built from the cards the run
 * page already made, so the table's names and anchors ({@code R1}, {@code #race-1}) are the cards'.
 */
final class FindingRows {
  private FindingRows() {}

  static List<ExplorationView.FindingRow> of(
      RunResult r,
      List<RaceCard> races,
      List<RunPage.UbCard> ub,
      List<RunPage.PanicRow> panics,
      List<WarningCard> warnings,
      List<LostUpdateCard> lostUpdates) {
    List<ExplorationView.FindingRow> out = new ArrayList<>();
    for (int i = 0; i < races.size(); i++) {
      RaceCard c = races.get(i);
      out.add(
          row(
              r,
              c.name(),
              "#" + c.id(),
              String.format(
                  Locale.ROOT,
                  "%s race on %s (lines %d and %d)",
                  c.kind(),
                  c.location(),
                  c.first().line(),
                  c.second().line()),
              r.races().get(i)));
    }
    int u = 0;
    for (Seen<Findings.Ub> s : r.ub()) {
      if (s.item().kind() == UbKind.DATA_RACE) {
        continue;
      }
      RunPage.UbCard c = ub.get(u++);
      out.add(row(r, c.name(), "#" + c.id(), c.kind() + " at line " + c.line(), s));
    }
    for (int i = 0; i < lostUpdates.size(); i++) {
      Seen<LostUpdate> s = r.tally().lostUpdates().get(i);
      out.add(
          row(
              r,
              lostUpdates.get(i).name(),
              "#" + lostUpdates.get(i).id(),
              String.format(
                  Locale.ROOT,
                  "lost update of %s (read at line %d, written at line %d)",
                  s.item().location(),
                  s.item().read().line(),
                  s.item().write().line()),
              s));
    }
    for (int i = 0; i < panics.size(); i++) {
      Seen<Findings.Panic> s = r.panics().get(i);
      out.add(
          row(
              r,
              "P" + (i + 1),
              "#" + panics.get(i).id(),
              "panic of " + s.item().thread() + " at line " + s.item().line(),
              s));
    }
    if (r.deadlock() != null) {
      Findings.Deadlock d = r.deadlock().item();
      out.add(
          row(
              r,
              "D",
              "#deadlock",
              d.cycle().isEmpty()
                  ? "deadlock"
                  : "deadlock: " + String.join(" → ", d.cycle()) + " → " + d.cycle().get(0),
              r.deadlock()));
    }
    for (int i = 0; i < warnings.size(); i++) {
      WarningCard w = warnings.get(i);
      out.add(
          row(r, w.name(), "#" + w.id(), w.kind() + " (" + w.locks() + ")", r.warnings().get(i)));
    }
    for (Seen<Findings.Leak> s : r.leaks()) {
      out.add(
          row(
              r,
              "leak",
              "#leaks",
              String.format(
                  Locale.ROOT,
                  "leak of %s (%d bytes, line %d)",
                  s.item().name(),
                  s.item().bytes(),
                  s.item().line()),
              s));
    }
    if (r.stepLimit() != null) {
      out.add(row(r, "S", "#stopped", "stopped at the step limit", r.stepLimit()));
    }
    return out;
  }

  private static ExplorationView.FindingRow row(
      RunResult r, String name, String href, String what, Seen<?> s) {
    String first =
        r.scheduleKind().equals(Experiment.OS)
            ? "not reproducible"
            : RunPage.seeded(r)
                ? "seed " + s.firstSeed()
                : (s.firstReplay().isEmpty() ? "(no steps)" : s.firstReplay());
    return new ExplorationView.FindingRow(
        name,
        href,
        what,
        s.schedules(),
        RunPage.percent(s.schedules(), r.explored()),
        first,
        RunPage.command(r, s.firstReplay()));
  }
}
