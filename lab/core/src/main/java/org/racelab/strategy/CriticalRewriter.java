package org.racelab.strategy;

import java.util.ArrayList;
import java.util.List;
import org.racelab.scenario.Decl;
import org.racelab.scenario.Scenario;
import org.racelab.scenario.ScenarioException;
import org.racelab.scenario.Stmt;
import org.racelab.scenario.ThreadDecl;

/**
 * Walks every thread of a scenario, keeping track of what each name means ({@link Names}), and
 * replaces each outermost {@code critical} block by what {@link #critical} returns. Everything
 * outside critical blocks comes out unchanged (the same objects), so a strategy can only ever touch
 * the code it was given to protect.
 */
abstract class CriticalRewriter {
  protected final Scenario scenario;
  protected final Names names;

  CriticalRewriter(Scenario scenario) {
    this.scenario = scenario;
    this.names = new Names(scenario);
  }

  /** The replacement of one (outermost) critical block. */
  abstract Stmt critical(Stmt.Critical c) throws ScenarioException;

  /** Declarations the rewrite needs (a lock), appended after the scenario's own. */
  List<Decl> extraDecls() {
    return List.of();
  }

  /** The rewritten scenario; the same object when it has no critical block. */
  final Scenario rewrite() throws ScenarioException {
    if (!hasCritical(scenario)) {
      return scenario;
    }
    List<ThreadDecl> threads = new ArrayList<>();
    for (ThreadDecl t : scenario.threads()) {
      names.startThread(t);
      threads.add(
          new ThreadDecl(
              t.pos(), t.name(), t.instances(), t.params(), t.spawned(), block(t.body())));
    }
    List<Decl> decls = new ArrayList<>(scenario.decls());
    decls.addAll(extraDecls());
    return new Scenario(
        scenario.file(),
        scenario.source(),
        scenario.title(),
        scenario.about(),
        List.copyOf(decls),
        List.copyOf(threads),
        scenario.expectations(),
        scenario.schedules());
  }

  /** Whether any thread has a critical block. */
  static boolean hasCritical(Scenario s) {
    for (ThreadDecl t : s.threads()) {
      if (containsCritical(t.body())) {
        return true;
      }
    }
    return false;
  }

  /** Whether a statement is or contains a critical block. */
  static boolean containsCritical(Stmt s) {
    if (s instanceof Stmt.Critical) {
      return true;
    }
    for (Stmt child : children(s)) {
      if (containsCritical(child)) {
        return true;
      }
    }
    return false;
  }

  /** The statements directly nested in a statement. */
  static List<Stmt> children(Stmt s) {
    if (s instanceof Stmt.Block b) {
      return b.body();
    } else if (s instanceof Stmt.If i) {
      return i.otherwise() == null ? List.of(i.then()) : List.of(i.then(), i.otherwise());
    } else if (s instanceof Stmt.While w) {
      return List.of(w.body());
    } else if (s instanceof Stmt.Loop l) {
      return List.of(l.body());
    } else if (s instanceof Stmt.Repeat r) {
      return List.of(r.body());
    } else if (s instanceof Stmt.For f) {
      return List.of(f.body());
    } else if (s instanceof Stmt.Guarded g) {
      return List.of(g.body());
    } else if (s instanceof Stmt.Critical c) {
      return List.of(c.body());
    }
    return List.of();
  }

  private Stmt.Block block(Stmt.Block b) throws ScenarioException {
    if (!containsCritical(b)) {
      return b;
    }
    return names.scoped(
        () -> {
          List<Stmt> out = new ArrayList<>();
          for (Stmt s : b.body()) {
            out.add(statement(s));
            if (s instanceof Stmt.Let l) {
              names.declare(l);
            } else if (s instanceof Stmt.Local l) {
              names.declare(l);
            }
          }
          return new Stmt.Block(b.pos(), List.copyOf(out), b.end());
        });
  }

  private Stmt statement(Stmt s) throws ScenarioException {
    if (!containsCritical(s)) {
      return s;
    }
    if (s instanceof Stmt.Critical c) {
      return critical(c);
    } else if (s instanceof Stmt.Block b) {
      return block(b);
    } else if (s instanceof Stmt.If i) {
      return new Stmt.If(
          i.pos(),
          i.cond(),
          block(i.then()),
          i.otherwise() == null ? null : statement(i.otherwise()));
    } else if (s instanceof Stmt.While w) {
      return new Stmt.While(w.pos(), w.cond(), block(w.body()));
    } else if (s instanceof Stmt.Loop l) {
      return new Stmt.Loop(l.pos(), block(l.body()));
    } else if (s instanceof Stmt.Repeat r) {
      return new Stmt.Repeat(r.pos(), r.count(), block(r.body()));
    } else if (s instanceof Stmt.For f) {
      Stmt.Block body =
          names.scoped(
              () -> {
                names.declareLoopVariable(f.name());
                return block(f.body());
              });
      return new Stmt.For(f.pos(), f.name(), f.from(), f.to(), body);
    } else if (s instanceof Stmt.Guarded g) {
      return new Stmt.Guarded(g.pos(), g.kind(), g.object(), g.objectPos(), block(g.body()));
    }
    throw new IllegalStateException("a critical block inside " + s);
  }
}
