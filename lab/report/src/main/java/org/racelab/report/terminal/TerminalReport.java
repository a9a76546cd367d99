package org.racelab.report.terminal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.racelab.exec.Execution;
import org.racelab.exec.Findings;
import org.racelab.exec.LedgerEntry;
import org.racelab.experiment.ExpectationResult;
import org.racelab.experiment.Explanations;
import org.racelab.experiment.Exploration;
import org.racelab.experiment.FinalOutcome;
import org.racelab.experiment.RaceView;
import org.racelab.experiment.RunResult;
import org.racelab.experiment.Seen;
import org.racelab.memory.UbKind;
import org.racelab.report.DetectorAgreement;
import org.racelab.report.ReplayCommand;

/**
 * Renders a run for a terminal: the verdict first, then each race with both sides, each UB, per
 * location how many accesses were synchronised and how many racing, the expectations, and the seed
 * and replay string. Plain text; status is always spelled out, never only coloured.
 */
public final class TerminalReport {
  private static final int WIDTH = 100;

  /** The schedule kind of runs on real OS threads ({@code --threads os}). */
  private static final String OS = "os";

  private TerminalReport() {}

  /** The summary of one run. */
  public static String render(RunResult r) {
    StringBuilder out = new StringBuilder();
    Execution e = r.representative().execution();
    out.append(r.scenario()).append("  (").append(r.file()).append(")\n");
    out.append(
        String.format(
            Locale.ROOT,
            "strategy %s · detector %s · %s%n%n",
            r.strategy(),
            String.join("+", r.detectors()),
            scheduleLine(r)));
    out.append(verdict(r)).append("\n");
    races(out, r, e);
    ub(out, r);
    other(out, r, e);
    accesses(out, e);
    detectors(out, r);
    expectations(out, r);
    finals(out, r);
    out.append('\n');
    if (r.scheduleKind().equals(OS)) {
      out.append(
          "not reproducible: real OS threads chose the interleaving\n"
              + "(no seed, no replay string; run again to see another)\n");
      return out.toString();
    }
    String replay =
        r.representative().replay().isEmpty() ? "(no steps)" : r.representative().replay();
    if (r.scheduleKind().equals("explore")) {
      out.append("replay ").append(replay).append('\n');
    } else {
      out.append(
          String.format(Locale.ROOT, "seed %d · replay %s%n", r.representative().seed(), replay));
    }
    Headline h = headline(r);
    if (h != null && !r.scheduleKind().equals("replay")) {
      out.append("reproduce ")
          .append(h.what())
          .append(": ")
          .append(replayCommand(r, h.replay()))
          .append('\n');
    }
    return out.toString();
  }

  /** The headline finding and the first schedule that showed it. */
  private record Headline(String what, String replay) {}

  private static @Nullable Headline headline(RunResult r) {
    if (!r.races().isEmpty()) {
      return new Headline("the first race", r.races().get(0).firstReplay());
    }
    for (Seen<Findings.Ub> u : r.ub()) {
      if (u.item().kind() != UbKind.DATA_RACE) {
        return new Headline("the undefined behaviour", u.firstReplay());
      }
    }
    if (r.deadlock() != null) {
      return new Headline("the deadlock", r.deadlock().firstReplay());
    }
    if (!r.panics().isEmpty()) {
      return new Headline("the panic", r.panics().get(0).firstReplay());
    }
    for (ExpectationResult x : r.expectations()) {
      if (!x.held() && x.witness() != null) {
        return new Headline("the failed expectation", x.witness());
      }
    }
    return null;
  }

  /**
   * The command that replays a schedule of this run: {@code racelab run FILE --replay ...}, with
   * the options a replay must repeat (strategy, spurious wake-ups, step limit).
   */
  public static String replayCommand(RunResult r, String replay) {
    return ReplayCommand.of(r, replay);
  }

  private static String scheduleLine(RunResult r) {
    if (r.scheduleKind().equals("replay")) {
      return "replayed schedule";
    }
    if (r.scheduleKind().equals(OS)) {
      return (r.explored() == 1 ? "1 run" : r.explored() + " runs")
          + " on OS threads ("
          + (r.explored() > 1 ? r.racySchedules() + " racy, " : "")
          + "not reproducible)";
    }
    String n = r.explored() == 1 ? "1 schedule" : r.explored() + " schedules";
    String extra = r.explored() > 1 ? ", " + r.racySchedules() + " racy" : "";
    Exploration x = r.exploration();
    String how = "";
    if (x != null) {
      if (x.complete()) {
        how = ", complete";
      } else {
        List<String> cuts = new ArrayList<>();
        for (String c : x.cutBy()) {
          cuts.add(
              c.equals("max-schedules")
                  ? "stopped at --max-schedules " + x.maxSchedules()
                  : c.equals("preemption-bound")
                      ? "--preemption-bound " + x.preemptionBound() + " cut schedules"
                      : c);
        }
        how = ", INCOMPLETE: " + String.join(", ", cuts);
      }
      if (x.spinBounded() > 0) {
        how +=
            String.format(
                Locale.ROOT,
                "; spin loops cut after %d futile step%s in %d",
                x.spinBound(),
                x.spinBound() == 1 ? "" : "s",
                x.spinBounded());
      }
    } else if (r.complete()) {
      how = ", complete";
    }
    String kind = r.scheduleKind().equals("explore") ? "explored" : r.scheduleKind();
    boolean seeded = r.scheduleKind().equals("random") || r.scheduleKind().equals("pct");
    return n + " (" + kind + (seeded ? ", seed " + r.seed() : "") + extra + how + ")";
  }

  /** The one-line verdict. */
  public static String verdict(RunResult r) {
    List<String> parts = new ArrayList<>();
    long ubOther = r.ub().stream().filter(u -> u.item().kind() != UbKind.DATA_RACE).count();
    if (r.races().isEmpty() && ubOther == 0) {
      parts.add("CLEAN: no data race, no undefined behaviour");
    } else {
      if (!r.races().isEmpty()) {
        long locations = r.races().stream().map(s -> base(s.item().location())).distinct().count();
        parts.add(
            String.format(
                Locale.ROOT,
                "RACE: %d racing pair%s on %d location%s",
                r.races().size(),
                r.races().size() == 1 ? "" : "s",
                locations,
                locations == 1 ? "" : "s"));
      }
      if (ubOther > 0) {
        Findings.Ub first =
            r.ub().stream()
                .filter(u -> u.item().kind() != UbKind.DATA_RACE)
                .findFirst()
                .get()
                .item();
        parts.add(
            "UB: "
                + first.kind().label()
                + " at line "
                + first.line()
                + (ubOther > 1 ? " (+" + (ubOther - 1) + " more)" : ""));
      }
    }
    if (!r.leaks().isEmpty()) {
      parts.add(r.leaks().size() + " leak" + (r.leaks().size() == 1 ? "" : "s") + " (information)");
    }
    if (r.deadlock() != null) {
      parts.add("DEADLOCK");
    }
    if (!r.warnings().isEmpty()) {
      parts.add(r.warnings().size() + " warning" + (r.warnings().size() == 1 ? "" : "s"));
    }
    if (!r.panics().isEmpty()) {
      parts.add(r.panics().size() + " panic" + (r.panics().size() == 1 ? "" : "s"));
    }
    if (r.stepLimit() != null) {
      parts.add("STOPPED at the step limit");
    }
    if (!r.expectations().isEmpty()) {
      long held = r.expectations().stream().filter(ExpectationResult::held).count();
      parts.add(
          String.format(
              Locale.ROOT,
              "expectations %d/%d %s",
              held,
              r.expectations().size(),
              held == r.expectations().size() ? "held" : "held, SOME FAILED"));
    }
    return String.join(" · ", parts);
  }

  private static void races(StringBuilder out, RunResult r, Execution e) {
    if (r.races().isEmpty()) {
      return;
    }
    out.append("\nRaces\n");
    for (Seen<RaceView> s : r.races()) {
      String text = Explanations.race(s.item(), e.threads());
      if (r.explored() > 1) {
        text += seenIn(s, r);
      }
      wrap(out, text, "  ", "      ");
    }
  }

  private static void ub(StringBuilder out, RunResult r) {
    List<Seen<Findings.Ub>> other =
        r.ub().stream().filter(u -> u.item().kind() != UbKind.DATA_RACE).toList();
    if (other.isEmpty()) {
      return;
    }
    out.append("\nUndefined behaviour\n");
    for (Seen<Findings.Ub> s : other) {
      Findings.Ub u = s.item();
      String text =
          String.format(
              Locale.ROOT,
              "%s at line %d (thread %s, %s): %s",
              u.kind().label(),
              u.line(),
              u.thread(),
              u.location(),
              u.message());
      if (r.explored() > 1) {
        text += seenIn(s, r);
      }
      wrap(out, text, "  ", "      ");
    }
  }

  private static String seenIn(Seen<?> s, RunResult r) {
    if (r.scheduleKind().equals(OS)) {
      return String.format(Locale.ROOT, " [in %d of %d runs]", s.schedules(), r.explored());
    }
    return String.format(
        Locale.ROOT,
        " [in %d of %d schedules; first: --replay %s]",
        s.schedules(),
        r.explored(),
        s.firstReplay().isEmpty() ? "''" : s.firstReplay());
  }

  private static void other(StringBuilder out, RunResult r, Execution e) {
    if (r.deadlock() != null) {
      out.append("\nDeadlock").append(r.explored() > 1 ? seenIn(r.deadlock(), r) : "").append('\n');
      for (Findings.Blocked b : r.deadlock().item().blocked()) {
        wrap(
            out,
            String.format(
                Locale.ROOT,
                "%s waits at line %d for %s%s",
                b.thread(),
                b.line(),
                b.waitsFor(),
                b.heldBy() == null ? "" : ", held by " + b.heldBy()),
            "  ",
            "      ");
      }
      if (!r.deadlock().item().cycle().isEmpty()) {
        out.append("  cycle: ")
            .append(String.join(" → ", r.deadlock().item().cycle()))
            .append(" → ")
            .append(r.deadlock().item().cycle().get(0))
            .append('\n');
      }
    }
    if (!r.warnings().isEmpty()) {
      out.append("\nWarnings\n");
      for (Seen<Findings.Warning> s : r.warnings()) {
        String text = s.item().kind() + ": " + s.item().message();
        if (r.explored() > 1) {
          text +=
              String.format(Locale.ROOT, " [in %d of %d schedules]", s.schedules(), r.explored());
        }
        wrap(out, text, "  ", "      ");
      }
    }
    if (r.stepLimit() != null) {
      out.append("\nStopped\n");
      wrap(out, r.stepLimit().item().message(), "  ", "  ");
    }
    if (!r.panics().isEmpty()) {
      out.append("\nPanics\n");
      for (Seen<Findings.Panic> s : r.panics()) {
        Findings.Panic p = s.item();
        String text =
            String.format(
                    Locale.ROOT,
                    "thread %s panicked at line %d: %s",
                    p.thread(),
                    p.line(),
                    p.message())
                + (r.explored() > 1 ? seenIn(s, r) : "");
        wrap(out, text, "  ", "      ");
      }
    }
    if (!r.leaks().isEmpty()) {
      out.append("\nLeaks (information, not UB)\n");
      for (Seen<Findings.Leak> s : r.leaks()) {
        Findings.Leak l = s.item();
        wrap(
            out,
            String.format(
                Locale.ROOT,
                "%s: %d bytes (%s) allocated at line %d by %s, never freed",
                l.name(),
                l.bytes(),
                l.kind(),
                l.line(),
                l.thread()),
            "  ",
            "      ");
      }
    }
    if (!e.notes().isEmpty()) {
      out.append("\nNotes\n");
      for (String n : e.notes()) {
        wrap(out, n, "  ", "      ");
      }
    }
  }

  private static void accesses(StringBuilder out, Execution e) {
    if (e.ledger().isEmpty()) {
      return;
    }
    Map<String, int[]> byLocation = new LinkedHashMap<>();
    for (LedgerEntry le : e.ledger()) {
      byLocation.computeIfAbsent(le.location(), k -> new int[2])[le.racing() ? 1 : 0]++;
    }
    int width = Math.max(12, byLocation.keySet().stream().mapToInt(String::length).max().orElse(0));
    out.append('\n')
        .append(
            String.format(
                Locale.ROOT,
                "%-" + (width + 2) + "s %12s %7s%n",
                "Accesses",
                "synchronised",
                "racing"));
    for (Map.Entry<String, int[]> en : byLocation.entrySet()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-" + width + "s %12d %7d%n",
              en.getKey(),
              en.getValue()[0],
              en.getValue()[1]));
    }
  }

  /**
   * With several detectors: per location some detector found racing, each detector's verdict, the
   * disagreements marked, and why they disagree.
   */
  private static void detectors(StringBuilder out, RunResult r) {
    DetectorAgreement a = DetectorAgreement.of(r);
    if (a == null) {
      return;
    }
    out.append("\nDetectors")
        .append(a.scope().isEmpty() ? "" : " (verdicts on " + a.scope() + ")")
        .append('\n');
    int n = a.detectors().size();
    if (a.rows().isEmpty()) {
      wrap(
          out,
          String.format(
              Locale.ROOT,
              "all %d detectors agree: no location raced (%d location%s checked)",
              n,
              a.cleanLocations(),
              a.cleanLocations() == 1 ? "" : "s"),
          "  ",
          "  ");
      return;
    }
    List<String[]> rows = new ArrayList<>();
    String[] head = new String[n + 2];
    head[0] = "location";
    for (int i = 0; i < n; i++) {
      head[i + 1] = a.detectors().get(i);
    }
    head[n + 1] = "";
    rows.add(head);
    for (DetectorAgreement.Row row : a.rows()) {
      String[] cells = new String[n + 2];
      cells[0] = row.location();
      for (int i = 0; i < n; i++) {
        cells[i + 1] = row.racing().get(i) ? "racing" : "clean";
      }
      cells[n + 1] = row.disagree() ? "<- DISAGREE" : "agree";
      rows.add(cells);
    }
    int[] widths = new int[n + 2];
    for (String[] row : rows) {
      for (int k = 0; k < row.length; k++) {
        widths[k] = Math.max(widths[k], row[k].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int k = 0; k < row.length; k++) {
        line.append(row[k]).append(" ".repeat(widths[k] - row[k].length() + 2));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    if (a.cleanLocations() > 0) {
      out.append(
          String.format(
              Locale.ROOT,
              "  every other location (%d): clean for every detector%n",
              a.cleanLocations()));
    }
    for (DetectorAgreement.Row row : a.rows()) {
      if (row.disagree()) {
        wrap(out, row.sentence(), "  ", "      ");
      }
    }
  }

  private static void expectations(StringBuilder out, RunResult r) {
    if (r.expectations().isEmpty()) {
      return;
    }
    out.append("\nExpectations\n");
    for (ExpectationResult x : r.expectations()) {
      String status = x.held() ? "held  " : "FAILED";
      String detail =
          r.explored() > 1
              ? String.format(
                  Locale.ROOT,
                  "  (%s: held in %d of %d schedules%s)",
                  x.existential() ? "can happen" : "always",
                  x.schedulesHeld(),
                  x.schedules(),
                  x.witness() == null
                      ? ""
                      : (x.existential() ? "; first shown by " : "; first broken by ")
                          + "--replay "
                          + x.witness())
              : "";
      out.append("  ")
          .append(status)
          .append("  expect ")
          .append(x.text())
          .append(detail)
          .append('\n');
    }
  }

  private static void finals(StringBuilder out, RunResult r) {
    if (r.explored() <= 1 || r.finals().size() <= 1) {
      return;
    }
    out.append("\nFinal values over ").append(r.explored()).append(" schedules\n");
    for (FinalOutcome f : r.finals()) {
      out.append(String.format(Locale.ROOT, "  %5d × %s%n", f.schedules(), f.values()));
    }
  }

  private static void wrap(StringBuilder out, String text, String first, String rest) {
    String indent = first;
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && indent.length() + line.length() + 1 + word.length() > WIDTH) {
        out.append(indent).append(line).append('\n');
        line.setLength(0);
        indent = rest;
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      out.append(indent).append(line).append('\n');
    }
  }

  private static String base(String location) {
    int cut = location.length();
    for (char c : new char[] {'[', '@'}) {
      int k = location.indexOf(c);
      if (k >= 0) {
        cut = Math.min(cut, k);
      }
    }
    return location.substring(0, cut);
  }
}
