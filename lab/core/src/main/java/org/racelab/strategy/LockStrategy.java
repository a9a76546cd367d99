package org.racelab.strategy;

import java.util.ArrayList;
import java.util.List;
import org.racelab.scenario.Decl;
import org.racelab.scenario.Expr;
import org.racelab.scenario.Init;
import org.racelab.scenario.Pos;
import org.racelab.scenario.Scenario;
import org.racelab.scenario.ScenarioException;
import org.racelab.scenario.Stmt;
import org.racelab.value.Ordering;
import org.racelab.value.Prim;

/**
 * The lock strategies: one lock, added to the scenario under a fresh name, taken around every
 * critical block. All critical blocks share it, as OpenMP's unnamed {@code critical} sections do:
 * critical blocks in different threads (or different places of one thread) exclude each other,
 * which is what makes a transfer between two accounts atomic against an auditor reading both.
 *
 * <ul>
 *   <li>{@code mutex}: {@code critical { B }} becomes {@code lock critical_mutex { B }}. The guard
 *       is released at the end of the block, on {@code break}/{@code continue}, and when the thread
 *       panics (poisoning the mutex, as Rust does).
 *   <li>{@code rwlock}: {@code critical { B }} becomes {@code write critical_rwlock { B }} and
 *       {@code critical read { B }} becomes {@code read critical_rwlock { B }}: readers share the
 *       lock. (A {@code critical read} block that writes shared memory races with other readers
 *       under this strategy, and the run shows it.)
 *   <li>{@code spin}: a test-and-set lock on a fresh {@code atomic critical_spin: bool = false}:
 *       <pre>
 * {
 *     while !critical_spin.compare_exchange(false, true, acquire, relaxed) { }
 *     { B }
 *     critical_spin.store(false, release)
 * }</pre>
 *       A {@code break} or {@code continue} that leaves {@code B} releases the lock first. A panic
 *       inside {@code B} leaves it taken (a spin lock has no unwinding guard), so the other threads
 *       spin until the step limit. Every failed compare-exchange is a step spent spinning.
 *   <li>{@code channel}: a channel of capacity 1 used as a semaphore (Go's idiom for a mutex made
 *       of a buffered channel), on a fresh {@code channel critical_token: bool cap 1}:
 *       <pre>
 * {
 *     critical_token.send(true)      # blocks while another thread holds the token
 *     { B }
 *     critical_token.recv()          # frees the slot for the next sender
 * }</pre>
 *       The ordering comes from the bounded channel's rule that the k-th receive happens before the
 *       (k+1)-th send completes: one block's end is ordered before the next block's start. Exits
 *       and panics are treated as for {@code spin}.
 * </ul>
 *
 * <p>Before wrapping a block, the strategy checks it with {@link LockSafety}: a critical block must
 * not wait while it holds the lock.
 */
final class LockStrategy implements Strategy {

  /** The kind of lock. */
  enum Lock {
    MUTEX("mutex", "critical_mutex"),
    RWLOCK("rwlock", "critical_rwlock"),
    SPIN("spin", "critical_spin"),
    CHANNEL("channel", "critical_token");

    final String strategy;
    final String baseName;

    Lock(String strategy, String baseName) {
      this.strategy = strategy;
      this.baseName = baseName;
    }
  }

  private final Lock lock;

  LockStrategy(Lock lock) {
    this.lock = lock;
  }

  @Override
  public String name() {
    return lock.strategy;
  }

  @Override
  public Kind kind() {
    return Kind.LOCK;
  }

  @Override
  public String description() {
    return switch (lock) {
      case MUTEX -> "one mutex, shared by every critical block, held for the whole block";
      case RWLOCK ->
          "one read-write lock: critical blocks take it for writing, critical read blocks for"
              + " reading (readers share it)";
      case SPIN ->
          "one test-and-set spin lock: compare_exchange(false, true, acquire, relaxed) until it"
              + " succeeds, store(false, release) to leave";
      case CHANNEL ->
          "one channel of capacity 1 as a semaphore: send a token to enter (blocks while another"
              + " block holds it), receive it to leave";
    };
  }

  @Override
  public Scenario apply(Scenario scenario) throws ScenarioException {
    LockSafety safety = new LockSafety(lock.strategy, scenario);
    String name = FreshNames.fresh(scenario, lock.baseName);
    CriticalRewriter rewriter =
        new CriticalRewriter(scenario) {
          @Override
          Stmt critical(Stmt.Critical c) throws ScenarioException {
            safety.check(c);
            return wrap(c, name);
          }

          @Override
          List<Decl> extraDecls() {
            return List.of(declaration(name));
          }
        };
    return rewriter.rewrite();
  }

  private Decl declaration(String name) {
    // Pos.NONE marks it as generated: it has no place in the source, and it is not one of the
    // scenario's locations (final values leave it out)
    return switch (lock) {
      case MUTEX -> new Decl.Mutex(Pos.NONE, name);
      case RWLOCK -> new Decl.RwLock(Pos.NONE, name);
      case SPIN ->
          new Decl.Var(
              Pos.NONE,
              Decl.Storage.ATOMIC,
              name,
              Prim.BOOL,
              new Init.Fill(Pos.NONE, new Expr.BoolLit(Pos.NONE, false)));
      case CHANNEL -> new Decl.Channel(Pos.NONE, name, Prim.BOOL, 1);
    };
  }

  private Stmt wrap(Stmt.Critical c, String name) {
    Pos pos = c.pos();
    return switch (lock) {
      case MUTEX -> new Stmt.Guarded(pos, Stmt.GuardKind.LOCK, name, pos, c.body());
      case RWLOCK ->
          new Stmt.Guarded(
              pos, c.read() ? Stmt.GuardKind.READ : Stmt.GuardKind.WRITE, name, pos, c.body());
      case SPIN -> spin(c, name);
      case CHANNEL -> token(c, name);
    };
  }

  private static Stmt token(Stmt.Critical c, String channel) {
    Pos pos = c.pos();
    Stmt enter =
        new Stmt.ExprStmt(
            pos,
            new Expr.Call(
                pos,
                new Expr.Name(pos, channel, null),
                "send",
                List.of(new Expr.BoolLit(pos, true))));
    Stmt leave = tokenBack(c.body().end(), channel);
    Stmt.Block body = releasingExits(c.body(), tokenBack(pos, channel), 0);
    return new Stmt.Block(pos, List.of(enter, body, leave), c.body().end());
  }

  private static Stmt tokenBack(Pos pos, String channel) {
    return new Stmt.ExprStmt(
        pos, new Expr.Call(pos, new Expr.Name(pos, channel, null), "recv", List.of()));
  }

  private static Stmt spin(Stmt.Critical c, String flag) {
    Pos pos = c.pos();
    Expr tryLock =
        new Expr.Call(
            pos,
            new Expr.Name(pos, flag, null),
            "compare_exchange",
            List.of(
                new Expr.BoolLit(pos, false),
                new Expr.BoolLit(pos, true),
                new Expr.OrderLit(pos, Ordering.ACQUIRE),
                new Expr.OrderLit(pos, Ordering.RELAXED)));
    Stmt acquire =
        new Stmt.While(
            pos,
            new Expr.Unary(pos, Expr.UnaryOp.NOT, tryLock),
            new Stmt.Block(pos, List.of(), pos));
    Stmt.Block body = releasingExits(c.body(), release(pos, flag), 0);
    return new Stmt.Block(
        pos, List.of(acquire, body, release(c.body().end(), flag)), c.body().end());
  }

  private static Stmt release(Pos pos, String flag) {
    return new Stmt.ExprStmt(
        pos,
        new Expr.Call(
            pos,
            new Expr.Name(pos, flag, null),
            "store",
            List.of(new Expr.BoolLit(pos, false), new Expr.OrderLit(pos, Ordering.RELEASE))));
  }

  /**
   * The block with {@code release} in front of every {@code break}/{@code continue} that leaves it
   * (those not inside a loop of the block itself).
   */
  private static Stmt.Block releasingExits(Stmt.Block b, Stmt release, int loops) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : b.body()) {
      out.add(releasingExits(s, release, loops));
    }
    return new Stmt.Block(b.pos(), List.copyOf(out), b.end());
  }

  private static Stmt releasingExits(Stmt s, Stmt release, int loops) {
    if ((s instanceof Stmt.Break || s instanceof Stmt.Continue) && loops == 0) {
      return new Stmt.Block(s.pos(), List.of(release, s), s.pos());
    } else if (s instanceof Stmt.Block b) {
      return releasingExits(b, release, loops);
    } else if (s instanceof Stmt.If i) {
      return new Stmt.If(
          i.pos(),
          i.cond(),
          releasingExits(i.then(), release, loops),
          i.otherwise() == null ? null : releasingExits(i.otherwise(), release, loops));
    } else if (s instanceof Stmt.While w) {
      return new Stmt.While(w.pos(), w.cond(), releasingExits(w.body(), release, loops + 1));
    } else if (s instanceof Stmt.Loop l) {
      return new Stmt.Loop(l.pos(), releasingExits(l.body(), release, loops + 1));
    } else if (s instanceof Stmt.Repeat r) {
      return new Stmt.Repeat(r.pos(), r.count(), releasingExits(r.body(), release, loops + 1));
    } else if (s instanceof Stmt.For f) {
      return new Stmt.For(
          f.pos(), f.name(), f.from(), f.to(), releasingExits(f.body(), release, loops + 1));
    }
    return s;
  }
}
