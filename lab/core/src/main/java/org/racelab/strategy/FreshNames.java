package org.racelab.strategy;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.racelab.scenario.Scenario;
import org.racelab.scenario.Stmt;
import org.racelab.scenario.ThreadDecl;

/**
 * Chooses names for the objects a strategy adds (its lock) that cannot clash with anything the
 * scenario names: a readable base such as {@code critical_mutex}, with {@code _2}, {@code _3}, ...
 * appended while the scenario's text uses that word anywhere (as a location, a thread, a local, a
 * parameter, or even in a comment). The name stays a valid identifier, so rewritten programs print
 * and parse back.
 */
final class FreshNames {
  private static final Pattern WORD = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_]*");

  private FreshNames() {}

  /** A name based on {@code base} that the scenario does not use. */
  static String fresh(Scenario scenario, String base) {
    Set<String> used = words(scenario);
    String name = base;
    for (int n = 2; used.contains(name); n++) {
      name = base + "_" + n;
    }
    return name;
  }

  private static Set<String> words(Scenario s) {
    Set<String> used = new HashSet<>();
    Matcher m = WORD.matcher(s.source());
    while (m.find()) {
      used.add(m.group());
    }
    // scenarios built in code may have no source text: the tree's names count too
    s.decls().forEach(d -> used.add(d.name()));
    for (ThreadDecl t : s.threads()) {
      used.add(t.name());
      t.params().forEach(p -> used.add(p.name()));
      locals(t.body(), used);
    }
    return used;
  }

  private static void locals(Stmt s, Set<String> used) {
    if (s instanceof Stmt.Let l) {
      used.add(l.name());
    } else if (s instanceof Stmt.Local l) {
      used.add(l.name());
    } else if (s instanceof Stmt.For f) {
      used.add(f.name());
    }
    for (Stmt child : CriticalRewriter.children(s)) {
      locals(child, used);
    }
  }
}
