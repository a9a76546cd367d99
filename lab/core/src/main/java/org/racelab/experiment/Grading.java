package org.racelab.experiment;

import java.util.Locale;
import org.racelab.exec.Execution;
import org.racelab.exec.Findings;
import org.racelab.exec.LedgerEntry;
import org.racelab.exec.Machine;
import org.racelab.exec.Program;
import org.racelab.scenario.Expectation;

/** Grades one expectation against one run. */
final class Grading {
  private Grading() {}

  static boolean held(Program.CheckedExpectation ce, Execution e, Machine m) {
    Expectation x = ce.expectation();
    boolean shows =
        switch (x.kind()) {
          case RACE -> racesOn(e, x.subject());
          case CLEAN -> e.races().isEmpty() && e.ub().isEmpty();
          case UB -> hasUb(e, x.subject());
          case LEAK -> !e.leaks().isEmpty();
          case DEADLOCK -> e.deadlock() != null;
          case INVERSION -> hasWarning(e, Findings.Warning.LOCK_ORDER_INVERSION);
          case PANIC -> !e.panics().isEmpty();
          case FINAL -> e.completed() && ce.condition() != null && m.evaluate(ce.condition());
        };
    return x.negated() ? !shows : shows;
  }

  private static boolean racesOn(Execution e, String subject) {
    for (Findings.Race r : e.races()) {
      if (subject == null
          || matches(subject, r.location())
          || matches(subject, e.ledger().get(r.first()).location())) {
        return true;
      }
    }
    if (subject != null) {
      for (LedgerEntry le : e.ledger()) {
        if (le.racing() && matches(subject, le.location())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean hasWarning(Execution e, String kind) {
    for (Findings.Warning w : e.warnings()) {
      if (w.kind().equals(kind)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasUb(Execution e, String kind) {
    for (Findings.Ub u : e.ub()) {
      if (kind == null || u.kind().label().equals(kind.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a location pattern names a location: {@code x} matches {@code x}, {@code x[3]}, {@code
   * x@main} and {@code *x}; {@code x[3]} matches only that cell (of any instance); {@code x@main}
   * only main's instance; {@code p[0]} also matches the heap scalar {@code *p}.
   */
  static boolean matches(String pattern, String location) {
    String p = pattern.startsWith("*") ? pattern.substring(1) : pattern;
    String l = location.startsWith("*") ? location.substring(1) : location;
    if (p.equals(l)) {
      return true;
    }
    String pBase = base(p);
    String lBase = base(l);
    if (!pBase.equals(lBase)) {
      return false;
    }
    String pIndex = index(p);
    String pThread = thread(p);
    // a heap scalar is shown as `*p`, and `p[0]` is the same cell
    boolean scalarAsElement0 =
        location.startsWith("*") && index(l).isEmpty() && pIndex.equals("[0]");
    return (pIndex.isEmpty() || pIndex.equals(index(l)) || scalarAsElement0)
        && (pThread.isEmpty() || pThread.equals(thread(l)));
  }

  private static String base(String s) {
    int cut = s.length();
    for (char c : new char[] {'[', '@'}) {
      int k = s.indexOf(c);
      if (k >= 0) {
        cut = Math.min(cut, k);
      }
    }
    return s.substring(0, cut);
  }

  private static String index(String s) {
    int at = s.indexOf('@');
    String head = at >= 0 ? s.substring(0, at) : s;
    int open = head.indexOf('[');
    return open >= 0 ? head.substring(open) : "";
  }

  private static String thread(String s) {
    int at = s.indexOf('@');
    return at >= 0 ? s.substring(at + 1) : "";
  }
}
