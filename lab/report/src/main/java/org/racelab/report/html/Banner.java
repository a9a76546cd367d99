package org.racelab.report.html;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.racelab.exec.Findings;
import org.racelab.experiment.ExpectationResult;
import org.racelab.experiment.LostUpdate;
import org.racelab.experiment.Prose;
import org.racelab.experiment.RaceView;
import org.racelab.experiment.RunResult;
import org.racelab.experiment.Seen;
import org.racelab.experiment.Tally;
import org.racelab.memory.UbKind;
import org.racelab.report.DetectorAgreement;
import org.racelab.report.terminal.TerminalReport;

/**
 * The verdict at the top of the report: the one-line verdict the terminal prints, then one item
 * each for races, UB, leaks, deadlock (and panics or a stopped run, when there were any) and
 * expectations. Each item has a word and an icon shape as well as a colour, so it reads in black
 * and white and without colour vision.
 *
 * @param tone the worst item's tone
 * @param headline the one-line verdict
 * @param items the items
 */
public record Banner(String tone, String headline, List<Item> items) {

  /**
   * One line of the banner.
   *
   * @param tone {@code bad} (octagon), {@code warn} (triangle), {@code info} (circle with i) or
   *     {@code ok} (circle with a tick)
   * @param word the status in capitals: {@code RACE}, {@code NO RACE}, ...
   * @param text the details
   * @param href the section that explains it, or empty
   */
  public record Item(String tone, String word, String text, String href) {}

  static Banner of(RunResult r) {
    List<Item> items = new ArrayList<>();
    if (r.races().isEmpty()) {
      items.add(new Item("ok", "NO RACE", "no data race", ""));
    } else {
      Set<String> locations = new LinkedHashSet<>();
      for (Seen<RaceView> s : r.races()) {
        locations.add(Prose.declaration(s.item().location()));
      }
      items.add(
          new Item(
              "bad",
              "RACE",
              String.format(
                  Locale.ROOT,
                  "%s on %s: %s",
                  Text.count(r.races().size(), "racing pair", "racing pairs"),
                  Text.count(locations.size(), "location", "locations"),
                  String.join(", ", locations)),
              "#races"));
    }
    List<Findings.Ub> ub = new ArrayList<>();
    for (Seen<Findings.Ub> s : r.ub()) {
      if (s.item().kind() != UbKind.DATA_RACE) {
        ub.add(s.item());
      }
    }
    if (ub.isEmpty()) {
      items.add(new Item("ok", "NO UB", "no undefined behaviour besides races", ""));
    } else {
      Findings.Ub first = ub.get(0);
      items.add(
          new Item(
              "bad",
              "UB",
              String.format(
                  Locale.ROOT,
                  "%s at line %d (thread %s)%s",
                  first.kind().label(),
                  first.line(),
                  first.thread(),
                  ub.size() > 1 ? ", and " + (ub.size() - 1) + " more" : ""),
              "#ub"));
    }
    if (r.leaks().isEmpty()) {
      items.add(new Item("ok", "NO LEAK", "all heap memory was freed", ""));
    } else {
      long bytes = r.leaks().stream().mapToLong(s -> s.item().bytes()).sum();
      items.add(
          new Item(
              "info",
              "LEAK",
              String.format(
                  Locale.ROOT,
                  "%s, %d bytes never freed (information, not UB)",
                  Text.count(r.leaks().size(), "allocation", "allocations"),
                  bytes),
              "#leaks"));
    }
    if (r.deadlock() != null) {
      Findings.Deadlock d = r.deadlock().item();
      items.add(
          new Item(
              "bad",
              "DEADLOCK",
              d.cycle().isEmpty()
                  ? "no thread could move before all finished"
                  : "threads wait in a cycle: "
                      + String.join(" → ", d.cycle())
                      + " → "
                      + d.cycle().get(0),
              "#deadlock"));
    } else {
      items.add(new Item("ok", "NO DEADLOCK", "no run got stuck", ""));
    }
    if (!r.warnings().isEmpty()) {
      Findings.Warning w = r.warnings().get(0).item();
      String what =
          w.locks().size() == 2
              ? String.join(" and ", w.locks()) + " are taken in opposite orders by two threads"
              : "threads take "
                  + String.join(", ", w.locks())
                  + " in orders that form a cycle ("
                  + String.join(" → ", w.locks())
                  + " → "
                  + w.locks().get(0)
                  + ")";
      items.add(
          new Item(
              "warn",
              "LOCK ORDER",
              what
                  + (r.deadlock() != null
                      ? ": this is how the deadlock happens"
                      : ": a deadlock can happen in another schedule")
                  + (r.warnings().size() > 1 ? "; and " + (r.warnings().size() - 1) + " more" : ""),
              "#warnings"));
    }
    Tally t = r.tally();
    if (!t.lostUpdates().isEmpty()) {
      Set<String> locations = new LinkedHashSet<>();
      for (Seen<LostUpdate> s : t.lostUpdates()) {
        locations.add(Prose.declaration(s.item().location()));
      }
      int n = r.explored();
      items.add(
          new Item(
              "bad",
              "LOST UPDATE",
              String.format(
                  Locale.ROOT,
                  "updates to %s were lost %s",
                  String.join(", ", locations),
                  n == 1
                      ? "(a write overwrote another without seeing it)"
                      : String.format(
                          Locale.ROOT, "in %d of %d schedules", t.lostUpdateSchedules(), n)),
              "#lost-updates"));
    }
    if (!r.panics().isEmpty()) {
      Findings.Panic p = r.panics().get(0).item();
      items.add(
          new Item(
              "warn",
              "PANIC",
              String.format(
                  Locale.ROOT,
                  "%s; first: thread %s at line %d",
                  Text.count(r.panics().size(), "panic", "panics"),
                  p.thread(),
                  p.line()),
              "#panics"));
    }
    if (r.stepLimit() != null) {
      items.add(new Item("warn", "STOPPED", r.stepLimit().item().message(), "#stopped"));
    }
    DetectorAgreement agreement = DetectorAgreement.of(r);
    if (agreement != null && agreement.anyDisagreement()) {
      List<String> where = new ArrayList<>();
      agreement.rows().stream()
          .filter(DetectorAgreement.Row::disagree)
          .forEach(x -> where.add(x.location()));
      items.add(
          new Item(
              "info",
              "DETECTORS DISAGREE",
              "the detectors judge " + String.join(", ", where) + " differently: see why",
              "#detectors"));
    }
    if (r.expectations().isEmpty()) {
      items.add(new Item("info", "NO EXPECTATIONS", "the scenario states none", ""));
    } else {
      long held = r.expectations().stream().filter(ExpectationResult::held).count();
      int all = r.expectations().size();
      items.add(
          held == all
              ? new Item(
                  "ok",
                  "EXPECTATIONS HELD",
                  String.format(Locale.ROOT, "%d of %d held", held, all),
                  "#expectations")
              : new Item(
                  "bad",
                  "EXPECTATION FAILED",
                  String.format(Locale.ROOT, "%d of %d held, %d failed", held, all, all - held),
                  "#expectations"));
    }
    String tone = "ok";
    for (Item i : items) {
      tone = worse(tone, i.tone());
    }
    return new Banner(tone, TerminalReport.verdict(r), List.copyOf(items));
  }

  private static String worse(String a, String b) {
    List<String> order = List.of("ok", "info", "warn", "bad");
    return order.indexOf(b) > order.indexOf(a) ? b : a;
  }
}
