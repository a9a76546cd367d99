package org.racelab.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.racelab.memory.UbKind;
import org.racelab.scenario.AtomicMethods;
import org.racelab.scenario.Decl;
import org.racelab.scenario.Expectation;
import org.racelab.scenario.Expr;
import org.racelab.scenario.Expr.BinaryOp;
import org.racelab.scenario.Expr.UnaryOp;
import org.racelab.scenario.Init;
import org.racelab.scenario.Pos;
import org.racelab.scenario.Scenario;
import org.racelab.scenario.ScenarioException;
import org.racelab.scenario.Stmt;
import org.racelab.scenario.ThreadDecl;
import org.racelab.scenario.ThreadRef;
import org.racelab.value.ArrayType;
import org.racelab.value.BoxType;
import org.racelab.value.Ordering;
import org.racelab.value.Pointer;
import org.racelab.value.Prim;
import org.racelab.value.PtrType;
import org.racelab.value.Scalar;
import org.racelab.value.Type;
import org.racelab.value.Value;
import org.racelab.value.VecType;

/**
 * Compiles a scenario to per-thread instruction lists, resolving names and checking types on the
 * way. Everything {@code racelab check} reports comes from here, so a scenario that checks cleanly
 * also runs.
 *
 * <p>Typing follows Rust where it teaches something (atomicity belongs to the access; a let local
 * is a register, not memory; a Box frees itself; integers overflow with a panic) and is lenient
 * where it would only get in the way of a concurrency lesson (integer types mix freely in
 * arithmetic; the stored value must still fit its location).
 */
public final class Compiler {
  private final Scenario scenario;
  private final String file;
  private final String[] sourceLines;

  private final Map<String, Integer> statics = new HashMap<>();
  private final List<Program.StaticVar> staticVars = new ArrayList<>();
  private final Map<String, Sync> syncs = new HashMap<>();
  private final Map<String, Integer> threadIndex = new HashMap<>();
  private final List<String> mutexes = new ArrayList<>();
  private final List<String> rwlocks = new ArrayList<>();
  private final List<Program.ChannelDef> channels = new ArrayList<>();
  private final List<Program.BarrierDef> barriers = new ArrayList<>();
  private final List<String> condvars = new ArrayList<>();

  // per-thread state
  private List<Instr> code = new ArrayList<>();
  private int slotCount;
  private final List<String> slotNames = new ArrayList<>();
  private final Deque<Map<String, Local>> scopes = new ArrayDeque<>();
  private final Deque<LoopContext> loops = new ArrayDeque<>();
  private @Nullable ThreadDecl current;
  private boolean finalMode;
  private String allocName = "";

  private enum SyncKind {
    MUTEX("mutex"),
    RWLOCK("rwlock"),
    CHANNEL("channel"),
    BARRIER("barrier"),
    CONDVAR("condvar");

    final String label;

    SyncKind(String label) {
      this.label = label;
    }
  }

  private record Sync(SyncKind kind, int index, Decl decl) {}

  private enum LocalKind {
    VALUE,
    STACK,
    BOX,
    VEC
  }

  private record Local(String name, int slot, LocalKind kind, Type type) {}

  private record LoopContext(int depth, List<Integer> breaks, List<Integer> continues) {}

  /** A static type: {@code literal} integers adapt to their context; {@code unit} has no value. */
  private record Ty(Type type, boolean literal, boolean unit, boolean nullLiteral) {
    static Ty of(Type t) {
      return new Ty(t, false, false, false);
    }

    static final Ty UNIT = new Ty(Prim.BOOL, false, true, false);
  }

  /**
   * A place in memory, with its pointer on the stack: its value type, and for a whole array its
   * length (the pointer then points at element 0, typed as the element).
   */
  private record Place(Type type, int arrayLength, boolean atomicDecl, String what) {
    boolean wholeArray() {
      return arrayLength > 0;
    }
  }

  private int scopeDepth;

  private Compiler(Scenario scenario) {
    this.scenario = scenario;
    this.file = scenario.file();
    this.sourceLines = scenario.source().split("\n", -1);
  }

  /** Compiles a parsed scenario. */
  public static Program compile(Scenario scenario) throws ScenarioException {
    return new Compiler(scenario).program();
  }

  private ScenarioException error(Pos pos, String message) {
    return new ScenarioException(file, pos, message);
  }

  private Program program() throws ScenarioException {
    for (ThreadDecl t : scenario.threads()) {
      threadIndex.put(t.name(), threadIndex.size());
    }
    for (Decl d : scenario.decls()) {
      declare(d);
    }
    List<Program.ThreadCode> threads = new ArrayList<>();
    for (ThreadDecl t : scenario.threads()) {
      threads.add(thread(t));
    }
    boolean anyStarts = scenario.threads().stream().anyMatch(t -> !t.spawned());
    if (!anyStarts) {
      throw error(
          scenario.threads().get(0).pos(),
          "every thread is 'spawned', so nothing would ever run; remove 'spawned' from one");
    }
    List<Program.CheckedExpectation> expectations = new ArrayList<>();
    for (Expectation e : scenario.expectations()) {
      expectations.add(expectation(e));
    }
    return new Program(
        scenario,
        List.copyOf(staticVars),
        List.copyOf(mutexes),
        List.copyOf(rwlocks),
        List.copyOf(channels),
        List.copyOf(barriers),
        List.copyOf(condvars),
        List.copyOf(threads),
        List.copyOf(expectations));
  }

  // ---------------------------------------------------------------- declarations

  private void declare(Decl d) throws ScenarioException {
    if (threadIndex.containsKey(d.name())) {
      throw error(d.pos(), "'" + d.name() + "' is both a thread and a " + describe(d));
    }
    if (d instanceof Decl.Var v) {
      checkStorable(v.type(), v.pos());
      if (v.storage() == Decl.Storage.ATOMIC && !atomicCapable(v.type())) {
        throw error(
            v.pos(),
            "an atomic location holds an integer, bool, char or pointer (or an array of them),"
                + " not "
                + v.type().display());
      }
      statics.put(v.name(), staticVars.size());
      staticVars.add(
          new Program.StaticVar(
              v.name(), v.storage(), v.type(), staticInit(v.type(), v.init()), v.pos()));
    } else if (d instanceof Decl.Mutex m) {
      syncs.put(m.name(), new Sync(SyncKind.MUTEX, mutexes.size(), d));
      mutexes.add(m.name());
    } else if (d instanceof Decl.RwLock r) {
      syncs.put(r.name(), new Sync(SyncKind.RWLOCK, rwlocks.size(), d));
      rwlocks.add(r.name());
    } else if (d instanceof Decl.Channel c) {
      if (c.element() instanceof VecType) {
        throw error(c.pos(), "a channel cannot carry a Vec; send a Box or a pointer");
      }
      syncs.put(c.name(), new Sync(SyncKind.CHANNEL, channels.size(), d));
      channels.add(new Program.ChannelDef(c.name(), c.element(), c.capacity()));
    } else if (d instanceof Decl.Barrier b) {
      syncs.put(b.name(), new Sync(SyncKind.BARRIER, barriers.size(), d));
      barriers.add(new Program.BarrierDef(b.name(), b.parties()));
    } else if (d instanceof Decl.Condvar c) {
      syncs.put(c.name(), new Sync(SyncKind.CONDVAR, condvars.size(), d));
      condvars.add(c.name());
    }
  }

  private static String describe(Decl d) {
    if (d instanceof Decl.Var) {
      return "location";
    } else if (d instanceof Decl.Mutex) {
      return "mutex";
    } else if (d instanceof Decl.RwLock) {
      return "rwlock";
    } else if (d instanceof Decl.Channel) {
      return "channel";
    } else if (d instanceof Decl.Barrier) {
      return "barrier";
    } else if (d instanceof Decl.Condvar) {
      return "condvar";
    }
    throw new IllegalArgumentException("unexpected syntax node: " + d);
  }

  private void checkStorable(Type t, Pos pos) throws ScenarioException {
    Type leaf = leaf(t);
    if (!leaf.storable()) {
      throw error(
          pos,
          leaf.display()
              + " lives only in a let local; memory can hold its address (ptr<T>) instead");
    }
  }

  private static Type leaf(Type t) {
    while (t instanceof ArrayType a) {
      t = a.element();
    }
    return t;
  }

  private static int cellCount(Type t) {
    int n = 1;
    while (t instanceof ArrayType a) {
      n *= a.length();
      t = a.element();
    }
    return n;
  }

  private static boolean atomicCapable(Type t) {
    Type leaf = leaf(t);
    return (leaf instanceof PtrType p && !p.fat())
        || (leaf instanceof Prim prim && prim != Prim.F64);
  }

  private List<Value> staticInit(Type type, @Nullable Init init) throws ScenarioException {
    Type cell = leaf(type);
    int n = cellCount(type);
    List<Value> out = new ArrayList<>();
    if (init == null) {
      return out;
    }
    if (init instanceof Init.Fill f) {
      Value v = constant(f.value(), cell);
      for (int i = 0; i < n; i++) {
        out.add(v);
      }
    } else if (init instanceof Init.Elements e) {
      if (e.values().size() != n) {
        throw error(
            e.pos(),
            "expected "
                + n
                + " value"
                + (n == 1 ? "" : "s")
                + " for "
                + type.display()
                + ", found "
                + e.values().size());
      }
      for (Expr x : e.values()) {
        out.add(constant(x, cell));
      }
    }
    return out;
  }

  /** Evaluates an initial value at compile time. */
  private Value constant(Expr e, Type target) throws ScenarioException {
    if (e instanceof Expr.IntLit i) {
      return literalInt(i.value(), target, i.pos());
    } else if (e instanceof Expr.FloatLit f) {
      if (target != Prim.F64) {
        throw error(f.pos(), "expected a value of type " + target.display() + ", found a float");
      }
      return Scalar.ofDouble(f.value());
    } else if (e instanceof Expr.BoolLit b) {
      requireType(target, Prim.BOOL, b.pos());
      return Scalar.of(b.value());
    } else if (e instanceof Expr.CharLit c) {
      requireType(target, Prim.CHAR, c.pos());
      return new Scalar(Prim.CHAR, c.codePoint());
    } else if (e instanceof Expr.NullLit n) {
      if (!(target instanceof PtrType pt)) {
        throw error(n.pos(), "null is a pointer, but this location is " + target.display());
      }
      return new Pointer(pt.target(), 0, 0, pt.fat() ? 0 : -1);
    } else if (e instanceof Expr.Unary u
        && u.op() == UnaryOp.NEG
        && u.operand() instanceof Expr.FloatLit f) {
      requireType(target, Prim.F64, f.pos());
      return Scalar.ofDouble(-f.value());
    } else {
      throw error(
          e.pos(),
          "an initial value must be a constant (a number, true/false, a character, null);"
              + " compute other values in a thread");
    }
  }

  private void requireType(Type target, Prim want, Pos pos) throws ScenarioException {
    if (target != want) {
      throw error(
          pos, "expected a value of type " + target.display() + ", found a " + want.display());
    }
  }

  private Value literalInt(long v, Type target, Pos pos) throws ScenarioException {
    if (target == Prim.F64) {
      return Scalar.ofDouble((double) v);
    }
    if (!(target instanceof Prim p) || !p.isInteger()) {
      throw error(pos, "expected a value of type " + target.display() + ", found the integer " + v);
    }
    if (!p.fits(v)) {
      throw error(pos, "the literal " + v + " does not fit in " + p.display());
    }
    return new Scalar(p, p.wrap(v));
  }

  // ---------------------------------------------------------------- threads

  private Program.ThreadCode thread(ThreadDecl t) throws ScenarioException {
    current = t;
    code = new ArrayList<>();
    slotCount = 0;
    slotNames.clear();
    scopes.clear();
    loops.clear();
    scopeDepth = 0;
    Map<String, Local> params = new HashMap<>();
    scopes.push(params);
    List<Type> paramTypes = new ArrayList<>();
    for (ThreadDecl.Param p : t.params()) {
      if (p.type() instanceof VecType) {
        throw error(p.pos(), "a Vec cannot be passed to a thread; pass a Box or a pointer");
      }
      if (params.containsKey(p.name())) {
        throw error(p.pos(), "parameter '" + p.name() + "' is declared twice");
      }
      LocalKind kind = p.type() instanceof BoxType ? LocalKind.BOX : LocalKind.VALUE;
      params.put(p.name(), new Local(p.name(), slotCount, kind, p.type()));
      nameSlot(slotCount++, p.name());
      paramTypes.add(p.type());
    }
    block(t.body());
    // the thread's own frame: parameters that own a Box are dropped here
    emit(new Instr.ExitScope(t.body().end().line()));
    scopes.pop();
    return new Program.ThreadCode(
        t.name(),
        t.instances(),
        t.spawned(),
        paramTypes,
        List.copyOf(code),
        slotCount,
        List.copyOf(names(slotCount)),
        t.pos());
  }

  private int emit(Instr i) {
    code.add(i);
    return code.size() - 1;
  }

  private int here() {
    return code.size();
  }

  private void patch(int at, int target) {
    Instr i = code.get(at);
    if (i instanceof Instr.Jump j) {
      code.set(at, new Instr.Jump(j.line(), target));
    } else if (i instanceof Instr.Branch b) {
      code.set(at, new Instr.Branch(b.line(), b.when(), target));
    } else {
      throw new IllegalStateException("not a jump: " + i);
    }
  }

  private @Nullable Local lookup(String name) {
    for (Map<String, Local> scope : scopes) {
      Local l = scope.get(name);
      if (l != null) {
        return l;
      }
    }
    return null;
  }

  private Local declareLocal(String name, LocalKind kind, Type type, Pos pos)
      throws ScenarioException {
    if (statics.containsKey(name) || syncs.containsKey(name) || threadIndex.containsKey(name)) {
      throw error(pos, "'" + name + "' is already declared at the top; choose another name");
    }
    Local l = new Local(name, slotCount++, kind, type);
    scopes.peek().put(name, l);
    nameSlot(l.slot(), name);
    return l;
  }

  private void nameSlot(int slot, String name) {
    while (slotNames.size() <= slot) {
      slotNames.add("");
    }
    slotNames.set(slot, name);
  }

  private List<String> names(int count) {
    while (slotNames.size() < count) {
      slotNames.add("");
    }
    return slotNames.subList(0, count);
  }

  // ---------------------------------------------------------------- statements

  private void block(Stmt.Block b) throws ScenarioException {
    emit(new Instr.EnterScope(b.pos().line()));
    int firstSlot = slotCount;
    int slots = emit(new Instr.ScopeSlots(b.pos().line(), firstSlot, firstSlot));
    scopes.push(new HashMap<>());
    scopeDepth++;
    for (Stmt s : b.body()) {
      statement(s);
    }
    code.set(slots, new Instr.ScopeSlots(b.pos().line(), firstSlot, slotCount));
    scopeDepth--;
    scopes.pop();
    emit(new Instr.ExitScope(b.end().line()));
  }

  private void statement(Stmt s) throws ScenarioException {
    int line = s.pos().line();
    if (s instanceof Stmt.Block b) {
      block(b);
    } else if (s instanceof Stmt.Let let) {
      let(let);
    } else if (s instanceof Stmt.Assign a) {
      assign(a);
    } else if (s instanceof Stmt.ExprStmt e) {
      Ty t = expr(e.expr(), null);
      if (!t.unit() && t.type() instanceof BoxType) {
        // a Box nobody keeps (a received one, a fresh one) is dropped at once, as in Rust
        int temp = slotCount++;
        emit(new Instr.Store(line, temp));
        emit(new Instr.Drop(line, temp, show(e.expr())));
      } else if (!t.unit()) {
        emit(new Instr.Pop(line));
      }
    } else if (s instanceof Stmt.If i) {
      condition(i.cond());
      int toElse = emit(new Instr.Branch(line, false, -1));
      block(i.then());
      if (i.otherwise() == null) {
        patch(toElse, here());
      } else {
        int toEnd = emit(new Instr.Jump(line, -1));
        patch(toElse, here());
        statement(i.otherwise());
        patch(toEnd, here());
      }
    } else if (s instanceof Stmt.While w) {
      int top = here();
      condition(w.cond());
      int exit = emit(new Instr.Branch(line, false, -1));
      loopBody(w.body(), top, exit);
    } else if (s instanceof Stmt.Loop l) {
      int top = here();
      loopBody(l.body(), top, -1);
    } else if (s instanceof Stmt.Repeat r) {
      repeat(r);
    } else if (s instanceof Stmt.For f) {
      forLoop(f);
    } else if (s instanceof Stmt.Break b) {
      LoopContext lc = loops.peek();
      if (lc == null) {
        throw error(b.pos(), "'break' outside a loop");
      }
      exitScopesTo(lc.depth(), line);
      lc.breaks().add(emit(new Instr.Jump(line, -1)));
    } else if (s instanceof Stmt.Continue c) {
      LoopContext lc = loops.peek();
      if (lc == null) {
        throw error(c.pos(), "'continue' outside a loop");
      }
      exitScopesTo(lc.depth(), line);
      lc.continues().add(emit(new Instr.Jump(line, -1)));
    } else if (s instanceof Stmt.Guarded g) {
      guarded(g);
    } else if (s instanceof Stmt.Critical c) {
      block(c.body());
    } else if (s instanceof Stmt.Fence f) {
      if (f.ordering() == Ordering.RELAXED) {
        throw error(
            f.pos(),
            "there is no relaxed fence (Rust panics on one); use acquire,"
                + " release, acq_rel or seq_cst");
      }
      emit(new Instr.Fence(line, f.ordering()));
    } else if (s instanceof Stmt.Spawn sp) {
      spawn(sp);
    } else if (s instanceof Stmt.Join j) {
      join(j);
    } else if (s instanceof Stmt.Assert a) {
      condition(a.cond());
      String message =
          a.message() != null ? a.message() : "assertion failed: " + sourceAfter(a.pos(), "assert");
      emit(new Instr.Assert(line, message));
    } else if (s instanceof Stmt.Yield) {
      emit(new Instr.Pause(line, "yield", 0));
    } else if (s instanceof Stmt.Sleep sl) {
      emit(new Instr.Pause(line, "sleep", sl.millis()));
    } else if (s instanceof Stmt.Local l) {
      localDecl(l);
    } else if (s instanceof Stmt.Free f) {
      Ty t = expr(f.pointer(), null);
      if (!(t.type() instanceof PtrType) || t.nullLiteral()) {
        if (!t.nullLiteral()) {
          throw error(f.pos(), "free takes a pointer, found " + t.type().display());
        }
      }
      emit(new Instr.Free(line, show(f.pointer())));
    } else if (s instanceof Stmt.Drop d) {
      Local l = ownedLocal(d.name(), d.pos(), "drop");
      emit(new Instr.Drop(line, l.slot(), d.name()));
    } else if (s instanceof Stmt.Forget f) {
      Local l = ownedLocal(f.name(), f.pos(), "forget");
      emit(new Instr.Forget(line, l.slot()));
    }
  }

  private Local ownedLocal(String name, Pos pos, String verb) throws ScenarioException {
    Local l = lookup(name);
    if (l == null || (l.kind() != LocalKind.BOX && l.kind() != LocalKind.VEC)) {
      throw error(
          pos,
          verb
              + " takes a local that owns a Box or a Vec"
              + (l == null
                  ? "; '" + name + "' is not a local"
                  : "; '" + name + "' does not own one"));
    }
    return l;
  }

  private String sourceAfter(Pos pos, String keyword) {
    if (pos.line() < 1 || pos.line() > sourceLines.length) {
      return keyword;
    }
    String l = sourceLines[pos.line() - 1];
    int start = Math.min(pos.column() - 1 + keyword.length(), l.length());
    String rest = l.substring(start);
    int cut = rest.length();
    for (String stop : new String[] {"#", "//", ";"}) {
      int k = rest.indexOf(stop);
      if (k >= 0) {
        cut = Math.min(cut, k);
      }
    }
    int comma = rest.indexOf(", \"");
    if (comma >= 0) {
      cut = Math.min(cut, comma);
    }
    return rest.substring(0, cut).strip();
  }

  private void condition(Expr e) throws ScenarioException {
    Ty t = expr(e, Prim.BOOL);
    if (t.unit() || t.type() != Prim.BOOL) {
      throw error(
          e.pos(),
          "a condition must be a bool, found " + (t.unit() ? "no value" : t.type().display()));
    }
  }

  private void loopBody(Stmt.Block body, int continueTarget, int exitBranch)
      throws ScenarioException {
    LoopContext lc = new LoopContext(scopeDepth, new ArrayList<>(), new ArrayList<>());
    loops.push(lc);
    block(body);
    loops.pop();
    emit(new Instr.Jump(body.end().line(), continueTarget));
    int end = here();
    if (exitBranch >= 0) {
      patch(exitBranch, end);
    }
    for (int b : lc.breaks()) {
      patch(b, end);
    }
    for (int c : lc.continues()) {
      patch(c, continueTarget);
    }
  }

  private void repeat(Stmt.Repeat r) throws ScenarioException {
    int line = r.pos().line();
    Ty n = expr(r.count(), Prim.I64);
    requireInteger(n, r.count().pos(), "repeat count");
    int counter = slotCount++;
    emit(new Instr.Store(line, counter));
    int top = here();
    emit(new Instr.Load(line, counter));
    emit(new Instr.Push(line, Scalar.of(0)));
    emit(new Instr.Binary(line, BinaryOp.GT, Prim.BOOL));
    int exit = emit(new Instr.Branch(line, false, -1));
    emit(new Instr.Load(line, counter));
    emit(new Instr.Push(line, Scalar.of(1)));
    emit(new Instr.Binary(line, BinaryOp.SUB, Prim.I64));
    emit(new Instr.Store(line, counter));
    loopBody(r.body(), top, exit);
  }

  /** {@code for i in a..b}: i is a let local of the loop's own scope; b is evaluated once. */
  private void forLoop(Stmt.For f) throws ScenarioException {
    int line = f.pos().line();
    emit(new Instr.EnterScope(line));
    scopes.push(new HashMap<>());
    scopeDepth++;
    Ty from = expr(f.from(), Prim.I64);
    requireInteger(from, f.from().pos(), "loop start");
    Local i = declareLocal(f.name(), LocalKind.VALUE, Prim.I64, f.pos());
    emit(new Instr.Coerce(line, Prim.I64));
    emit(new Instr.Store(line, i.slot()));
    Ty to = expr(f.to(), Prim.I64);
    requireInteger(to, f.to().pos(), "loop end");
    int end = slotCount++;
    emit(new Instr.Coerce(line, Prim.I64));
    emit(new Instr.Store(line, end));
    int top = here();
    emit(new Instr.Load(line, i.slot()));
    emit(new Instr.Load(line, end));
    emit(new Instr.Binary(line, BinaryOp.LT, Prim.BOOL));
    int exit = emit(new Instr.Branch(line, false, -1));
    LoopContext lc = new LoopContext(scopeDepth, new ArrayList<>(), new ArrayList<>());
    loops.push(lc);
    block(f.body());
    loops.pop();
    int increment = here();
    emit(new Instr.Load(line, i.slot()));
    emit(new Instr.Push(line, Scalar.of(1)));
    emit(new Instr.Binary(line, BinaryOp.ADD, Prim.I64));
    emit(new Instr.Store(line, i.slot()));
    emit(new Instr.Jump(line, top));
    int after = here();
    patch(exit, after);
    for (int b : lc.breaks()) {
      patch(b, after);
    }
    for (int c : lc.continues()) {
      patch(c, increment);
    }
    scopeDepth--;
    scopes.pop();
    emit(new Instr.ExitScope(f.body().end().line()));
  }

  private void exitScopesTo(int depth, int line) {
    for (int d = scopeDepth; d > depth; d--) {
      emit(new Instr.ExitScope(line));
    }
  }

  private void guarded(Stmt.Guarded g) throws ScenarioException {
    int line = g.pos().line();
    Sync s = syncs.get(g.object());
    SyncKind want = g.kind() == Stmt.GuardKind.LOCK ? SyncKind.MUTEX : SyncKind.RWLOCK;
    if (s == null || s.kind() != want) {
      throw error(
          g.objectPos(),
          "'"
              + g.object()
              + "' is not a "
              + want.label
              + (s == null ? "" : " (it is a " + s.kind().label + ")")
              + "; declare it with '"
              + want.label
              + " "
              + g.object()
              + "'");
    }
    emit(new Instr.EnterScope(line));
    scopes.push(new HashMap<>());
    scopeDepth++;
    if (want == SyncKind.MUTEX) {
      emit(new Instr.Lock(line, s.index(), true));
    } else {
      emit(new Instr.RwAcquire(line, s.index(), g.kind() == Stmt.GuardKind.WRITE, true));
    }
    block(g.body());
    scopeDepth--;
    scopes.pop();
    emit(new Instr.ExitScope(g.body().end().line()));
  }

  private void let(Stmt.Let let) throws ScenarioException {
    int line = let.pos().line();
    allocName = let.name();
    Type declared = let.type();
    Ty t;
    LocalKind kind;
    Type type;
    if (let.init() instanceof Expr.Name n && n.at() == null && ownsBox(n.name())) {
      // copying a Box copies the address, not the ownership
      Local src = lookup(n.name());
      emit(new Instr.BoxPointer(line, src.slot()));
      t = Ty.of(PtrType.to(((BoxType) src.type()).target()));
    } else {
      t = expr(let.init(), declared);
    }
    allocName = "";
    if (t.unit()) {
      throw error(
          let.init().pos(), "this expression has no value to store in '" + let.name() + "'");
    }
    if (declared != null) {
      coerce(t, declared, let.init().pos(), "'" + let.name() + "'");
      type = declared;
    } else if (t.nullLiteral()) {
      throw error(
          let.init().pos(), "give the pointer a type: 'let " + let.name() + ": ptr<i32> = null'");
    } else {
      type = t.type();
    }
    kind =
        type instanceof BoxType
            ? LocalKind.BOX
            : type instanceof VecType ? LocalKind.VEC : LocalKind.VALUE;
    Local l = declareLocal(let.name(), kind, type, let.pos());
    emit(new Instr.Store(line, l.slot()));
  }

  private boolean ownsBox(String name) {
    Local l = lookup(name);
    return l != null && l.kind() == LocalKind.BOX;
  }

  private void assign(Stmt.Assign a) throws ScenarioException {
    int line = a.pos().line();
    if (a.target() instanceof Expr.Name n && n.at() == null) {
      Local l = lookup(n.name());
      if (l != null && l.kind() != LocalKind.STACK) {
        allocName = n.name();
        Ty t = expr(a.value(), l.type());
        allocName = "";
        if (t.unit()) {
          throw error(a.value().pos(), "this expression has no value to assign");
        }
        coerce(t, l.type(), a.value().pos(), "'" + n.name() + "'");
        if (l.kind() == LocalKind.BOX || l.kind() == LocalKind.VEC) {
          emit(new Instr.DropSlot(line, l.slot()));
        }
        emit(new Instr.Store(line, l.slot()));
        return;
      }
      if (n.name().equals("tid")) {
        throw error(n.pos(), "tid cannot be assigned");
      }
    }
    if (a.target() instanceof Expr.Name n) {
      allocName = n.name();
    }
    // Rust evaluates the assigned value before the place
    PlaceProbe probe = probePlaceType(a.target());
    Ty value = expr(a.value(), probe.type);
    allocName = "";
    if (value.unit()) {
      throw error(a.value().pos(), "this expression has no value to assign");
    }
    Place p = place(a.target(), "assign to");
    if (p.wholeArray()) {
      throw error(
          a.target().pos(), "assign array elements one by one, as in " + p.what() + "[0] = ...");
    }
    if (p.atomicDecl()) {
      throw error(
          a.target().pos(),
          "'"
              + p.what()
              + "' is atomic: write it with "
              + p.what()
              + ".store(value, ordering) (atomicity belongs to the access)");
    }
    coerceBelow(value, p.type(), a.value().pos(), "'" + p.what() + "'");
    emit(new Instr.Write(line, p.type(), p.what()));
  }

  private record PlaceProbe(@Nullable Type type) {}

  /** The static type of a place, without emitting code (to type the value compiled before it). */
  private PlaceProbe probePlaceType(Expr target) {
    int mark = code.size();
    int slots = slotCount;
    try {
      Place p = place(target, "assign to");
      return new PlaceProbe(p.wholeArray() ? null : p.type());
    } catch (ScenarioException e) {
      return new PlaceProbe(null);
    } finally {
      while (code.size() > mark) {
        code.remove(code.size() - 1);
      }
      slotCount = slots;
    }
  }

  private void localDecl(Stmt.Local l) throws ScenarioException {
    checkStorable(l.type(), l.pos());
    int values = 0;
    if (l.init() != null) {
      values = initValues(l.type(), l.init());
    }
    Local local = declareLocal(l.name(), LocalKind.STACK, l.type(), l.pos());
    emit(new Instr.LocalAlloc(l.pos().line(), l.type(), values, local.slot(), l.name()));
  }

  /** Compiles the values of an initialiser; returns how many were pushed (1 for a fill). */
  private int initValues(Type type, Init init) throws ScenarioException {
    Type cell = leaf(type);
    int n = cellCount(type);
    if (init instanceof Init.Fill f) {
      Ty t = expr(f.value(), cell);
      coerce(t, cell, f.value().pos(), "the initial value");
      return 1;
    } else if (init instanceof Init.Elements e) {
      if (e.values().size() != n) {
        throw error(
            e.pos(),
            "expected " + n + " values for " + type.display() + ", found " + e.values().size());
      }
      for (Expr x : e.values()) {
        Ty t = expr(x, cell);
        coerce(t, cell, x.pos(), "the initial value");
      }
      return n == 1 ? 1 : n;
    }
    throw new IllegalArgumentException("unexpected syntax node: " + init);
  }

  private void spawn(Stmt.Spawn sp) throws ScenarioException {
    int line = sp.pos().line();
    Integer index = threadIndex.get(sp.thread().name());
    if (index == null) {
      throw error(sp.thread().pos(), "there is no thread '" + sp.thread().name() + "'");
    }
    ThreadDecl target = scenario.threads().get(index);
    if (!target.spawned()) {
      throw error(
          sp.thread().pos(),
          "thread '"
              + target.name()
              + "' starts with the scenario; declare it 'thread "
              + target.name()
              + "(...) spawned' to start it with spawn");
    }
    if (sp.thread().index() != null) {
      throw error(sp.thread().pos(), "spawned threads are single threads; drop the index");
    }
    if (sp.args().size() != target.params().size()) {
      throw error(
          sp.pos(),
          "thread '"
              + target.name()
              + "' takes "
              + target.params().size()
              + " argument"
              + (target.params().size() == 1 ? "" : "s")
              + ", found "
              + sp.args().size());
    }
    for (int i = 0; i < sp.args().size(); i++) {
      Expr arg = sp.args().get(i);
      Type want = target.params().get(i).type();
      if (want instanceof BoxType) {
        moveOwned(arg, want, "spawn");
      } else {
        Ty t = expr(arg, want);
        coerce(t, want, arg.pos(), "parameter '" + target.params().get(i).name() + "'");
      }
    }
    emit(new Instr.Spawn(line, index, sp.args().size()));
  }

  /** Pushes the Box held by a local and marks it moved out (send, spawn). */
  private void moveOwned(Expr arg, Type want, String verb) throws ScenarioException {
    if (arg instanceof Expr.BoxNew) {
      // a fresh Box is a temporary that nobody else owns: it moves as it is
      Ty t = expr(arg, want);
      if (!t.type().equals(want)) {
        throw error(arg.pos(), "expected a " + want.display() + ", found " + t.type().display());
      }
      return;
    }
    if (!(arg instanceof Expr.Name n) || n.at() != null || !ownsBox(n.name())) {
      throw error(
          arg.pos(), verb + " moves a Box: pass the name of a local that owns a " + want.display());
    }
    Local l = lookup(n.name());
    if (!l.type().equals(want)) {
      throw error(arg.pos(), "expected a " + want.display() + ", found " + l.type().display());
    }
    emit(new Instr.Load(arg.pos().line(), l.slot()));
    emit(new Instr.MoveOut(arg.pos().line(), l.slot()));
  }

  private void join(Stmt.Join j) throws ScenarioException {
    Integer index = threadIndex.get(j.thread().name());
    if (index == null) {
      throw error(j.thread().pos(), "there is no thread '" + j.thread().name() + "'");
    }
    if (current != null && current.name().equals(j.thread().name())) {
      throw error(j.pos(), "a thread cannot join itself (it would wait forever)");
    }
    ThreadDecl target = scenario.threads().get(index);
    boolean indexed = j.thread().index() != null;
    if (indexed) {
      if (target.instances() == 0) {
        throw error(j.thread().pos(), "'" + target.name() + "' is a single thread; drop the index");
      }
      Ty t = expr(j.thread().index(), Prim.I64);
      requireInteger(t, j.thread().index().pos(), "thread index");
    }
    emit(new Instr.Join(j.pos().line(), index, indexed));
  }

  // ---------------------------------------------------------------- expressions

  private Ty expr(Expr e, @Nullable Type expected) throws ScenarioException {
    int line = e.pos().line();
    if (e instanceof Expr.IntLit i) {
      if (expected != null
          && (expected == Prim.F64 || (expected instanceof Prim p && p.isInteger()))) {
        emit(new Instr.Push(line, literalInt(i.value(), expected, i.pos())));
        return Ty.of(expected);
      }
      emit(new Instr.Push(line, Scalar.of(i.value())));
      return new Ty(Prim.I64, true, false, false);
    } else if (e instanceof Expr.FloatLit f) {
      emit(new Instr.Push(line, Scalar.ofDouble(f.value())));
      return Ty.of(Prim.F64);
    } else if (e instanceof Expr.BoolLit b) {
      emit(new Instr.Push(line, Scalar.of(b.value())));
      return Ty.of(Prim.BOOL);
    } else if (e instanceof Expr.CharLit c) {
      emit(new Instr.Push(line, new Scalar(Prim.CHAR, c.codePoint())));
      return Ty.of(Prim.CHAR);
    } else if (e instanceof Expr.NullLit) {
      Type target = expected instanceof PtrType pt ? pt.target() : Prim.U8;
      boolean fat = expected instanceof PtrType pt && pt.fat();
      emit(new Instr.Push(line, new Pointer(target, 0, 0, fat ? 0 : -1)));
      return new Ty(new PtrType(target, fat), false, false, !(expected instanceof PtrType));
    } else if (e instanceof Expr.OrderLit o) {
      throw error(
          o.pos(), "an ordering is only meaningful as an argument of an atomic method or fence");
    } else if (e instanceof Expr.Tid t) {
      if (finalMode) {
        throw error(t.pos(), "tid has no meaning in an expectation");
      }
      emit(new Instr.PushTid(line));
      return Ty.of(Prim.I64);
    } else if (e instanceof Expr.Name n) {
      return name(n);
    } else if (e instanceof Expr.Index i) {
      return read(i);
    } else if (e instanceof Expr.Deref d) {
      return read(d);
    } else if (e instanceof Expr.Slice s) {
      throw error(s.pos(), "a slice can only be borrowed: write &" + show(s));
    } else if (e instanceof Expr.AddrOf a) {
      Ty t = addressOf(a);
      if (a.borrow() != Expr.Borrow.RAW) {
        emit(new Instr.Retag(a.pos().line(), a.borrow() == Expr.Borrow.MUT, show(a)));
      }
      return t;
    } else if (e instanceof Expr.Unary u) {
      return unary(u);
    } else if (e instanceof Expr.Binary b) {
      return binary(b, expected);
    } else if (e instanceof Expr.Cast c) {
      return cast(c);
    } else if (e instanceof Expr.Call c) {
      return call(c);
    } else if (e instanceof Expr.BoxNew b) {
      checkStorable(b.type(), b.pos());
      if (finalMode) {
        throw error(b.pos(), "an expectation cannot allocate");
      }
      int values = initValues(b.type(), b.init());
      emit(new Instr.BoxNew(line, b.type(), values, nameHint(b.pos())));
      return Ty.of(new BoxType(b.type()));
    } else if (e instanceof Expr.Alloc a) {
      checkStorable(a.type(), a.pos());
      if (finalMode) {
        throw error(a.pos(), "an expectation cannot allocate");
      }
      emit(new Instr.HeapAlloc(line, a.type(), nameHint(a.pos())));
      return Ty.of(PtrType.to(leaf(a.type())));
    } else if (e instanceof Expr.VecNew v) {
      checkStorable(v.element(), v.pos());
      if (v.element() instanceof ArrayType) {
        throw error(v.pos(), "a Vec here holds scalars or pointers, not arrays");
      }
      if (finalMode) {
        throw error(v.pos(), "an expectation cannot allocate");
      }
      Ty cap = expr(v.capacity(), Prim.USIZE);
      requireInteger(cap, v.capacity().pos(), "capacity");
      emit(new Instr.VecNew(line, v.element(), nameHint(v.pos())));
      return Ty.of(new VecType(v.element()));
    }
    throw new IllegalArgumentException("unexpected syntax node: " + e);
  }

  private String nameHint(Pos pos) {
    return allocName.isEmpty() ? "alloc@" + pos.line() : allocName;
  }

  private Ty name(Expr.Name n) throws ScenarioException {
    int line = n.pos().line();
    if (n.at() == null) {
      Local l = lookup(n.name());
      if (l != null) {
        switch (l.kind()) {
          case VALUE -> {
            emit(new Instr.Load(line, l.slot()));
            return Ty.of(l.type());
          }
          case BOX -> {
            emit(new Instr.BoxPointer(line, l.slot()));
            return Ty.of(PtrType.to(((BoxType) l.type()).target()));
          }
          case VEC ->
              throw error(
                  n.pos(),
                  "a Vec cannot be copied; use "
                      + n.name()
                      + "[i], &"
                      + n.name()
                      + "[i] or "
                      + n.name()
                      + ".len()");
          case STACK -> {
            return read(n);
          }
        }
      }
    }
    if (syncs.containsKey(n.name())) {
      Sync s = syncs.get(n.name());
      throw error(n.pos(), "'" + n.name() + "' is a " + s.kind().label + ", not a value");
    }
    if (threadIndex.containsKey(n.name())) {
      throw error(n.pos(), "'" + n.name() + "' is a thread, not a value");
    }
    return read(n);
  }

  /** Compiles a read of a place. */
  private Ty read(Expr e) throws ScenarioException {
    Place p = place(e, "read");
    if (p.wholeArray()) {
      throw error(
          e.pos(), "'" + p.what() + "' is an array: read its elements, as in " + p.what() + "[0]");
    }
    if (p.atomicDecl() && !finalMode) {
      throw error(
          e.pos(),
          "'"
              + p.what()
              + "' is atomic: read it with "
              + p.what()
              + ".load(ordering) (atomicity belongs to the access)");
    }
    emit(new Instr.Read(e.pos().line(), p.type(), p.what()));
    return Ty.of(p.type());
  }

  /** Compiles code that pushes a pointer to the place {@code e} denotes. */
  private Place place(Expr e, String verb) throws ScenarioException {
    int line = e.pos().line();
    if (e instanceof Expr.Name n) {
      if (n.at() == null) {
        Local l = lookup(n.name());
        if (l != null) {
          switch (l.kind()) {
            case STACK -> {
              emit(new Instr.Load(line, l.slot()));
              return arrayOrScalar(l.type(), false, n.name());
            }
            case BOX -> {
              emit(new Instr.BoxPointer(line, l.slot()));
              return arrayOrScalar(((BoxType) l.type()).target(), false, "*" + n.name());
            }
            case VEC -> throw error(n.pos(), "index the Vec: " + n.name() + "[i]");
            case VALUE ->
                throw error(
                    n.pos(),
                    "'"
                        + n.name()
                        + "' is a let local (a value in a register, not memory), so it has no"
                        + " address; declare it with 'local "
                        + n.name()
                        + ": T' to put it on the stack");
          }
        }
      }
      Integer index = statics.get(n.name());
      if (index == null) {
        throw error(n.pos(), "'" + n.name() + "' is not declared");
      }
      Program.StaticVar v = staticVars.get(index);
      int instanceDecl = -1;
      int instance = -1;
      String what = n.name();
      if (n.at() != null) {
        if (v.storage() != Decl.Storage.THREAD_LOCAL) {
          throw error(n.pos(), "'" + n.name() + "' is not thread_local, so it has no @instances");
        }
        Integer td = threadIndex.get(n.at().name());
        if (td == null) {
          throw error(n.at().pos(), "there is no thread '" + n.at().name() + "'");
        }
        ThreadDecl decl = scenario.threads().get(td);
        instance = 0;
        if (n.at().index() != null) {
          long k = ((Expr.IntLit) n.at().index()).value();
          if (decl.instances() == 0 || k < 0 || k >= decl.instances()) {
            throw error(n.at().pos(), "thread '" + decl.name() + "' has no instance " + k);
          }
          instance = (int) k;
        } else if (decl.instances() > 0) {
          throw error(
              n.at().pos(),
              "'"
                  + decl.name()
                  + "' is a thread array: name an instance, as in @"
                  + decl.name()
                  + "[0]");
        }
        instanceDecl = td;
        what =
            n.name() + "@" + n.at().name() + (n.at().index() != null ? "[" + instance + "]" : "");
      } else if (v.storage() == Decl.Storage.THREAD_LOCAL && finalMode) {
        throw error(n.pos(), "name the instance of the thread-local, as in " + n.name() + "@main");
      }
      emit(new Instr.StaticAddr(line, index, instanceDecl, instance));
      return arrayOrScalar(v.type(), v.storage() == Decl.Storage.ATOMIC, what);
    } else if (e instanceof Expr.Index i) {
      return index(i, verb);
    } else if (e instanceof Expr.Deref d) {
      Ty t = expr(d.pointer(), null);
      if (!(t.type() instanceof PtrType pt)) {
        throw error(d.pos(), "only a pointer can be dereferenced, found " + t.type().display());
      }
      if (t.nullLiteral()) {
        throw error(d.pos(), "dereferencing null is always UB; RaceLab refuses it outright");
      }
      return arrayOrScalar(pt.target(), false, show(d));
    } else {
      throw error(e.pos(), "cannot " + verb + " " + show(e) + ": it is not a place in memory");
    }
  }

  private Place arrayOrScalar(Type t, boolean atomic, String what) {
    if (t instanceof ArrayType a) {
      return new Place(a.element(), a.length(), atomic, what);
    }
    return new Place(t, 0, atomic, what);
  }

  private Place index(Expr.Index i, String verb) throws ScenarioException {
    int line = i.pos().line();
    String what = show(i);
    if (i.base() instanceof Expr.Name n && n.at() == null) {
      Local l = lookup(n.name());
      if (l != null && l.kind() == LocalKind.VEC) {
        Ty idx = expr(i.index(), Prim.USIZE);
        requireInteger(idx, i.index().pos(), "index");
        emit(new Instr.VecIndex(line, l.slot(), what));
        return new Place(((VecType) l.type()).element(), 0, false, what);
      }
    }
    if (isPlaceExpr(i.base())) {
      Place base = place(i.base(), verb);
      if (base.wholeArray()) {
        Ty idx = expr(i.index(), Prim.USIZE);
        requireInteger(idx, i.index().pos(), "index");
        emit(new Instr.IndexChecked(line, base.arrayLength(), base.type(), what));
        return arrayOrScalar(base.type(), base.atomicDecl(), what);
      }
      // the base is a pointer stored in memory: read it, then index through it
      if (!(base.type() instanceof PtrType)) {
        throw error(
            i.base().pos(),
            "'" + base.what() + "' is " + base.type().display() + ", which cannot be indexed");
      }
      if (base.atomicDecl()) {
        throw error(i.base().pos(), "'" + base.what() + "' is atomic: load it first");
      }
      emit(new Instr.Read(line, base.type(), base.what()));
      return pointerIndex((PtrType) base.type(), i, line, what);
    }
    Ty t = expr(i.base(), null);
    if (!(t.type() instanceof PtrType pt)) {
      throw error(
          i.base().pos(),
          show(i.base()) + " is " + t.type().display() + ", which cannot be indexed");
    }
    return pointerIndex(pt, i, line, what);
  }

  private Place pointerIndex(PtrType pt, Expr.Index i, int line, String what)
      throws ScenarioException {
    Ty idx = expr(i.index(), Prim.I64);
    requireInteger(idx, i.index().pos(), "index");
    if (pt.fat()) {
      emit(new Instr.IndexSlice(line, what));
    } else {
      emit(new Instr.PtrAdd(line, false));
    }
    return arrayOrScalar(pt.target(), false, what);
  }

  private boolean isPlaceExpr(Expr e) {
    if (e instanceof Expr.Name n) {
      if (n.at() != null) {
        return true;
      }
      Local l = lookup(n.name());
      if (l != null) {
        return l.kind() == LocalKind.STACK || l.kind() == LocalKind.BOX;
      }
      return statics.containsKey(n.name());
    } else if (e instanceof Expr.Index) {
      return true;
    } else if (e instanceof Expr.Deref) {
      return true;
    } else {
      return false;
    }
  }

  private Ty addressOf(Expr.AddrOf a) throws ScenarioException {
    int line = a.pos().line();
    if (a.place() instanceof Expr.Slice s) {
      Place base;
      int length;
      Local vec = s.base() instanceof Expr.Name n && n.at() == null ? lookup(n.name()) : null;
      if (vec != null && vec.kind() == LocalKind.VEC) {
        // a Vec slices like an array whose length is the Vec's current len
        emit(new Instr.VecSlice(line, vec.slot()));
        base = new Place(((VecType) vec.type()).element(), 0, false, vec.name());
        length = -1;
      } else if (isPlaceExpr(s.base())) {
        base = place(s.base(), "borrow");
        if (base.wholeArray()) {
          length = base.arrayLength();
        } else if (base.type() instanceof PtrType) {
          emit(new Instr.Read(line, base.type(), base.what()));
          PtrType pt = (PtrType) base.type();
          base = new Place(pt.target(), 0, false, base.what());
          length = pt.fat() ? -1 : -2;
        } else {
          throw error(s.base().pos(), "only an array or a pointer can be sliced");
        }
      } else {
        Ty t = expr(s.base(), null);
        if (!(t.type() instanceof PtrType pt)) {
          throw error(s.base().pos(), "only an array or a pointer can be sliced");
        }
        base = new Place(pt.target(), 0, false, show(s.base()));
        length = pt.fat() ? -1 : -2;
      }
      Ty from = expr(s.from(), Prim.USIZE);
      requireInteger(from, s.from().pos(), "slice start");
      Ty to = expr(s.to(), Prim.USIZE);
      requireInteger(to, s.to().pos(), "slice end");
      emit(new Instr.MakeSlice(line, length, show(s)));
      return Ty.of(new PtrType(base.type(), true));
    }
    Place p = place(a.place(), "take the address of");
    return Ty.of(PtrType.to(p.type()));
  }

  private Ty unary(Expr.Unary u) throws ScenarioException {
    int line = u.pos().line();
    Ty t = expr(u.operand(), null);
    if (u.op() == UnaryOp.NOT) {
      if (t.type() != Prim.BOOL && !(t.type() instanceof Prim p && p.isInteger())) {
        throw error(u.pos(), "'!' needs a bool (or an integer), found " + t.type().display());
      }
      emit(new Instr.Unary(line, u.op(), t.type()));
      return Ty.of(t.type());
    }
    if (!(t.type() instanceof Prim p) || !(p.isInteger() || p == Prim.F64)) {
      throw error(u.pos(), "'-' needs a number, found " + t.type().display());
    }
    emit(new Instr.Unary(line, u.op(), t.type()));
    return new Ty(t.type(), t.literal(), false, false);
  }

  private Ty binary(Expr.Binary b, @Nullable Type expected) throws ScenarioException {
    int line = b.pos().line();
    BinaryOp op = b.op();
    if (op == BinaryOp.AND || op == BinaryOp.OR) {
      condition(b.left());
      int shortCircuit = emit(new Instr.Branch(line, op == BinaryOp.OR, -1));
      condition(b.right());
      int end = emit(new Instr.Jump(line, -1));
      patch(shortCircuit, here());
      emit(new Instr.Push(line, Scalar.of(op == BinaryOp.OR)));
      patch(end, here());
      return Ty.of(Prim.BOOL);
    }
    Type hint = op.isComparison() ? null : expected;
    Ty l = expr(b.left(), hint instanceof PtrType ? null : hint);
    Type rightHint = l.literal() ? null : (l.type() instanceof PtrType ? Prim.I64 : l.type());
    Ty r = expr(b.right(), rightHint);
    if (l.unit() || r.unit()) {
      throw error(b.pos(), "'" + op.symbol() + "' needs two values");
    }
    // pointer arithmetic
    if (l.type() instanceof PtrType pt
        && (op == BinaryOp.ADD || op == BinaryOp.SUB)
        && isInteger(r)) {
      if (pt.fat()) {
        throw error(b.pos(), "index a slice pointer instead of adding to it: &s[i]");
      }
      emit(new Instr.PtrAdd(line, op == BinaryOp.SUB));
      return Ty.of(pt);
    }
    if (op.isComparison()) {
      comparable(l, r, b);
      emit(new Instr.Binary(line, op, Prim.BOOL));
      return Ty.of(Prim.BOOL);
    }
    if (op == BinaryOp.BIT_AND || op == BinaryOp.BIT_OR || op == BinaryOp.BIT_XOR) {
      if (l.type() == Prim.BOOL && r.type() == Prim.BOOL) {
        emit(new Instr.Binary(line, op, Prim.BOOL));
        return Ty.of(Prim.BOOL);
      }
    }
    if (l.type() == Prim.F64 || r.type() == Prim.F64) {
      if (!(l.type() == Prim.F64 || l.literal()) || !(r.type() == Prim.F64 || r.literal())) {
        throw error(
            b.pos(),
            "cannot mix f64 and "
                + (l.type() == Prim.F64 ? r.type().display() : l.type().display())
                + "; convert with 'as f64'");
      }
      if (op == BinaryOp.BIT_OR || op == BinaryOp.BIT_XOR || op == BinaryOp.BIT_AND) {
        throw error(b.pos(), "'" + op.symbol() + "' is not defined for f64");
      }
      emit(new Instr.Binary(line, op, Prim.F64));
      return Ty.of(Prim.F64);
    }
    if (!isInteger(l) || !isInteger(r)) {
      throw error(
          b.pos(),
          "'"
              + op.symbol()
              + "' needs numbers, found "
              + l.type().display()
              + " and "
              + r.type().display());
    }
    Type result = l.literal() && !r.literal() ? r.type() : l.type();
    if (l.literal() && r.literal() && expected instanceof Prim p && p.isInteger()) {
      result = p;
    }
    emit(new Instr.Binary(line, op, result));
    return new Ty(result, l.literal() && r.literal(), false, false);
  }

  private static boolean isInteger(Ty t) {
    return t.type() instanceof Prim p && p.isInteger();
  }

  private void comparable(Ty l, Ty r, Expr.Binary b) throws ScenarioException {
    boolean ok;
    if (l.type() instanceof PtrType || r.type() instanceof PtrType) {
      ok = l.type() instanceof PtrType && r.type() instanceof PtrType;
    } else if (isInteger(l) && isInteger(r)) {
      ok = true;
    } else if (l.type() == Prim.F64 || r.type() == Prim.F64) {
      ok = (l.type() == Prim.F64 || l.literal()) && (r.type() == Prim.F64 || r.literal());
    } else {
      ok = l.type().equals(r.type());
    }
    if (!ok) {
      throw error(b.pos(), "cannot compare " + l.type().display() + " with " + r.type().display());
    }
    if ((b.op() != BinaryOp.EQ && b.op() != BinaryOp.NE) && l.type() == Prim.BOOL) {
      throw error(b.pos(), "bools are compared with == and != only");
    }
  }

  private Ty cast(Expr.Cast c) throws ScenarioException {
    int line = c.pos().line();
    Type to = c.type();
    Ty from = expr(c.value(), null);
    if (from.unit()) {
      throw error(c.pos(), "nothing to convert");
    }
    Type f = from.type();
    boolean ok;
    if (to instanceof PtrType) {
      ok = f instanceof PtrType || isInteger(from);
    } else if (to instanceof Prim p && p.isInteger()) {
      ok = f instanceof Prim || f instanceof PtrType;
    } else if (to == Prim.F64) {
      ok = f instanceof Prim fp && (fp.isInteger() || fp == Prim.F64);
    } else if (to == Prim.CHAR) {
      ok = f == Prim.U8 || f == Prim.CHAR || from.literal();
      if (from.literal()
          && c.value() instanceof Expr.IntLit lit
          && (lit.value() < 0 || lit.value() > 255)) {
        throw error(
            c.value().pos(),
            "only a u8 converts to char, and "
                + lit.value()
                + " does not fit in u8 (to read other bytes as a char, cast a pointer:"
                + " &x as ptr<char>)");
      }
      if (from.literal()) {
        // Rust types the literal as u8 here, so a computed literal must fit one too
        emit(new Instr.Coerce(line, Prim.U8));
      }
    } else if (to == Prim.BOOL) {
      ok = f == Prim.BOOL;
    } else {
      ok = false;
    }
    if (!ok) {
      String hint =
          to == Prim.CHAR
              ? " (only u8 converts to char; to reinterpret other bytes, cast a pointer:"
                  + " &x as ptr<char>)"
              : to == Prim.BOOL
                  ? " (to read bytes as a bool, cast a pointer: &x as ptr<bool>)"
                  : "";
      throw error(c.pos(), "cannot convert " + f.display() + " to " + to.display() + hint);
    }
    emit(new Instr.Convert(line, to));
    return Ty.of(to);
  }

  // ---------------------------------------------------------------- calls

  private Ty call(Expr.Call c) throws ScenarioException {
    if (c.receiver() instanceof Expr.Name n && n.at() == null) {
      Sync s = syncs.get(n.name());
      if (s != null && lookup(n.name()) == null) {
        return syncCall(c, s);
      }
      Local l = lookup(n.name());
      if (l != null && l.kind() == LocalKind.VEC) {
        return vecCall(c, l);
      }
    }
    if (!AtomicMethods.contains(c.method())) {
      throw error(
          c.pos(),
          "unknown method '"
              + c.method()
              + "' on a location (atomic methods: "
              + AtomicMethods.listing()
              + ")");
    }
    if (finalMode) {
      throw error(c.pos(), "an expectation reads final values by name, without atomic methods");
    }
    return atomicCall(c);
  }

  private Ty atomicCall(Expr.Call c) throws ScenarioException {
    int line = c.pos().line();
    Place p = place(c.receiver(), "access");
    if (p.wholeArray()) {
      throw error(
          c.receiver().pos(),
          "atomic methods apply to one element: " + p.what() + "[i]." + c.method() + "(...)");
    }
    if (!atomicCapable(p.type())) {
      throw error(
          c.receiver().pos(),
          "atomic accesses need an integer, bool, char or thin pointer; '"
              + p.what()
              + "' is "
              + p.type().display());
    }
    List<Expr> args = c.args();
    switch (c.method()) {
      case "load" -> {
        arity(c, 1, "load(ordering)");
        Ordering o = order(args.get(0), "load");
        if (o == Ordering.RELEASE || o == Ordering.ACQ_REL) {
          throw error(
              args.get(0).pos(),
              "a load cannot be "
                  + o.display()
                  + " (there is no such thing as a release load); use acquire or seq_cst");
        }
        emit(new Instr.AtomicLoad(line, p.type(), o, p.what()));
        return Ty.of(p.type());
      }
      case "store" -> {
        arity(c, 2, "store(value, ordering)");
        Ty v = expr(args.get(0), p.type());
        coerce(v, p.type(), args.get(0).pos(), "'" + p.what() + "'");
        Ordering o = order(args.get(1), "store");
        if (o == Ordering.ACQUIRE || o == Ordering.ACQ_REL) {
          throw error(
              args.get(1).pos(),
              "a store cannot be "
                  + o.display()
                  + " (there is no such thing as an acquire store); use release or seq_cst");
        }
        emit(new Instr.AtomicStore(line, p.type(), o, p.what()));
        return Ty.UNIT;
      }
      default -> {
        if (AtomicMethods.COMPARE_EXCHANGES.contains(c.method())) {
          return compareExchange(c, p, line);
        }
        arity(c, 2, c.method() + "(value, ordering)");
        Instr.RmwOp op = Instr.RmwOp.byMethod(c.method());
        boolean integer = p.type() instanceof Prim pr && pr.isInteger();
        boolean bitwiseBool = p.type() == Prim.BOOL && op.bitwise();
        if (op != Instr.RmwOp.SWAP && !integer && !bitwiseBool) {
          throw error(
              c.pos(),
              c.method()
                  + " needs an integer location"
                  + (op.bitwise() ? " or a bool" : "")
                  + ", '"
                  + p.what()
                  + "' is "
                  + p.type().display());
        }
        Ty v = expr(args.get(0), p.type());
        coerce(v, p.type(), args.get(0).pos(), "'" + p.what() + "'");
        Ordering o = order(args.get(1), c.method());
        emit(new Instr.AtomicRmw(line, p.type(), op, o, p.what()));
        return Ty.of(p.type());
      }
    }
  }

  private Ty compareExchange(Expr.Call c, Place p, int line) throws ScenarioException {
    List<Expr> args = c.args();
    arity(c, 4, c.method() + "(expected, new, success_ordering, failure_ordering)");
    Ty expect = expr(args.get(0), p.type());
    coerce(expect, p.type(), args.get(0).pos(), "'" + p.what() + "'");
    Ty neu = expr(args.get(1), p.type());
    coerce(neu, p.type(), args.get(1).pos(), "'" + p.what() + "'");
    Ordering success = order(args.get(2), c.method());
    Ordering failure = order(args.get(3), c.method());
    if (failure == Ordering.RELEASE || failure == Ordering.ACQ_REL) {
      throw error(
          args.get(3).pos(), "the failure ordering is a load's: relaxed, acquire or seq_cst");
    }
    emit(new Instr.AtomicCas(line, p.type(), success, failure, p.what()));
    return Ty.of(Prim.BOOL);
  }

  private void arity(Expr.Call c, int n, String shape) throws ScenarioException {
    if (c.args().size() != n) {
      throw error(
          c.pos(),
          "expected "
              + shape
              + ", found "
              + c.args().size()
              + " argument"
              + (c.args().size() == 1 ? "" : "s"));
    }
  }

  private Ordering order(Expr e, String method) throws ScenarioException {
    if (e instanceof Expr.OrderLit o) {
      return o.ordering();
    }
    throw error(
        e.pos(),
        "expected an ordering for " + method + " (relaxed, acquire, release, acq_rel, seq_cst)");
  }

  private Ty syncCall(Expr.Call c, Sync s) throws ScenarioException {
    int line = c.pos().line();
    if (finalMode) {
      throw error(c.pos(), "an expectation cannot call " + c.method());
    }
    String m = c.method();
    switch (s.kind()) {
      case MUTEX -> {
        arity(c, 0, m + "()");
        switch (m) {
          case "lock" -> emit(new Instr.Lock(line, s.index(), false));
          case "unlock" -> emit(new Instr.Unlock(line, s.index()));
          default -> throw unknownMethod(c, s, "lock(), unlock()");
        }
        return Ty.UNIT;
      }
      case RWLOCK -> {
        arity(c, 0, m + "()");
        switch (m) {
          case "read_lock" -> emit(new Instr.RwAcquire(line, s.index(), false, false));
          case "write_lock" -> emit(new Instr.RwAcquire(line, s.index(), true, false));
          case "read_unlock" -> emit(new Instr.RwRelease(line, s.index(), false));
          case "write_unlock" -> emit(new Instr.RwRelease(line, s.index(), true));
          default ->
              throw unknownMethod(c, s, "read_lock(), read_unlock(), write_lock(), write_unlock()");
        }
        return Ty.UNIT;
      }
      case CHANNEL -> {
        Type elem = channels.get(s.index()).element();
        switch (m) {
          case "send" -> {
            arity(c, 1, "send(value)");
            boolean moves = elem instanceof BoxType;
            if (moves) {
              moveOwned(c.args().get(0), elem, "send");
            } else {
              Ty v = expr(c.args().get(0), elem);
              coerce(v, elem, c.args().get(0).pos(), "the message");
            }
            emit(new Instr.Send(line, s.index(), moves));
            return Ty.UNIT;
          }
          case "recv" -> {
            arity(c, 0, "recv()");
            emit(new Instr.Recv(line, s.index()));
            return Ty.of(elem);
          }
          default -> throw unknownMethod(c, s, "send(value), recv()");
        }
      }
      case BARRIER -> {
        arity(c, 0, m + "()");
        if (!m.equals("wait")) {
          throw unknownMethod(c, s, "wait()");
        }
        emit(new Instr.BarrierArrive(line, s.index()));
        emit(new Instr.BarrierDepart(line, s.index()));
        return Ty.UNIT;
      }
      case CONDVAR -> {
        switch (m) {
          case "wait" -> {
            arity(c, 1, "wait(mutex)");
            if (!(c.args().get(0) instanceof Expr.Name mn)
                || syncs.get(mn.name()) == null
                || syncs.get(mn.name()).kind() != SyncKind.MUTEX) {
              throw error(
                  c.args().get(0).pos(),
                  "wait takes the mutex it releases while waiting," + " as in cv.wait(m)");
            }
            int mutex = syncs.get(mn.name()).index();
            emit(new Instr.CondWait(line, s.index(), mutex));
            emit(new Instr.CondReacquire(line, s.index(), mutex));
          }
          case "notify_one" -> {
            arity(c, 0, "notify_one()");
            emit(new Instr.Notify(line, s.index(), false));
          }
          case "notify_all" -> {
            arity(c, 0, "notify_all()");
            emit(new Instr.Notify(line, s.index(), true));
          }
          default -> throw unknownMethod(c, s, "wait(mutex), notify_one(), notify_all()");
        }
        return Ty.UNIT;
      }
    }
    throw new IllegalStateException();
  }

  private ScenarioException unknownMethod(Expr.Call c, Sync s, String known) {
    return error(
        c.pos(),
        "a " + s.kind().label + " has no method '" + c.method() + "' (it has " + known + ")");
  }

  private Ty vecCall(Expr.Call c, Local l) throws ScenarioException {
    int line = c.pos().line();
    Type elem = ((VecType) l.type()).element();
    switch (c.method()) {
      case "push" -> {
        arity(c, 1, "push(value)");
        Ty v = expr(c.args().get(0), elem);
        coerce(v, elem, c.args().get(0).pos(), "the element");
        emit(new Instr.VecPush(line, l.slot(), l.name()));
        return Ty.UNIT;
      }
      case "len" -> {
        arity(c, 0, "len()");
        emit(new Instr.VecLen(line, l.slot()));
        return Ty.of(Prim.USIZE);
      }
      default ->
          throw error(
              c.pos(), "a Vec has no method '" + c.method() + "' (it has push(value), len())");
    }
  }

  // ---------------------------------------------------------------- typing helpers

  private void requireInteger(Ty t, Pos pos, String what) throws ScenarioException {
    if (!isInteger(t)) {
      throw error(
          pos,
          "the "
              + what
              + " must be an integer, found "
              + (t.unit() ? "no value" : t.type().display()));
    }
  }

  /** Checks that a value can be stored as {@code target}; emits a run-time fit check if needed. */
  private void coerce(Ty from, Type target, Pos pos, String what) throws ScenarioException {
    if (from.unit()) {
      throw error(pos, "this expression has no value");
    }
    Type f = from.type();
    if (target instanceof Prim p && p.isInteger()) {
      if (!isInteger(from)) {
        throw mismatch(f, target, pos, what);
      }
      if (!f.equals(target)) {
        emit(new Instr.Coerce(pos.line(), target));
      }
      return;
    }
    if (target == Prim.F64) {
      if (f == Prim.F64) {
        return;
      }
      if (from.literal()) {
        emit(new Instr.Convert(pos.line(), Prim.F64));
        return;
      }
      throw mismatch(f, target, pos, what);
    }
    if (target instanceof PtrType pt) {
      if (!(f instanceof PtrType fp)) {
        throw mismatch(f, target, pos, what);
      }
      if (from.nullLiteral()) {
        emit(new Instr.Convert(pos.line(), target));
        return;
      }
      if (fp.fat() != pt.fat()) {
        throw error(
            pos,
            what
                + " is "
                + target.display()
                + ", found "
                + f.display()
                + (pt.fat()
                    ? " (make a slice with &a[i..j])"
                    : " (a slice pointer is not a thin one)"));
      }
      if (!fp.target().equals(pt.target())) {
        throw error(
            pos,
            what
                + " is "
                + target.display()
                + ", found "
                + f.display()
                + "; reinterpret it explicitly with 'as "
                + target.display()
                + "'");
      }
      return;
    }
    if (!f.equals(target)) {
      throw mismatch(f, target, pos, what);
    }
  }

  /** Like coerce, for stores into memory: the type must be a storable one. */
  private void coerceBelow(Ty from, Type target, Pos pos, String what) throws ScenarioException {
    if (from.type() instanceof BoxType || from.type() instanceof VecType) {
      throw error(pos, "memory cannot hold a " + from.type().display() + "; store its address");
    }
    coerce(from, target, pos, what);
  }

  private ScenarioException mismatch(Type found, Type want, Pos pos, String what) {
    return error(pos, what + " is " + want.display() + ", found " + found.display());
  }

  // ---------------------------------------------------------------- expectations

  private Program.CheckedExpectation expectation(Expectation e) throws ScenarioException {
    if (e.kind() == Expectation.Kind.UB && e.subject() != null) {
      if (UbKind.byLabel(e.subject()).isEmpty()) {
        throw error(
            e.pos(), "unknown UB kind '" + e.subject() + "' (kinds: " + UbKind.labels() + ")");
      }
    }
    if (e.kind() == Expectation.Kind.RACE && e.subject() != null) {
      String base = e.subject().replaceFirst("^\\*", "").replaceFirst("[\\[@].*$", "");
      if (!statics.containsKey(base) && !mentionedAnywhere(base)) {
        throw error(e.pos(), "'" + base + "' is not a location of this scenario");
      }
    }
    if (e.kind() != Expectation.Kind.FINAL) {
      return new Program.CheckedExpectation(e, null);
    }
    finalMode = true;
    current = null;
    code = new ArrayList<>();
    slotCount = 0;
    scopes.clear();
    scopes.push(new HashMap<>());
    try {
      condition(e.condition());
    } finally {
      finalMode = false;
      scopes.clear();
    }
    return new Program.CheckedExpectation(
        e,
        new Program.ThreadCode(
            "expect", 0, false, List.of(), List.copyOf(code), slotCount, List.of(), e.pos()));
  }

  /** Whether a thread declares a local, stack slot or parameter of that name (heap blocks). */
  private boolean mentionedAnywhere(String name) {
    for (ThreadDecl t : scenario.threads()) {
      for (ThreadDecl.Param p : t.params()) {
        if (p.name().equals(name)) {
          return true;
        }
      }
      if (declares(t.body(), name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean declares(Stmt s, String name) {
    if (s instanceof Stmt.Let l) {
      return l.name().equals(name);
    }
    if (s instanceof Stmt.Local l) {
      return l.name().equals(name);
    }
    for (Stmt child : children(s)) {
      if (declares(child, name)) {
        return true;
      }
    }
    return false;
  }

  private static List<Stmt> children(Stmt s) {
    if (s instanceof Stmt.Block b) {
      return b.body();
    }
    if (s instanceof Stmt.If i) {
      return i.otherwise() == null ? List.of(i.then()) : List.of(i.then(), i.otherwise());
    }
    if (s instanceof Stmt.While w) {
      return List.of(w.body());
    }
    if (s instanceof Stmt.Loop l) {
      return List.of(l.body());
    }
    if (s instanceof Stmt.Repeat r) {
      return List.of(r.body());
    }
    if (s instanceof Stmt.For f) {
      return List.of(f.body());
    }
    if (s instanceof Stmt.Guarded g) {
      return List.of(g.body());
    }
    if (s instanceof Stmt.Critical c) {
      return List.of(c.body());
    }
    return List.of();
  }

  // ---------------------------------------------------------------- printing

  /** The expression as source-like text, for messages and location names. */
  static String show(Expr e) {
    if (e instanceof Expr.IntLit i) {
      return Long.toString(i.value());
    } else if (e instanceof Expr.FloatLit f) {
      return Double.toString(f.value());
    } else if (e instanceof Expr.BoolLit b) {
      return Boolean.toString(b.value());
    } else if (e instanceof Expr.CharLit c) {
      return "'" + new String(Character.toChars(Math.min(c.codePoint(), 0x10FFFF))) + "'";
    } else if (e instanceof Expr.NullLit) {
      return "null";
    } else if (e instanceof Expr.OrderLit o) {
      return o.ordering().display();
    } else if (e instanceof Expr.Name n) {
      return n.name()
          + (n.at() == null
              ? ""
              : "@"
                  + n.at().name()
                  + (n.at().index() == null ? "" : "[" + show(n.at().index()) + "]"));
    } else if (e instanceof Expr.Tid) {
      return "tid";
    } else if (e instanceof Expr.Index i) {
      return show(i.base()) + "[" + show(i.index()) + "]";
    } else if (e instanceof Expr.Slice s) {
      return show(s.base()) + "[" + show(s.from()) + ".." + show(s.to()) + "]";
    } else if (e instanceof Expr.Deref d) {
      return "*" + show(d.pointer());
    } else if (e instanceof Expr.AddrOf a) {
      return a.borrow().spelling() + show(a.place());
    } else if (e instanceof Expr.Unary u) {
      return u.op().symbol() + show(u.operand());
    } else if (e instanceof Expr.Binary b) {
      return show(b.left()) + " " + b.op().symbol() + " " + show(b.right());
    } else if (e instanceof Expr.Cast c) {
      return show(c.value()) + " as " + c.type().display();
    } else if (e instanceof Expr.Call c) {
      return show(c.receiver()) + "." + c.method() + "(...)";
    } else if (e instanceof Expr.BoxNew b) {
      return "box " + b.type().display();
    } else if (e instanceof Expr.Alloc a) {
      return "alloc " + a.type().display();
    } else if (e instanceof Expr.VecNew v) {
      return "vec " + v.element().display();
    }
    throw new IllegalArgumentException("unexpected syntax node: " + e);
  }

  /** Threads referenced by name resolve to declaration indices; exposed for the machine. */
  static int threadIndexOf(Program p, ThreadRef ref) {
    for (int i = 0; i < p.threads().size(); i++) {
      if (p.threads().get(i).name().equals(ref.name())) {
        return i;
      }
    }
    return -1;
  }
}
