package org.racelab.strategy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.racelab.scenario.AtomicMethods;
import org.racelab.scenario.Decl;
import org.racelab.scenario.Expr;
import org.racelab.scenario.Scenario;
import org.racelab.scenario.Stmt;
import org.racelab.scenario.ThreadDecl;
import org.racelab.value.ArrayType;
import org.racelab.value.BoxType;
import org.racelab.value.Prim;
import org.racelab.value.PtrType;
import org.racelab.value.Type;
import org.racelab.value.VecType;

/**
 * What a name means at a point of a thread's code, as far as a rewrite needs to know: a top-level
 * location (with its storage and type), a synchronisation object, or a local of the thread (a let
 * value, a stack slot, an owning Box or Vec), with its type when it can be told without compiling.
 *
 * <p>It follows the compiler's scoping: parameters, then one scope per block; {@code let} and
 * {@code local} are visible from their statement to the end of their block. Locals cannot shadow
 * top-level names (the compiler refuses that), so a name that is not a local is a top-level one.
 */
final class Names {

  /** What kind of local a name is, as the compiler classifies them. */
  enum LocalKind {
    /** A let local or parameter: a value in a register, not memory. */
    VALUE,
    /** A {@code local} stack slot: memory in this thread's frame. */
    STACK,
    /** A local that owns a Box: its target is heap memory. */
    BOX,
    /** A local that owns a Vec: its elements are heap memory. */
    VEC
  }

  /** A local: its kind and, when known, its type. */
  record Local(LocalKind kind, @Nullable Type type) {}

  private final Map<String, Decl.Var> statics = new HashMap<>();
  private final Map<String, Decl> syncs = new HashMap<>();
  private final Deque<Map<String, Local>> scopes = new ArrayDeque<>();

  Names(Scenario scenario) {
    for (Decl d : scenario.decls()) {
      if (d instanceof Decl.Var v) {
        statics.put(v.name(), v);
      } else {
        syncs.put(d.name(), d);
      }
    }
  }

  /** Starts a thread: one scope with its parameters. */
  void startThread(ThreadDecl t) {
    scopes.clear();
    scopes.push(new HashMap<>());
    for (ThreadDecl.Param p : t.params()) {
      scopes
          .peek()
          .put(
              p.name(),
              new Local(p.type() instanceof BoxType ? LocalKind.BOX : LocalKind.VALUE, p.type()));
    }
  }

  void push() {
    scopes.push(new HashMap<>());
  }

  void pop() {
    scopes.pop();
  }

  /** Declares the local a {@code let} introduces, typed as the compiler would type it. */
  void declare(Stmt.Let let) {
    Type type = let.type();
    if (let.init() instanceof Expr.Name n && n.at() == null) {
      Local src = local(n.name());
      if (src != null && src.kind() == LocalKind.BOX && src.type() instanceof BoxType b) {
        // copying a Box copies its address, not the ownership
        put(let.name(), new Local(LocalKind.VALUE, type != null ? type : PtrType.to(b.target())));
        return;
      }
    }
    if (type == null) {
      type = typeOf(let.init());
    }
    LocalKind kind =
        type instanceof BoxType
            ? LocalKind.BOX
            : type instanceof VecType ? LocalKind.VEC : LocalKind.VALUE;
    put(let.name(), new Local(kind, type));
  }

  /** Declares the variable of a {@code for} loop: an i64 value, as the compiler makes it. */
  void declareLoopVariable(String name) {
    put(name, new Local(LocalKind.VALUE, Prim.I64));
  }

  /** Declares a {@code local} stack slot. */
  void declare(Stmt.Local local) {
    put(local.name(), new Local(LocalKind.STACK, local.type()));
  }

  private void put(String name, Local l) {
    scopes.peek().put(name, l);
  }

  /** The local a name denotes here, or null when it is not a local. */
  @Nullable Local local(String name) {
    for (Map<String, Local> scope : scopes) {
      Local l = scope.get(name);
      if (l != null) {
        return l;
      }
    }
    return null;
  }

  /** The top-level location of that name, or null. */
  Decl.@Nullable Var staticVar(String name) {
    return statics.get(name);
  }

  /** The synchronisation object of that name (mutex, rwlock, channel, ...), or null. */
  @Nullable Decl sync(String name) {
    return local(name) == null ? syncs.get(name) : null;
  }

  /**
   * The type of a value expression when it can be told from declarations alone, else null. Used
   * only to explain why an access has no atomic form before the compiler would; null means "let the
   * compiler decide".
   */
  @Nullable Type typeOf(Expr e) {
    if (e instanceof Expr.BoolLit) {
      return Prim.BOOL;
    } else if (e instanceof Expr.CharLit) {
      return Prim.CHAR;
    } else if (e instanceof Expr.FloatLit) {
      return Prim.F64;
    } else if (e instanceof Expr.Name n) {
      if (n.at() == null) {
        Local l = local(n.name());
        if (l != null) {
          if (l.kind() == LocalKind.BOX && l.type() instanceof BoxType b) {
            return PtrType.to(b.target());
          }
          return l.type();
        }
      }
      Decl.Var v = statics.get(n.name());
      return v == null || v.type() instanceof ArrayType ? null : v.type();
    } else if (e instanceof Expr.Index || e instanceof Expr.Deref) {
      Type t = placeType(e);
      return t instanceof ArrayType ? null : t;
    } else if (e instanceof Expr.AddrOf a) {
      if (a.place() instanceof Expr.Slice) {
        return null;
      }
      Type t = placeType(a.place());
      if (t instanceof ArrayType at) {
        return PtrType.to(at.element());
      }
      return t == null ? null : PtrType.to(t);
    } else if (e instanceof Expr.Cast c) {
      return c.type();
    } else if (e instanceof Expr.Alloc a) {
      return PtrType.to(leaf(a.type()));
    } else if (e instanceof Expr.BoxNew b) {
      return new BoxType(b.type());
    } else if (e instanceof Expr.VecNew v) {
      return new VecType(v.element());
    } else if (e instanceof Expr.Call c) {
      if (AtomicMethods.returnsOldValue(c.method())) {
        return isPlace(c.receiver()) ? placeType(c.receiver()) : null;
      }
      return AtomicMethods.COMPARE_EXCHANGES.contains(c.method()) ? Prim.BOOL : null;
    } else if (e instanceof Expr.Binary b && (b.op().isComparison() || isLogic(b.op()))) {
      return Prim.BOOL;
    }
    return null;
  }

  private static boolean isLogic(Expr.BinaryOp op) {
    return op == Expr.BinaryOp.AND || op == Expr.BinaryOp.OR;
  }

  /**
   * The type of the memory a place denotes (an array type for a whole array), or null when it
   * cannot be told. Mirrors the compiler: indexing an array gives its element, indexing a pointer
   * (held in memory or in a local) gives its target, a Vec gives its element.
   */
  @Nullable Type placeType(Expr e) {
    if (e instanceof Expr.Name n) {
      if (n.at() == null) {
        Local l = local(n.name());
        if (l != null) {
          if (l.kind() == LocalKind.STACK) {
            return l.type();
          }
          if (l.kind() == LocalKind.BOX && l.type() instanceof BoxType b) {
            return b.target();
          }
          return null;
        }
      }
      Decl.Var v = statics.get(n.name());
      return v == null ? null : v.type();
    } else if (e instanceof Expr.Index i) {
      if (vecLocal(i.base())) {
        return ((VecType) local(((Expr.Name) i.base()).name()).type()).element();
      }
      Type base = isPlace(i.base()) ? placeType(i.base()) : typeOf(i.base());
      if (base instanceof ArrayType a) {
        return a.element();
      }
      if (base instanceof PtrType p) {
        return p.target();
      }
      return null;
    } else if (e instanceof Expr.Deref d) {
      Type p = typeOf(d.pointer());
      return p instanceof PtrType pt ? pt.target() : null;
    }
    return null;
  }

  /** Whether the compiler treats this expression as a place (its address is taken, not read). */
  boolean isPlace(Expr e) {
    if (e instanceof Expr.Name n) {
      if (n.at() != null) {
        return true;
      }
      Local l = local(n.name());
      if (l != null) {
        return l.kind() == LocalKind.STACK || l.kind() == LocalKind.BOX;
      }
      return statics.containsKey(n.name());
    }
    return e instanceof Expr.Index || e instanceof Expr.Deref;
  }

  /** Whether the expression names a local that owns a Vec. */
  boolean vecLocal(Expr e) {
    if (e instanceof Expr.Name n && n.at() == null) {
      Local l = local(n.name());
      return l != null && l.kind() == LocalKind.VEC && l.type() instanceof VecType;
    }
    return false;
  }

  static Type leaf(Type t) {
    while (t instanceof ArrayType a) {
      t = a.element();
    }
    return t;
  }

  /** Whether a value of this type has an atomic form (as the compiler's atomic methods require). */
  static boolean atomicCapable(Type t) {
    return (t instanceof PtrType p && !p.fat()) || (t instanceof Prim prim && prim != Prim.F64);
  }

  /** Every statement list's scope handling in one place: runs {@code body} inside a new scope. */
  <T> T scoped(ScopedWork<T> body) throws org.racelab.scenario.ScenarioException {
    push();
    try {
      return body.run();
    } finally {
      pop();
    }
  }

  /** Work done inside a scope. */
  @FunctionalInterface
  interface ScopedWork<T> {
    T run() throws org.racelab.scenario.ScenarioException;
  }
}
