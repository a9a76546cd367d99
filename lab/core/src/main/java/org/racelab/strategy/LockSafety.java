package org.racelab.strategy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.racelab.scenario.Decl;
import org.racelab.scenario.Expr;
import org.racelab.scenario.Init;
import org.racelab.scenario.Pos;
import org.racelab.scenario.Scenario;
import org.racelab.scenario.ScenarioException;
import org.racelab.scenario.Stmt;
import org.racelab.scenario.ThreadDecl;
import org.racelab.scenario.ThreadRef;

/**
 * The rule the lock strategies ({@code mutex}, {@code rwlock}, {@code spin}) enforce before they
 * wrap a critical block: <b>the critical lock is held only across code that does not wait</b>.
 *
 * <p>Every critical block of a scenario takes the same lock, so a critical block that waits for
 * something another thread can only provide from inside (or after) a critical block waits forever.
 * A lock strategy therefore refuses, with the position of the offending operation:
 *
 * <ul>
 *   <li>a {@code critical} block nested in a critical block (the thread already holds the lock);
 *   <li>taking another lock: {@code lock m { }}, {@code read rw { }}, {@code write rw { }}, {@code
 *       m.lock()}, {@code rw.read_lock()}, {@code rw.write_lock()} (two locks taken in different
 *       orders deadlock; unlocking inside is refused with them, as it belongs to the same pair);
 *   <li>waiting operations: {@code ch.recv()}, {@code ch.send(v)} on a bounded channel, {@code
 *       b.wait()} on a barrier, {@code cv.wait(m)} (it releases {@code m}, not the critical lock);
 *   <li>{@code join t} when {@code t} enters a critical block, directly or by joining a thread that
 *       does (it could not finish while this thread holds the lock).
 * </ul>
 *
 * <p>Allowed: everything that never waits, including {@code spawn} (the child simply waits for the
 * lock if it needs it), unbounded sends, notifications, {@code yield} and {@code sleep}, and joins
 * of threads that never enter a critical block. A spin loop inside a critical block that waits for
 * a flag set from another critical block cannot be told apart from a bounded loop without running
 * it; it shows up as a run stopped at the step limit.
 */
final class LockSafety {
  private final String strategy;
  private final String file;
  private final Map<String, Decl> syncs = new HashMap<>();
  private final Set<String> needLock = new HashSet<>();
  private Stmt.@Nullable Critical current;

  LockSafety(String strategy, Scenario scenario) {
    this.strategy = strategy;
    this.file = scenario.file();
    for (Decl d : scenario.decls()) {
      if (!(d instanceof Decl.Var)) {
        syncs.put(d.name(), d);
      }
    }
    threadsThatNeedTheLock(scenario);
  }

  /**
   * The threads that cannot finish without the critical lock: those with a critical block, and
   * those that join one of them (a fixpoint over joins).
   */
  private void threadsThatNeedTheLock(Scenario scenario) {
    Map<String, Set<String>> joins = new HashMap<>();
    for (ThreadDecl t : scenario.threads()) {
      if (CriticalRewriter.containsCritical(t.body())) {
        needLock.add(t.name());
      }
      Set<String> joined = new HashSet<>();
      collectJoins(t.body(), joined);
      joins.put(t.name(), joined);
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Map.Entry<String, Set<String>> e : joins.entrySet()) {
        if (!needLock.contains(e.getKey())
            && e.getValue().stream().anyMatch(needLock::contains)
            && needLock.add(e.getKey())) {
          changed = true;
        }
      }
    }
  }

  private static void collectJoins(Stmt s, Set<String> out) {
    if (s instanceof Stmt.Join j) {
      out.add(j.thread().name());
    }
    for (Stmt child : CriticalRewriter.children(s)) {
      collectJoins(child, out);
    }
  }

  /** Refuses the critical block when it contains an operation that waits. */
  void check(Stmt.Critical c) throws ScenarioException {
    current = c;
    for (Stmt s : c.body().body()) {
      statement(s);
    }
  }

  private ScenarioException refuse(Pos pos, String what, String why, String fix) {
    return new ScenarioException(
        file,
        pos,
        String.format(
            java.util.Locale.ROOT,
            "strategy %s cannot protect the critical block at line %d: %s while holding the"
                + " critical lock, and %s; %s",
            strategy,
            current.pos().line(),
            what,
            why,
            fix));
  }

  private void statement(Stmt s) throws ScenarioException {
    if (s instanceof Stmt.Critical c) {
      throw refuse(
          c.pos(),
          "it enters another critical block",
          "every critical block takes the same lock, so this thread would wait for itself"
              + " (deadlock)",
          "merge the two blocks into one");
    } else if (s instanceof Stmt.Guarded g) {
      throw refuse(
          g.pos(),
          "it takes " + kindOf(g.object()) + " " + g.object(),
          "another thread holding "
              + g.object()
              + " may be waiting for the critical lock (a"
              + " lock-order deadlock)",
          "take " + g.object() + " outside the critical block, or let the strategy's lock do");
    } else if (s instanceof Stmt.Join j) {
      ThreadRef t = j.thread();
      expr(t.index());
      if (needLock.contains(t.name())) {
        throw refuse(
            j.pos(),
            "it joins thread " + t.name(),
            t.name() + " cannot finish without entering a critical block itself (deadlock)",
            "join after the critical block");
      }
    } else if (s instanceof Stmt.Let l) {
      expr(l.init());
    } else if (s instanceof Stmt.Assign a) {
      expr(a.target());
      expr(a.value());
    } else if (s instanceof Stmt.ExprStmt e) {
      expr(e.expr());
    } else if (s instanceof Stmt.If i) {
      expr(i.cond());
    } else if (s instanceof Stmt.While w) {
      expr(w.cond());
    } else if (s instanceof Stmt.Repeat r) {
      expr(r.count());
    } else if (s instanceof Stmt.For f) {
      expr(f.from());
      expr(f.to());
    } else if (s instanceof Stmt.Spawn sp) {
      for (Expr a : sp.args()) {
        expr(a);
      }
    } else if (s instanceof Stmt.Assert a) {
      expr(a.cond());
    } else if (s instanceof Stmt.Local l) {
      init(l.init());
    } else if (s instanceof Stmt.Free f) {
      expr(f.pointer());
    }
    for (Stmt child : CriticalRewriter.children(s)) {
      statement(child);
    }
  }

  private void init(@Nullable Init init) throws ScenarioException {
    if (init instanceof Init.Fill f) {
      expr(f.value());
    } else if (init instanceof Init.Elements e) {
      for (Expr x : e.values()) {
        expr(x);
      }
    }
  }

  private void expr(@Nullable Expr e) throws ScenarioException {
    if (e == null) {
      return;
    }
    if (e instanceof Expr.Call c) {
      call(c);
      expr(c.receiver());
      for (Expr a : c.args()) {
        expr(a);
      }
    } else if (e instanceof Expr.Index i) {
      expr(i.base());
      expr(i.index());
    } else if (e instanceof Expr.Slice s) {
      expr(s.base());
      expr(s.from());
      expr(s.to());
    } else if (e instanceof Expr.Deref d) {
      expr(d.pointer());
    } else if (e instanceof Expr.AddrOf a) {
      expr(a.place());
    } else if (e instanceof Expr.Unary u) {
      expr(u.operand());
    } else if (e instanceof Expr.Binary b) {
      expr(b.left());
      expr(b.right());
    } else if (e instanceof Expr.Cast c) {
      expr(c.value());
    } else if (e instanceof Expr.BoxNew b) {
      init(b.init());
    } else if (e instanceof Expr.VecNew v) {
      expr(v.capacity());
    }
  }

  private void call(Expr.Call c) throws ScenarioException {
    if (!(c.receiver() instanceof Expr.Name n) || n.at() != null) {
      return;
    }
    Decl d = syncs.get(n.name());
    String name = n.name();
    if (d instanceof Decl.Mutex || d instanceof Decl.RwLock) {
      throw refuse(
          c.pos(),
          "it calls " + name + "." + c.method() + "()",
          "another lock taken inside the critical lock can deadlock with a thread that takes them"
              + " the other way round",
          "lock and unlock " + name + " outside the critical block");
    } else if (d instanceof Decl.Channel ch) {
      if (c.method().equals("recv")) {
        throw refuse(
            c.pos(),
            "it waits for a message on " + name,
            "the sender may need the critical lock before it can send (deadlock)",
            "receive before or after the critical block");
      }
      if (c.method().equals("send") && ch.capacity() >= 0) {
        throw refuse(
            c.pos(),
            "it may wait for room on " + name + " (capacity " + ch.capacity() + ")",
            "the receiver may need the critical lock before it can make room (deadlock)",
            "send after the critical block, or use an unbounded channel");
      }
    } else if (d instanceof Decl.Barrier && c.method().equals("wait")) {
      throw refuse(
          c.pos(),
          "it waits at barrier " + name,
          "the other threads may need the critical lock to reach the barrier (deadlock)",
          "wait at the barrier outside the critical block");
    } else if (d instanceof Decl.Condvar && c.method().equals("wait")) {
      throw refuse(
          c.pos(),
          "it waits on condvar " + name,
          "the wait releases its mutex but not the critical lock, so the thread that would notify"
              + " may never get in (deadlock)",
          "wait on the condvar outside the critical block");
    }
  }

  private String kindOf(String object) {
    Decl d = syncs.get(object);
    return d instanceof Decl.RwLock ? "rwlock" : "mutex";
  }
}
