package org.racelab.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.racelab.exec.Execution;
import org.racelab.experiment.Exploration;
import org.racelab.experiment.Prose;
import org.racelab.experiment.RunResult;

/**
 * Where the detectors of a {@code --detector all} run agree and where they do not, per location of
 * the shown schedule, with one sentence for each disagreement: the lesson of comparing the lockset
 * method with happens-before. Lockset checks a locking discipline, so it flags a hand-off through
 * fork/join, a channel or a barrier that happens-before orders (a false alarm), and its state
 * machine forgives a location until sharing begins (a missed race); happens-before judges only the
 * schedules it ran. The terminal summary and the HTML report both render this one model.
 *
 * @param detectors the detectors, the classifying one first
 * @param rows one per location some detector found racing, in order of first access
 * @param cleanLocations how many other accessed locations every detector found clean
 * @param scope which execution the verdicts are about, in words ("the shown schedule, seed 3"),
 *     empty for a run of one schedule
 */
public record DetectorAgreement(
    List<String> detectors, List<Row> rows, int cleanLocations, String scope) {

  /**
   * One location.
   *
   * @param location the location as the ledger names it
   * @param racing per detector (in {@link #detectors} order), whether it found the location racing
   * @param disagree whether the detectors disagree on it
   * @param sentence why they disagree, in words (one sentence); empty when they agree
   */
  public record Row(String location, List<Boolean> racing, boolean disagree, String sentence) {}

  /** The detector that checks a locking discipline rather than happens-before. */
  public static final String LOCKSET = "lockset";

  /** Whether any location has a disagreement. */
  public boolean anyDisagreement() {
    return rows.stream().anyMatch(Row::disagree);
  }

  /** The comparison of a run's detectors, or null when only one detector ran. */
  public static @Nullable DetectorAgreement of(RunResult r) {
    if (r.detectors().size() < 2) {
      return null;
    }
    Execution e = r.representative().execution();
    Map<String, Set<String>> found = e.racingByDetector();
    Set<String> flagged = new LinkedHashSet<>();
    for (String location : e.locations()) {
      for (String d : r.detectors()) {
        if (found.getOrDefault(d, Set.of()).contains(location)) {
          flagged.add(location);
        }
      }
    }
    for (String d : r.detectors()) {
      flagged.addAll(found.getOrDefault(d, Set.of()).stream().sorted().toList());
    }
    List<Row> rows = new ArrayList<>();
    for (String location : flagged) {
      List<Boolean> racing = new ArrayList<>();
      for (String d : r.detectors()) {
        racing.add(found.getOrDefault(d, Set.of()).contains(location));
      }
      boolean disagree = racing.contains(true) && racing.contains(false);
      rows.add(
          new Row(
              location,
              List.copyOf(racing),
              disagree,
              disagree ? sentence(r, location, racing) + "." : ""));
    }
    int clean = (int) e.locations().stream().filter(l -> !flagged.contains(l)).count();
    String scope =
        r.explored() > 1
            ? (r.scheduleKind().equals("explore")
                ? "the shown schedule, " + replay(r)
                : "the shown schedule, seed " + r.representative().seed())
            : "";
    return new DetectorAgreement(List.copyOf(r.detectors()), List.copyOf(rows), clean, scope);
  }

  private static String replay(RunResult r) {
    String s = r.representative().replay();
    return "replay " + (s.isEmpty() ? "''" : s);
  }

  private static boolean happensBefore(String detector) {
    return !detector.equals(LOCKSET);
  }

  /** Why the detectors disagree on {@code location}. */
  private static String sentence(RunResult r, String location, List<Boolean> racing) {
    List<String> hbRacing = new ArrayList<>();
    List<String> hbClean = new ArrayList<>();
    boolean lockset = false;
    boolean locksetRan = false;
    for (int i = 0; i < r.detectors().size(); i++) {
      String d = r.detectors().get(i);
      if (happensBefore(d)) {
        (racing.get(i) ? hbRacing : hbClean).add(d);
      } else {
        locksetRan = true;
        lockset = racing.get(i);
      }
    }
    if (!hbRacing.isEmpty() && !hbClean.isEmpty()) {
      return String.format(
          Locale.ROOT,
          "%s %s %s racing but %s %s not: both are exact happens-before detectors and should agree"
              + " on the same execution, so this is a bug in RaceLab; please report it",
          Prose.list(hbRacing),
          hbRacing.size() == 1 ? "finds" : "find",
          location,
          Prose.list(hbClean),
          hbClean.size() == 1 ? "does" : "do");
    }
    if (locksetRan && lockset) {
      List<String> through = HandOff.of(r.representative().execution(), location);
      return "lockset reports "
          + location
          + ": no common lock protects every access, but happens-before orders them"
          + (through.isEmpty()
              ? " (fork/join, a channel, a barrier, release/acquire atomics...)"
              : " through " + Prose.list(through))
          + ", which lockset ignores: a false alarm of the lockset method"
          + locksetOnlyScope(r, location);
    }
    return Prose.list(hbRacing)
        + (hbRacing.size() == 1 ? " reports " : " report ")
        + location
        + ", lockset does not: two accesses to it were unordered in this schedule, but Eraser"
        + " forgives a location while one thread owns it or other threads only read it, and takes"
        + " the locks held when sharing begins as its protection, so a race at that moment goes"
        + " unreported (a missed race of the lockset method)";
  }

  /**
   * How sure the false alarm is: happens-before judges only the schedules it ran, so only a
   * complete exploration that never saw the location race rules a real race out.
   */
  private static String locksetOnlyScope(RunResult r, String location) {
    String base = Prose.declaration(location);
    Integer racy = r.tally().racySchedulesByLocation().get(base);
    int n = r.explored();
    Exploration x = r.exploration();
    if (racy != null && racy > 0) {
      return String.format(
          Locale.ROOT,
          " in this schedule only: happens-before found %s racing in %d of %d schedules, so the"
              + " missing lock is a real race there",
          base,
          racy,
          n);
    }
    if (r.complete() || (x != null && x.complete())) {
      return " (the exploration covered every schedule up to reordering independent steps, and"
          + " none left them unordered)";
    }
    if (n > 1) {
      return String.format(
          Locale.ROOT,
          "; happens-before found them ordered in all %d schedules it ran, though it judges only"
              + " those (--explore checks every schedule)",
          n);
    }
    return "; happens-before judged only the one schedule that ran (--explore checks every"
        + " schedule)";
  }
}
