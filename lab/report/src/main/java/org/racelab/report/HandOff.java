package org.racelab.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.racelab.exec.Execution;
import org.racelab.exec.Findings;
import org.racelab.exec.LedgerEntry;
import org.racelab.trace.Event;

/**
 * Names the synchronisation that handed a location from thread to thread in one execution: the
 * spawns and joins between threads that accessed it (from the run's trace) and the steps of those
 * threads that synchronised with one another (a receive from a channel, leaving a barrier, taking a
 * lock, an acquire load: the timeline's happens-before arrows). A lockset false alarm is explained
 * by exactly these edges, which lockset ignores and happens-before follows, so the sentence can say
 * "through the spawn of worker and the channel done" instead of a list of what it might be.
 *
 * <p>Only direct edges between two threads that both accessed the location are named; an order that
 * runs through a third thread yields nothing, and the caller falls back to a general phrase.
 */
final class HandOff {
  private HandOff() {}

  /** The hand-offs of {@code location} in {@code e}, in order of appearance; empty when none. */
  static List<String> of(Execution e, String location) {
    Set<String> threads = new LinkedHashSet<>();
    for (LedgerEntry a : e.ledger()) {
      if (a.location().equals(location)) {
        threads.add(a.thread());
      }
    }
    Set<String> found = new LinkedHashSet<>();
    if (threads.size() < 2) {
      return List.of();
    }
    for (Event ev : e.trace().syncEvents()) {
      if (ev instanceof Event.Fork f
          && threads.contains(f.thread())
          && threads.contains(f.child())) {
        found.add("the spawn of " + f.child());
      }
    }
    List<Findings.Step> steps = e.steps();
    for (Findings.Step s : steps) {
      int from = s.syncFrom();
      if (from < 0 || from >= steps.size()) {
        continue;
      }
      String source = steps.get(from).thread();
      if (source.equals(s.thread()) || !threads.contains(source) || !threads.contains(s.thread())) {
        continue;
      }
      found.add(kind(s.what()));
    }
    return List.copyOf(new ArrayList<>(found));
  }

  /** The kind of hand-off a step that synchronised made, from its description. */
  private static String kind(String what) {
    String first = what.contains("; ") ? what.substring(0, what.indexOf("; ")) : what;
    if (first.startsWith("join ")) {
      return "the join of " + first.substring("join ".length());
    }
    if (first.startsWith("receive ") && first.contains(" from ")) {
      return "the channel " + first.substring(first.lastIndexOf(" from ") + " from ".length());
    }
    if (first.startsWith("leave ")) {
      return "the barrier " + first.substring("leave ".length());
    }
    if (first.startsWith("lock ")) {
      return "the lock " + first.substring("lock ".length()) + ", taken around only some accesses";
    }
    if (first.startsWith("read-lock ") || first.startsWith("write-lock ")) {
      return "the rwlock "
          + first.substring(first.indexOf(' ') + 1)
          + ", taken around only some accesses";
    }
    return "release/acquire atomics";
  }
}
