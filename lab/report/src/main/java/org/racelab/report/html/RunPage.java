package org.racelab.report.html;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.racelab.exec.Execution;
import org.racelab.exec.Findings;
import org.racelab.exec.LedgerEntry;
import org.racelab.experiment.ExpectationResult;
import org.racelab.experiment.Experiment;
import org.racelab.experiment.LostUpdate;
import org.racelab.experiment.Prose;
import org.racelab.experiment.RaceView;
import org.racelab.experiment.RunResult;
import org.racelab.experiment.Seen;
import org.racelab.memory.UbKind;
import org.racelab.report.DetectorAgreement;
import org.racelab.report.ReplayCommand;

/**
 * What the run report shows, computed once from a finished {@link RunResult} so the template only
 * lays it out. Renderers format; they never decide verdicts: every finding here comes from the
 * result as the engine graded it.
 *
 * @param header the title, file, about text and run settings
 * @param banner the verdict
 * @param contents the sections present, for the table of contents
 * @param source the scenario source with marked lines
 * @param races every race, explained
 * @param ub every undefined behaviour other than races, explained
 * @param deadlock the deadlock, if any schedule deadlocked
 * @param warnings every lock-order inversion (a potential deadlock), explained
 * @param lostUpdates every lost update, explained
 * @param panics every panic
 * @param stopped why a run was stopped at the step limit, if any was
 * @param timeline the representative schedule as swim lanes
 * @param ledger every access of the representative schedule
 * @param memory memory at the first UB, if there was UB
 * @param leaks heap memory never freed
 * @param notes remarks such as dangling pointers held but never used
 * @param expectations each expectation with its status
 * @param detectors where the detectors agree and disagree (when several ran)
 * @param exploration what many schedules add (when more than one ran)
 * @param replay how to reproduce the run
 */
public record RunPage(
    Header header,
    Banner banner,
    List<Section> contents,
    SourceView source,
    List<RaceCard> races,
    List<UbCard> ub,
    @Nullable DeadlockView deadlock,
    List<WarningCard> warnings,
    List<LostUpdateCard> lostUpdates,
    List<PanicRow> panics,
    @Nullable StoppedView stopped,
    Timeline timeline,
    LedgerView ledger,
    @Nullable MemoryView memory,
    List<LeakRow> leaks,
    List<List<Text.Span>> notes,
    List<ExpectationRow> expectations,
    @Nullable DetectorAgreement detectors,
    @Nullable ExplorationView exploration,
    Replay replay) {

  /**
   * The top of the report.
   *
   * @param title the scenario's title
   * @param file the scenario file
   * @param aboutHtml the about text as safe HTML (Markdown with raw HTML escaped), or empty
   * @param strategy the strategy applied
   * @param detectors the detectors that ran
   * @param schedule which schedules ran, in words
   */
  public record Header(
      String title,
      String file,
      String aboutHtml,
      String strategy,
      String detectors,
      String schedule) {}

  /**
   * A section, for the table of contents.
   *
   * @param id its anchor
   * @param title its heading
   */
  public record Section(String id, String title) {}

  /**
   * One undefined behaviour.
   *
   * @param id its anchor ({@code ub-1})
   * @param name its short name ({@code U1})
   * @param kind its kind ({@code use-after-free})
   * @param thread the thread
   * @param line the source line
   * @param location the location or pointer expression
   * @param message what happened, in words
   * @param step the scheduling step
   * @param href the ledger row of the access, or empty
   * @param headline whether it is the run's first UB (the memory map shows that moment)
   * @param seen in how many schedules it occurred, in words (empty for a single schedule)
   * @param command the command that replays the first schedule that showed it
   */
  public record UbCard(
      String id,
      String name,
      String kind,
      String thread,
      int line,
      String location,
      List<Text.Span> message,
      int step,
      String href,
      boolean headline,
      String seen,
      String command) {}

  /**
   * A deadlock.
   *
   * @param blocked who waits for what
   * @param cycle the cycle of waiting ({@code a → b → a}), or empty
   * @param explanation what the cycle (or the lack of one) means, in words
   * @param warnings the lock-order warnings about the same locks ({@code W1}), with their anchors
   * @param shown whether the timeline and ledger show the deadlocked schedule
   * @param seen in how many schedules, in words (empty for a single schedule)
   * @param command the command that replays the first deadlocked schedule
   */
  public record DeadlockView(
      List<Findings.Blocked> blocked,
      String cycle,
      String explanation,
      List<Section> warnings,
      boolean shown,
      String seen,
      String command) {}

  /**
   * Runs stopped at the step limit.
   *
   * @param limit the step limit
   * @param message what the engine said
   * @param running the threads still running when it stopped, and where
   * @param advice what to do about it
   * @param seen in how many schedules, in words (empty for a single schedule)
   * @param command the command that replays the first stopped schedule
   */
  public record StoppedView(
      int limit,
      String message,
      List<Findings.Blocked> running,
      String advice,
      String seen,
      String command) {}

  /**
   * A panic.
   *
   * @param id its anchor
   * @param thread the thread
   * @param line the source line
   * @param message why, in words
   * @param seen in how many schedules, in words (empty for a single schedule)
   */
  public record PanicRow(
      String id, String thread, int line, List<Text.Span> message, String seen) {}

  /**
   * A leak.
   *
   * @param name the binding that allocated it
   * @param kind heap, box or vec buffer
   * @param bytes its size
   * @param thread the allocating thread
   * @param line the allocating line
   * @param address its address
   * @param seen in how many schedules, in words (empty for a single schedule)
   */
  public record LeakRow(
      String name, String kind, int bytes, String thread, int line, String address, String seen) {}

  /**
   * An expectation.
   *
   * @param text as written after {@code expect}
   * @param line its line
   * @param held whether it held
   * @param detail how it was graded over the schedules, or empty for one schedule
   * @param command the replay command of its witness, or empty
   */
  public record ExpectationRow(
      String text, int line, boolean held, String detail, String command) {}

  /**
   * How to reproduce the run.
   *
   * @param seed the seed of the shown schedule
   * @param schedule the shown schedule's replay string
   * @param command the command that replays it exactly
   * @param rerun the command that runs all the schedules again, or empty for one schedule
   */
  public record Replay(
      long seed, String schedule, String command, String rerun, boolean reproducible) {}

  /** Builds the page model of a run. */
  public static RunPage of(RunResult r) {
    Execution e = r.representative().execution();
    List<String> threads = e.threads();
    String replay = r.representative().replay();
    int n = r.explored();

    // races: cards, short names, and which ledger pairs belong to which race
    Map<String, String> raceByKey = new HashMap<>();
    List<RaceCard> races = new ArrayList<>();
    Map<Integer, List<SourceView.Mark>> marks = new LinkedHashMap<>();
    for (int i = 0; i < r.races().size(); i++) {
      Seen<RaceView> s = r.races().get(i);
      RaceView v = s.item();
      boolean same = s.firstReplay().equals(replay);
      RaceCard card =
          RaceCard.of(i + 1, s, threads, same, LedgerView::shown, n, command(r, s.firstReplay()));
      races.add(card);
      raceByKey.putIfAbsent(key(v.first(), v.second()), card.name());
      String title =
          card.name() + ": " + v.kind() + " race on " + v.location() + " (click for details)";
      mark(
          marks,
          v.first().line(),
          new SourceView.Mark("#" + card.id(), card.name(), "race", title));
      mark(
          marks,
          v.second().line(),
          new SourceView.Mark("#" + card.id(), card.name(), "race", title));
    }
    Map<String, String> raceLabels = new HashMap<>();
    for (LedgerEntry le : e.ledger()) {
      for (int k : le.racesWith()) {
        String label = raceByKey.get(key(e.ledger().get(k), le));
        if (label != null) {
          raceLabels.put(k + ":" + le.index(), label);
        }
      }
    }

    // undefined behaviour other than races
    List<UbCard> ub = new ArrayList<>();
    Seen<Findings.Ub> headline = null;
    for (Seen<Findings.Ub> s : r.ub()) {
      if (s.item().kind() == UbKind.DATA_RACE) {
        continue;
      }
      Findings.Ub u = s.item();
      int number = ub.size() + 1;
      boolean first = headline == null;
      if (first) {
        headline = s;
      }
      boolean same = s.firstReplay().equals(replay);
      ub.add(
          new UbCard(
              "ub-" + number,
              "U" + number,
              u.kind().label(),
              u.thread(),
              u.line(),
              u.location(),
              Text.spans(u.message()),
              u.step(),
              same && LedgerView.shown(u.access()) ? "#a" + u.access() : "",
              first,
              seen(s.schedules(), n),
              command(r, s.firstReplay())));
      mark(
          marks,
          u.line(),
          new SourceView.Mark(
              "#ub-" + number, "U" + number, "ub", "U" + number + ": " + u.kind().label()));
    }

    DeadlockView deadlock = null;
    if (r.deadlock() != null) {
      Findings.Deadlock d = r.deadlock().item();
      String cycle =
          d.cycle().isEmpty() ? "" : String.join(" → ", d.cycle()) + " → " + d.cycle().get(0);
      String explanation =
          d.cycle().isEmpty()
              ? "No thread could move before every thread finished, and no other thread will ever"
                  + " wake them: nothing they wait for can happen any more."
              : (d.cycle().size() == 1
                  ? "Thread "
                      + d.cycle().get(0)
                      + " waits for something it holds itself, so it can never move."
                  : "Each thread in the cycle waits for something the next one holds, so none of"
                      + " them can ever move.");
      List<Section> related = new ArrayList<>();
      for (int i = 0; i < r.warnings().size(); i++) {
        related.add(new Section("warning-" + (i + 1), "W" + (i + 1)));
      }
      deadlock =
          new DeadlockView(
              List.copyOf(d.blocked()),
              cycle,
              explanation,
              List.copyOf(related),
              e.deadlock() != null,
              seen(r.deadlock().schedules(), n),
              command(r, r.deadlock().firstReplay()));
      for (Findings.Blocked b : d.blocked()) {
        mark(
            marks,
            b.line(),
            new SourceView.Mark("#deadlock", "D", "deadlock", b.thread() + " waits here"));
      }
    }
    List<PanicRow> panics = new ArrayList<>();
    for (Seen<Findings.Panic> s : r.panics()) {
      Findings.Panic p = s.item();
      String id = "panic-" + (panics.size() + 1);
      panics.add(
          new PanicRow(id, p.thread(), p.line(), Text.spans(p.message()), seen(s.schedules(), n)));
      mark(
          marks,
          p.line(),
          new SourceView.Mark(
              "#" + id, "P" + panics.size(), "panic", "thread " + p.thread() + " panicked"));
    }

    List<WarningCard> warnings = new ArrayList<>();
    for (Seen<Findings.Warning> s : r.warnings()) {
      WarningCard w =
          WarningCard.of(
              warnings.size() + 1, s, r, seen(s.schedules(), n), command(r, s.firstReplay()));
      warnings.add(w);
      for (WarningCard.Order o : w.orders()) {
        String title = w.name() + ": thread " + o.thread() + " takes " + o.order();
        mark(marks, o.heldLine(), new SourceView.Mark("#" + w.id(), w.name(), "order", title));
        mark(marks, o.line(), new SourceView.Mark("#" + w.id(), w.name(), "order", title));
      }
    }

    List<LostUpdateCard> lostUpdates = new ArrayList<>();
    for (Seen<LostUpdate> s : r.tally().lostUpdates()) {
      LostUpdateCard c =
          LostUpdateCard.of(
              lostUpdates.size() + 1,
              s,
              s.firstReplay().equals(replay),
              seen(s.schedules(), n),
              command(r, s.firstReplay()));
      lostUpdates.add(c);
      String title = c.name() + ": an update to " + c.location() + " was lost";
      mark(
          marks,
          s.item().write().line(),
          new SourceView.Mark("#" + c.id(), c.name(), "lost", title));
    }

    StoppedView stopped = null;
    if (r.stepLimit() != null) {
      Findings.StepLimit l = r.stepLimit().item();
      stopped =
          new StoppedView(
              l.limit(),
              Text.sentence(l.message()),
              List.copyOf(l.running()),
              String.format(
                  Locale.ROOT,
                  "A run ends when every thread has finished; this one was stopped after %,d steps"
                      + " (--max-steps %d). A spin loop that waits for a condition no other thread"
                      + " will make true never ends: make sure some thread sets it. If the loop does"
                      + " end and only needs more steps, raise --max-steps.",
                  l.limit(),
                  l.limit()),
              seen(r.stepLimit().schedules(), n),
              command(r, r.stepLimit().firstReplay()));
      for (Findings.Blocked b : l.running()) {
        mark(
            marks,
            b.line(),
            new SourceView.Mark(
                "#stopped", "S", "stopped", b.thread() + " was still running here"));
      }
    }

    List<LeakRow> leaks = new ArrayList<>();
    for (Seen<Findings.Leak> s : r.leaks()) {
      Findings.Leak l = s.item();
      leaks.add(
          new LeakRow(
              l.name(),
              l.kind(),
              l.bytes(),
              l.thread(),
              l.line(),
              l.address(),
              seen(s.schedules(), n)));
    }
    List<List<Text.Span>> notes = new ArrayList<>();
    for (String note : e.notes()) {
      notes.add(Text.spans(note));
    }

    List<ExpectationRow> expectations = new ArrayList<>();
    for (ExpectationResult x : r.expectations()) {
      String detail = "";
      String cmd = "";
      if (n > 1) {
        detail =
            String.format(
                Locale.ROOT,
                "%s: held in %d of %d schedules",
                x.existential() ? "can happen" : "always",
                x.schedulesHeld(),
                x.schedules());
      }
      if (x.witness() != null && n > 1) {
        detail += x.existential() ? "; first shown by:" : "; first broken by:";
        cmd = command(r, x.witness());
      }
      expectations.add(new ExpectationRow(x.text(), x.line(), x.held(), detail, cmd));
    }

    DetectorAgreement detectors = DetectorAgreement.of(r);

    LedgerView ledger = LedgerView.of(e, raceLabels);
    Timeline timeline = Timeline.of(e, raceLabels, LedgerView::shown);
    MemoryView memory = null;
    if (e.memoryAtFirstUb() != null) {
      Findings.Ub first = e.ub().isEmpty() ? null : e.ub().get(0);
      String caption =
          first == null
              ? "Memory at the first undefined behaviour."
              : String.format(
                  Locale.ROOT,
                  "Memory at the first undefined behaviour: %s at line %d, step %d (thread %s).",
                  first.kind().label(),
                  first.line(),
                  first.step(),
                  first.thread());
      memory = MemoryView.of(e.memoryAtFirstUb(), threads, caption);
    }

    String rerun = n > 1 ? ReplayCommand.rerun(r) : "";
    ExplorationView exploration = null;
    if (n > 1) {
      exploration =
          ExplorationView.of(r, FindingRows.of(r, races, ub, panics, warnings, lostUpdates), rerun);
    }

    Header header =
        new Header(
            r.scenario(),
            r.file(),
            r.about() == null || r.about().isBlank() ? "" : Markdown.toHtml(r.about()),
            r.strategy(),
            String.join(", ", r.detectors()),
            scheduleLine(r));
    RunPage page =
        new RunPage(
            header,
            Banner.of(r),
            List.of(),
            SourceView.of(r.source(), marks),
            List.copyOf(races),
            List.copyOf(ub),
            deadlock,
            List.copyOf(warnings),
            List.copyOf(lostUpdates),
            List.copyOf(panics),
            stopped,
            timeline,
            ledger,
            memory,
            List.copyOf(leaks),
            List.copyOf(notes),
            List.copyOf(expectations),
            detectors,
            exploration,
            r.scheduleKind().equals(Experiment.OS)
                ? new Replay(0, "", "", ReplayCommand.rerun(r), false)
                : new Replay(r.representative().seed(), replay, command(r, replay), rerun, true));
    return page.withContents();
  }

  /** The same page with its table of contents filled in from the sections present. */
  private RunPage withContents() {
    List<Section> s = new ArrayList<>();
    s.add(new Section("source", "Source"));
    if (!races.isEmpty()) {
      s.add(new Section("races", "Races"));
    }
    if (!ub.isEmpty()) {
      s.add(new Section("ub", "Undefined behaviour"));
    }
    if (deadlock != null) {
      s.add(new Section("deadlock", "Deadlock"));
    }
    if (!warnings.isEmpty()) {
      s.add(new Section("warnings", "Lock order"));
    }
    if (!lostUpdates.isEmpty()) {
      s.add(new Section("lost-updates", "Lost updates"));
    }
    if (!panics.isEmpty()) {
      s.add(new Section("panics", "Panics"));
    }
    if (stopped != null) {
      s.add(new Section("stopped", "Stopped"));
    }
    if (exploration != null) {
      s.add(new Section("exploration", "Schedules"));
    }
    s.add(new Section("timeline", "Timeline"));
    if (memory != null) {
      s.add(new Section("memory", "Memory map"));
    }
    if (!leaks.isEmpty() || !notes.isEmpty()) {
      s.add(new Section("leaks", leaks.isEmpty() ? "Notes" : "Leaks and notes"));
    }
    if (!expectations.isEmpty()) {
      s.add(new Section("expectations", "Expectations"));
    }
    if (detectors != null) {
      s.add(new Section("detectors", "Detectors"));
    }
    s.add(new Section("ledger", "Ledger"));
    s.add(new Section("replay", "Replay"));
    return new RunPage(
        header,
        banner,
        List.copyOf(s),
        source,
        races,
        ub,
        deadlock,
        warnings,
        lostUpdates,
        panics,
        stopped,
        timeline,
        ledger,
        memory,
        leaks,
        notes,
        expectations,
        detectors,
        exploration,
        replay);
  }

  /** Whether the run's schedules are named by seeds (random and PCT), not only by their text. */
  static boolean seeded(RunResult r) {
    return r.scheduleKind().equals("random") || r.scheduleKind().equals("pct");
  }

  /** The command that replays {@code schedule} of this run. */
  static String command(RunResult r, String schedule) {
    return ReplayCommand.of(r, schedule);
  }

  /** A word as a POSIX shell reads it: as it is when it is plain, else in single quotes. */
  static String shell(String word) {
    return ReplayCommand.shell(word);
  }

  private static String scheduleLine(RunResult r) {
    if (r.scheduleKind().equals("replay")) {
      return "one replayed schedule";
    }
    int n = r.explored();
    if (r.scheduleKind().equals(Experiment.OS)) {
      return Text.count(n, "run", "runs") + " on OS threads (not reproducible)";
    }
    String count = Text.count(n, "schedule", "schedules");
    String seeds =
        !seeded(r)
            ? ""
            : n == 1 ? ", seed " + r.seed() : ", seeds " + r.seed() + "–" + (r.seed() + n - 1);
    String how =
        r.complete() ? ", complete" : r.exploration() != null ? ", INCOMPLETE: see Schedules" : "";
    return count
        + " ("
        + (r.scheduleKind().equals("explore") ? "explored" : r.scheduleKind())
        + seeds
        + how
        + ")";
  }

  private static String seen(int schedules, int explored) {
    return explored > 1
        ? String.format(
            Locale.ROOT,
            "in %d of %d schedules (%s)",
            schedules,
            explored,
            percent(schedules, explored))
        : "";
  }

  static String percent(int part, int whole) {
    if (whole <= 0) {
      return "0%";
    }
    double p = 100.0 * part / whole;
    if (part > 0 && p < 1) {
      return "<1%";
    }
    if (part < whole && p > 99) {
      return ">99%";
    }
    return String.format(Locale.ROOT, "%.0f%%", p);
  }

  private static void mark(Map<Integer, List<SourceView.Mark>> marks, int line, SourceView.Mark m) {
    List<SourceView.Mark> list = marks.computeIfAbsent(line, k -> new ArrayList<>());
    if (!list.contains(m)) {
      list.add(m);
    }
  }

  /** A race's identity across schedules: location, and both sides' lines and operations. */
  private static String key(LedgerEntry a, LedgerEntry b) {
    return Prose.declaration(a.location())
        + "|"
        + a.line()
        + "|"
        + a.op()
        + "|"
        + b.line()
        + "|"
        + b.op();
  }
}
