package org.racelab.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.racelab.scenario.Decl;
import org.racelab.scenario.Expr;
import org.racelab.scenario.Init;
import org.racelab.scenario.Scenario;
import org.racelab.scenario.ScenarioException;
import org.racelab.scenario.ScenarioPrinter;
import org.racelab.scenario.Stmt;
import org.racelab.scenario.ThreadRef;
import org.racelab.value.ArrayType;
import org.racelab.value.Ordering;
import org.racelab.value.Type;

/**
 * The atomic strategies: every access to shared memory inside a critical block becomes an atomic
 * access, and nothing else changes. {@code atomic} uses seq_cst for both, {@code relaxed} relaxed,
 * {@code release-acquire} acquire loads and release stores.
 *
 * <p>Rewrite rules, applied inside critical blocks only:
 *
 * <ul>
 *   <li>A read of shared memory {@code e} becomes {@code e.load(R)}; a write {@code e = v} becomes
 *       {@code e.store(v, W)}. A read-modify-write {@code x = x + 1} therefore stays a separate
 *       load and store: no data race, but another thread's update can fall between the two and be
 *       lost. That is the lesson the strategy exists to show.
 *   <li>Shared memory is what other threads can reach: {@code shared} locations (atomicity belongs
 *       to the access, so a plain {@code shared} location may be accessed atomically), heap memory
 *       reached through a Box, a Vec or a pointer, and anything behind a pointer (which may point
 *       anywhere; an atomic access to a thread's own memory is harmless).
 *   <li>Not shared, left as written: let locals and parameters (registers, not memory), {@code
 *       local} stack slots, {@code thread_local} locations (also {@code count@main}: the scenario's
 *       explicit way of reaching another thread's instance stays plain, so its race stays visible).
 *   <li>Accesses that are already atomic ({@code x.fetch_add(1, relaxed)}, any method on an {@code
 *       atomic} location) keep the ordering the author chose; plain accesses to an {@code atomic}
 *       location do not exist (the compiler refuses them).
 *   <li>The reads that compute an address are rewritten too: in {@code a[i]} a shared {@code i}
 *       becomes {@code i.load(R)}; a pointer held in a shared location is loaded atomically before
 *       it is followed ({@code (*p.load(R)).store(v, W)}).
 *   <li>Allocation, {@code free}, {@code drop} and scope ends are not accesses with an atomic form
 *       and stay as they are; nested critical blocks become plain blocks (their accesses are
 *       rewritten once).
 * </ul>
 *
 * <p>A block that has no atomic form is refused with the position of the access: an {@code f64} or
 * a slice pointer ({@code ptr<[T]>}), and {@code v.push(e)} on a Vec (it writes an element and the
 * length, and may reallocate). Accesses whose type is only known after compiling (through a pointer
 * of inferred type) are checked by compiling the rewritten scenario ({@link Strategies}).
 */
final class AtomicStrategy implements Strategy {
  private final String name;
  private final Ordering load;
  private final Ordering store;

  AtomicStrategy(String name, Ordering load, Ordering store) {
    this.name = name;
    this.load = load;
    this.store = store;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Kind kind() {
    return Kind.ATOMIC;
  }

  @Override
  public String description() {
    return load == store
        ? "every shared access in a critical block becomes a "
            + load.display()
            + " atomic load or store"
        : "every shared read in a critical block becomes a "
            + load.display()
            + " load, every write a "
            + store.display()
            + " store";
  }

  @Override
  public Scenario apply(Scenario scenario) throws ScenarioException {
    CriticalRewriter rewriter =
        new CriticalRewriter(scenario) {
          @Override
          Stmt critical(Stmt.Critical c) throws ScenarioException {
            return new Rewrite(scenario.file(), names).block(c.body());
          }
        };
    return rewriter.rewrite();
  }

  /** The rewrite of one critical block's body, with the names in scope where it stands. */
  private final class Rewrite {
    private final String file;
    private final Names names;

    Rewrite(String file, Names names) {
      this.file = file;
      this.names = names;
    }

    Stmt.Block block(Stmt.Block b) throws ScenarioException {
      return names.scoped(
          () -> {
            List<Stmt> out = new ArrayList<>();
            for (Stmt s : b.body()) {
              out.add(statement(s));
            }
            return new Stmt.Block(b.pos(), List.copyOf(out), b.end());
          });
    }

    private Stmt statement(Stmt s) throws ScenarioException {
      if (s instanceof Stmt.Let l) {
        Stmt out = new Stmt.Let(l.pos(), l.name(), l.type(), value(l.init()));
        names.declare(l);
        return out;
      } else if (s instanceof Stmt.Assign a) {
        return assign(a);
      } else if (s instanceof Stmt.ExprStmt e) {
        return new Stmt.ExprStmt(e.pos(), value(e.expr()));
      } else if (s instanceof Stmt.Block b) {
        return block(b);
      } else if (s instanceof Stmt.If i) {
        return new Stmt.If(
            i.pos(),
            value(i.cond()),
            block(i.then()),
            i.otherwise() == null ? null : statement(i.otherwise()));
      } else if (s instanceof Stmt.While w) {
        return new Stmt.While(w.pos(), value(w.cond()), block(w.body()));
      } else if (s instanceof Stmt.Loop l) {
        return new Stmt.Loop(l.pos(), block(l.body()));
      } else if (s instanceof Stmt.Repeat r) {
        return new Stmt.Repeat(r.pos(), value(r.count()), block(r.body()));
      } else if (s instanceof Stmt.For f) {
        Expr from = value(f.from());
        Expr to = value(f.to());
        Stmt.Block body =
            names.scoped(
                () -> {
                  names.declareLoopVariable(f.name());
                  return block(f.body());
                });
        return new Stmt.For(f.pos(), f.name(), from, to, body);
      } else if (s instanceof Stmt.Guarded g) {
        return new Stmt.Guarded(g.pos(), g.kind(), g.object(), g.objectPos(), block(g.body()));
      } else if (s instanceof Stmt.Critical c) {
        return block(c.body());
      } else if (s instanceof Stmt.Spawn sp) {
        return new Stmt.Spawn(sp.pos(), threadRef(sp.thread()), values(sp.args()));
      } else if (s instanceof Stmt.Join j) {
        return new Stmt.Join(j.pos(), threadRef(j.thread()));
      } else if (s instanceof Stmt.Assert a) {
        return new Stmt.Assert(a.pos(), value(a.cond()), a.message());
      } else if (s instanceof Stmt.Local l) {
        Stmt out = new Stmt.Local(l.pos(), l.name(), l.type(), init(l.init()));
        names.declare(l);
        return out;
      } else if (s instanceof Stmt.Free f) {
        return new Stmt.Free(f.pos(), value(f.pointer()));
      }
      // break, continue, fence, yield, sleep, drop, forget: no access to rewrite
      return s;
    }

    private Stmt assign(Stmt.Assign a) throws ScenarioException {
      Expr target = a.target();
      if (target instanceof Expr.Name n && n.at() == null) {
        Names.Local l = names.local(n.name());
        if (l != null && l.kind() != Names.LocalKind.STACK) {
          // a let local, parameter, Box or Vec handle: a register, not memory
          return new Stmt.Assign(a.pos(), target, value(a.value()));
        }
      }
      if (shared(target)) {
        Type type = names.placeType(target);
        if (!(type instanceof ArrayType)) {
          requireAtomicForm(target, type, "write");
          return new Stmt.ExprStmt(
              a.pos(),
              new Expr.Call(
                  target.pos(),
                  place(target),
                  "store",
                  List.of(value(a.value()), new Expr.OrderLit(target.pos(), store))));
        }
      }
      return new Stmt.Assign(a.pos(), place(target), value(a.value()));
    }

    /** Whether a place is memory other threads can reach (see the class comment). */
    private boolean shared(Expr place) {
      if (place instanceof Expr.Name n) {
        if (n.at() != null) {
          return false;
        }
        Names.Local l = names.local(n.name());
        if (l != null) {
          // as a place, a Box local stands for its heap target; stack slots are private
          return l.kind() == Names.LocalKind.BOX;
        }
        Decl.Var v = names.staticVar(n.name());
        return v != null && v.storage() == Decl.Storage.SHARED;
      } else if (place instanceof Expr.Index i) {
        if (names.vecLocal(i.base())) {
          return true;
        }
        if (names.isPlace(i.base())) {
          Type base = names.placeType(i.base());
          if (base instanceof ArrayType) {
            // an element of an array: shared when the array is
            return shared(i.base());
          }
        }
        // through a pointer (held in memory or in a local)
        return true;
      } else if (place instanceof Expr.Deref) {
        return true;
      }
      return false;
    }

    private void requireAtomicForm(Expr access, @Nullable Type type, String verb)
        throws ScenarioException {
      if (type != null && !Names.atomicCapable(type)) {
        throw new ScenarioException(
            file,
            access.pos(),
            String.format(
                Locale.ROOT,
                "strategy %s cannot make this %s of %s atomic: it is %s, and atomics hold"
                    + " integers, bool, char and thin pointers only; protect this block with a"
                    + " lock strategy (mutex, rwlock, spin, channel) instead",
                name,
                verb,
                ScenarioPrinter.print(access),
                type.display()));
      }
    }

    private Expr atomicRead(Expr place) throws ScenarioException {
      Type type = names.placeType(place);
      if (type instanceof ArrayType) {
        // reading a whole array is refused by the compiler; leave it to say so
        return place(place);
      }
      requireAtomicForm(place, type, "read");
      return new Expr.Call(
          place.pos(), place(place), "load", List.of(new Expr.OrderLit(place.pos(), load)));
    }

    /** An expression in value position: its reads of shared memory become atomic loads. */
    Expr value(Expr e) throws ScenarioException {
      if (e instanceof Expr.Name n) {
        if (n.at() == null && names.local(n.name()) != null) {
          // a let value, a Box's address, or a private stack slot: no shared access
          return e;
        }
        return shared(e) ? atomicRead(e) : e;
      } else if (e instanceof Expr.Index || e instanceof Expr.Deref) {
        return shared(e) ? atomicRead(e) : place(e);
      } else if (e instanceof Expr.AddrOf a) {
        if (a.place() instanceof Expr.Slice s) {
          return new Expr.AddrOf(
              a.pos(),
              new Expr.Slice(s.pos(), sliceBase(s.base()), value(s.from()), value(s.to())),
              a.borrow());
        }
        return new Expr.AddrOf(a.pos(), place(a.place()), a.borrow());
      } else if (e instanceof Expr.Unary u) {
        return new Expr.Unary(u.pos(), u.op(), value(u.operand()));
      } else if (e instanceof Expr.Binary b) {
        return new Expr.Binary(b.pos(), b.op(), value(b.left()), value(b.right()));
      } else if (e instanceof Expr.Cast c) {
        return new Expr.Cast(c.pos(), value(c.value()), c.type());
      } else if (e instanceof Expr.Call c) {
        return call(c);
      } else if (e instanceof Expr.BoxNew b) {
        return new Expr.BoxNew(b.pos(), b.type(), init(b.init()));
      } else if (e instanceof Expr.VecNew v) {
        return new Expr.VecNew(v.pos(), v.element(), value(v.capacity()));
      }
      // literals, orderings, tid, alloc; a bare slice is refused by the compiler
      return e;
    }

    /**
     * A place: the reads that compute its address are rewritten, the access to the place itself is
     * not (the caller decides).
     */
    private Expr place(Expr e) throws ScenarioException {
      if (e instanceof Expr.Index i) {
        Expr base;
        if (names.vecLocal(i.base())) {
          base = i.base();
        } else if (names.isPlace(i.base()) && names.placeType(i.base()) instanceof ArrayType) {
          // indexing an array in place
          base = place(i.base());
        } else {
          // the base holds a pointer: reading it is an access of its own
          base = value(i.base());
        }
        return new Expr.Index(i.pos(), base, value(i.index()));
      } else if (e instanceof Expr.Deref d) {
        return new Expr.Deref(d.pos(), value(d.pointer()));
      }
      return e;
    }

    private Expr sliceBase(Expr base) throws ScenarioException {
      if (names.isPlace(base) && names.placeType(base) instanceof ArrayType) {
        return place(base);
      }
      return value(base);
    }

    private Expr call(Expr.Call c) throws ScenarioException {
      if (c.receiver() instanceof Expr.Name n && n.at() == null) {
        if (names.sync(n.name()) != null) {
          // a channel, lock, barrier or condvar method: only its arguments are values
          return new Expr.Call(c.pos(), c.receiver(), c.method(), values(c.args()));
        }
        if (names.vecLocal(c.receiver())) {
          if (c.method().equals("push")) {
            throw new ScenarioException(
                file,
                c.pos(),
                "strategy "
                    + name
                    + " cannot make "
                    + n.name()
                    + ".push(...) atomic: a push writes an element and the length, and may"
                    + " reallocate the buffer, so it has no atomic form; protect this block with a"
                    + " lock strategy (mutex, rwlock, spin, channel) instead");
          }
          return new Expr.Call(c.pos(), c.receiver(), c.method(), values(c.args()));
        }
      }
      // an atomic method: it keeps its orderings; its address and operands may read shared memory
      return new Expr.Call(c.pos(), place(c.receiver()), c.method(), values(c.args()));
    }

    private List<Expr> values(List<Expr> es) throws ScenarioException {
      List<Expr> out = new ArrayList<>();
      for (Expr e : es) {
        out.add(value(e));
      }
      return List.copyOf(out);
    }

    private @Nullable Init init(@Nullable Init init) throws ScenarioException {
      if (init instanceof Init.Fill f) {
        return new Init.Fill(f.pos(), value(f.value()));
      } else if (init instanceof Init.Elements e) {
        return new Init.Elements(e.pos(), values(e.values()));
      }
      return init;
    }

    private ThreadRef threadRef(ThreadRef r) throws ScenarioException {
      return r.index() == null ? r : new ThreadRef(r.pos(), r.name(), value(r.index()));
    }
  }
}
