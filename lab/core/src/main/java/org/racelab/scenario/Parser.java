package org.racelab.scenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.racelab.scenario.Expr.BinaryOp;
import org.racelab.scenario.Expr.UnaryOp;
import org.racelab.scenario.Token.Kind;
import org.racelab.value.ArrayType;
import org.racelab.value.BoxType;
import org.racelab.value.Ordering;
import org.racelab.value.Prim;
import org.racelab.value.PtrType;
import org.racelab.value.Type;
import org.racelab.value.VecType;

/**
 * A recursive-descent parser for the {@code .race} language (DESIGN section 5).
 *
 * <p>Statements end at a newline, a {@code ;} or a closing brace; an expression continues onto the
 * next line inside parentheses or after a binary operator. Nesting (blocks, parentheses, unary
 * chains) is limited to {@value #MAX_DEPTH} levels so that no input can exhaust the Java stack. The
 * first error stops parsing with a {@link ScenarioException} that says what was expected and what
 * was found.
 */
public final class Parser {
  /** How deeply blocks and expressions may nest. */
  public static final int MAX_DEPTH = 200;

  private static final Set<String> RESERVED =
      Set.of(
          "scenario",
          "about",
          "shared",
          "atomic",
          "thread_local",
          "mutex",
          "rwlock",
          "channel",
          "barrier",
          "condvar",
          "thread",
          "spawned",
          "expect",
          "let",
          "local",
          "if",
          "else",
          "while",
          "for",
          "loop",
          "repeat",
          "break",
          "continue",
          "lock",
          "critical",
          "fence",
          "spawn",
          "join",
          "assert",
          "yield",
          "sleep",
          "free",
          "drop",
          "forget",
          "true",
          "false",
          "null",
          "tid",
          "box",
          "alloc",
          "vec",
          "as",
          "cap",
          "relaxed",
          "acquire",
          "release",
          "acq_rel",
          "seq_cst");

  private final String file;
  private final String source;
  private final List<Token> tokens;
  private int p;
  private int depth;

  private Parser(String file, String source, List<Token> tokens) {
    this.file = file;
    this.source = source;
    this.tokens = tokens;
  }

  /** The words that cannot name anything (keywords and orderings), for highlighters too. */
  public static Set<String> reservedWords() {
    return RESERVED;
  }

  /** Parses a whole scenario file. */
  public static Scenario parse(String file, String source) throws ScenarioException {
    Parser parser = new Parser(file, source, Lexer.tokenize(file, source));
    return parser.scenario();
  }

  /** Parses a single expression (used for {@code expect final} conditions in tests and tools). */
  public static Expr parseExpression(String file, String source) throws ScenarioException {
    Parser parser = new Parser(file, source, Lexer.tokenize(file, source));
    parser.skipNewlines();
    Expr e = parser.expr();
    parser.skipNewlines();
    parser.expect(Kind.EOF, "the end of the expression");
    return e;
  }

  // ---------------------------------------------------------------- helpers

  private Token peek() {
    return tokens.get(p);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(p + ahead, tokens.size() - 1));
  }

  private Token next() {
    Token t = tokens.get(p);
    if (t.kind() != Kind.EOF) {
      p++;
    }
    return t;
  }

  private boolean at(Kind k) {
    return peek().kind() == k;
  }

  private boolean atWord(String w) {
    return peek().is(w);
  }

  private boolean accept(Kind k) {
    if (at(k)) {
      next();
      return true;
    }
    return false;
  }

  private boolean acceptWord(String w) {
    if (atWord(w)) {
      next();
      return true;
    }
    return false;
  }

  private ScenarioException error(Token at, String expected) {
    return new ScenarioException(file, at.pos(), "expected " + expected + ", found " + at.found());
  }

  private ScenarioException errorAt(Pos pos, String message) {
    return new ScenarioException(file, pos, message);
  }

  private Token expect(Kind k, String what) throws ScenarioException {
    if (!at(k)) {
      throw error(peek(), what);
    }
    return next();
  }

  private void expectWord(String w) throws ScenarioException {
    if (!atWord(w)) {
      throw error(peek(), "'" + w + "'");
    }
    next();
  }

  private String ident(String what) throws ScenarioException {
    Token t = peek();
    if (t.kind() != Kind.IDENT) {
      throw error(t, what);
    }
    if (RESERVED.contains(t.text())) {
      throw errorAt(t.pos(), "'" + t.text() + "' is a keyword and cannot be used as " + what);
    }
    return next().text();
  }

  private void skipNewlines() {
    while (at(Kind.NEWLINE) || at(Kind.SEMI)) {
      next();
    }
  }

  private void endOfStatement(String what) throws ScenarioException {
    if (at(Kind.NEWLINE) || at(Kind.SEMI)) {
      next();
      return;
    }
    if (at(Kind.RBRACE) || at(Kind.EOF)) {
      return;
    }
    throw error(peek(), "end of line after " + what);
  }

  private void enter(Pos pos) throws ScenarioException {
    if (++depth > MAX_DEPTH) {
      throw errorAt(
          pos,
          "nesting is deeper than "
              + MAX_DEPTH
              + " levels; split the scenario into simpler statements");
    }
  }

  private void leave() {
    depth--;
  }

  // ---------------------------------------------------------------- top level

  private Scenario scenario() throws ScenarioException {
    String title = null;
    String about = null;
    List<Decl> decls = new ArrayList<>();
    List<ThreadDecl> threads = new ArrayList<>();
    List<Expectation> expectations = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int schedules = 0;
    skipNewlines();
    while (!at(Kind.EOF)) {
      Token t = peek();
      if (t.kind() != Kind.IDENT) {
        throw error(t, "a declaration (scenario, about, shared, atomic, thread, expect, ...)");
      }
      switch (t.text()) {
        case "scenario" -> {
          next();
          if (title != null) {
            throw errorAt(t.pos(), "a file has only one 'scenario' title");
          }
          title = expect(Kind.STRING, "the scenario's title in quotes").text();
          endOfStatement("the title");
        }
        case "about" -> {
          next();
          if (about != null) {
            throw errorAt(t.pos(), "a file has only one 'about' text");
          }
          about = expect(Kind.STRING, "the about text in quotes or \"\"\"...\"\"\"").text();
          endOfStatement("the about text");
        }
        case "schedules" -> {
          next();
          Token n = expect(Kind.INT, "how many schedules to run, as in 'schedules 100'");
          if (n.value() < 1 || n.value() > 1_000_000) {
            throw errorAt(n.pos(), "schedules must be between 1 and 1000000");
          }
          if (schedules != 0) {
            throw errorAt(t.pos(), "a file says 'schedules' only once");
          }
          schedules = (int) n.value();
          endOfStatement("the schedule count");
        }
        case "shared", "atomic", "thread_local" -> addDecl(decls, names, varDecl());
        case "mutex", "rwlock", "condvar" -> addDecl(decls, names, simpleDecl());
        case "channel" -> addDecl(decls, names, channelDecl());
        case "barrier" -> addDecl(decls, names, barrierDecl());
        case "thread" -> {
          ThreadDecl td = threadDecl();
          if (!names.add(td.name())) {
            throw errorAt(td.pos(), "'" + td.name() + "' is declared twice");
          }
          threads.add(td);
        }
        case "expect" -> expectations.add(expectation());
        default ->
            throw error(
                t,
                "a declaration (scenario, about, schedules, shared, atomic, thread_local, mutex,"
                    + " rwlock, channel, barrier, condvar, thread, expect)");
      }
      skipNewlines();
    }
    if (threads.isEmpty()) {
      throw errorAt(peek().pos(), "a scenario needs at least one thread");
    }
    return new Scenario(file, source, title, about, decls, threads, expectations, schedules);
  }

  private void addDecl(List<Decl> decls, Set<String> names, Decl d) throws ScenarioException {
    if (!names.add(d.name())) {
      throw errorAt(d.pos(), "'" + d.name() + "' is declared twice");
    }
    decls.add(d);
  }

  private Decl varDecl() throws ScenarioException {
    Token kw = next();
    Decl.Storage storage =
        switch (kw.text()) {
          case "shared" -> Decl.Storage.SHARED;
          case "atomic" -> Decl.Storage.ATOMIC;
          default -> Decl.Storage.THREAD_LOCAL;
        };
    String name = ident("a name for the " + kw.text() + " location");
    expect(Kind.COLON, "':' and a type after the name, as in '" + name + ": i32'");
    Type type = type();
    Init init = null;
    if (accept(Kind.ASSIGN)) {
      init = init();
    }
    endOfStatement("the declaration of '" + name + "'");
    return new Decl.Var(kw.pos(), storage, name, type, init);
  }

  private Init init() throws ScenarioException {
    Token t = peek();
    if (at(Kind.LBRACKET)) {
      next();
      List<Expr> values = new ArrayList<>();
      if (!at(Kind.RBRACKET)) {
        do {
          values.add(expr());
        } while (accept(Kind.COMMA) && !at(Kind.RBRACKET));
      }
      expect(Kind.RBRACKET, "']' to close the list of values");
      return new Init.Elements(t.pos(), values);
    }
    return new Init.Fill(t.pos(), expr());
  }

  private Decl simpleDecl() throws ScenarioException {
    Token kw = next();
    String name = ident("a name for the " + kw.text());
    endOfStatement("the declaration of '" + name + "'");
    return switch (kw.text()) {
      case "mutex" -> new Decl.Mutex(kw.pos(), name);
      case "rwlock" -> new Decl.RwLock(kw.pos(), name);
      default -> new Decl.Condvar(kw.pos(), name);
    };
  }

  private Decl channelDecl() throws ScenarioException {
    Token kw = next();
    String name = ident("a name for the channel");
    expect(Kind.COLON, "':' and the message type, as in 'channel " + name + ": i32'");
    Type type = type();
    int cap = -1;
    if (acceptWord("cap")) {
      Token n = expect(Kind.INT, "the channel's capacity");
      if (n.value() < 1 || n.value() > 1_000_000) {
        throw errorAt(n.pos(), "a channel's capacity must be between 1 and 1000000");
      }
      cap = (int) n.value();
    }
    endOfStatement("the declaration of '" + name + "'");
    return new Decl.Channel(kw.pos(), name, type, cap);
  }

  private Decl barrierDecl() throws ScenarioException {
    Token kw = next();
    String name = ident("a name for the barrier");
    expect(Kind.LPAREN, "'(' and the number of threads, as in 'barrier " + name + "(2)'");
    Token n = expect(Kind.INT, "the number of threads the barrier waits for");
    if (n.value() < 1 || n.value() > 10_000) {
      throw errorAt(n.pos(), "a barrier waits for between 1 and 10000 threads");
    }
    expect(Kind.RPAREN, "')'");
    endOfStatement("the declaration of '" + name + "'");
    return new Decl.Barrier(kw.pos(), name, (int) n.value());
  }

  private ThreadDecl threadDecl() throws ScenarioException {
    Token kw = next();
    String name = ident("the thread's name");
    int instances = 0;
    if (accept(Kind.LBRACKET)) {
      Token n = expect(Kind.INT, "the number of instances, as in 'thread " + name + "[4]'");
      if (n.value() < 1 || n.value() > 64) {
        throw errorAt(n.pos(), "a thread array has between 1 and 64 instances");
      }
      instances = (int) n.value();
      expect(Kind.RBRACKET, "']'");
    }
    List<ThreadDecl.Param> params = new ArrayList<>();
    if (accept(Kind.LPAREN)) {
      if (!at(Kind.RPAREN)) {
        do {
          Token pt = peek();
          String pname = ident("a parameter name");
          expect(Kind.COLON, "':' and the parameter's type");
          params.add(new ThreadDecl.Param(pt.pos(), pname, type()));
        } while (accept(Kind.COMMA));
      }
      expect(Kind.RPAREN, "')' to close the parameters");
    }
    boolean spawned = acceptWord("spawned");
    if (!params.isEmpty() && !spawned) {
      throw errorAt(
          kw.pos(),
          "thread '"
              + name
              + "' has parameters, so it must be 'spawned' (arguments come from spawn)");
    }
    if (spawned && instances > 0) {
      throw errorAt(kw.pos(), "a thread array cannot be 'spawned'; declare single threads instead");
    }
    Stmt.Block body = block();
    endOfStatement("the thread's body");
    return new ThreadDecl(kw.pos(), name, instances, params, spawned, body);
  }

  private Expectation expectation() throws ScenarioException {
    Token kw = next();
    int startIndex = p;
    boolean negated = acceptWord("no");
    Token what = peek();
    if (what.kind() != Kind.IDENT) {
      throw error(
          what, "what to expect (race, clean, ub, leak, deadlock, inversion, panic, final)");
    }
    next();
    Expectation.Kind kind;
    String subject = null;
    Expr condition = null;
    switch (what.text()) {
      case "race" -> {
        kind = Expectation.Kind.RACE;
        acceptWord("on");
        if (!at(Kind.NEWLINE) && !at(Kind.EOF) && !at(Kind.SEMI)) {
          subject = locationPattern();
        }
      }
      case "clean" -> {
        if (negated) {
          throw errorAt(
              what.pos(), "'expect no clean' is not a thing; use 'expect race' or 'expect ub'");
        }
        kind = Expectation.Kind.CLEAN;
      }
      case "ub" -> {
        kind = Expectation.Kind.UB;
        if (at(Kind.IDENT)) {
          subject = ubKind();
        }
      }
      case "leak" -> kind = Expectation.Kind.LEAK;
      case "deadlock" -> kind = Expectation.Kind.DEADLOCK;
      case "inversion" -> kind = Expectation.Kind.INVERSION;
      case "panic" -> kind = Expectation.Kind.PANIC;
      case "final" -> {
        if (negated) {
          throw errorAt(what.pos(), "write 'expect final !(...)' instead of 'expect no final'");
        }
        kind = Expectation.Kind.FINAL;
        condition = expr();
      }
      default ->
          throw error(
              what, "what to expect (race, clean, ub, leak, deadlock, inversion, panic, final)");
    }
    int endIndex = p;
    endOfStatement("the expectation");
    return new Expectation(
        kw.pos(), textOf(startIndex, endIndex), kind, negated, subject, condition);
  }

  /** The source text spanned by tokens [from, to). */
  private String textOf(int from, int to) {
    if (from >= to) {
      return "";
    }
    Pos a = tokens.get(from).pos();
    Token last = tokens.get(to - 1);
    String[] lines = source.split("\n", -1);
    if (a.line() == last.pos().line() && a.line() - 1 < lines.length) {
      String l = lines[a.line() - 1];
      int start = Math.min(a.column() - 1, l.length());
      int end = lineEnd(l, start);
      return l.substring(start, end).strip();
    }
    StringBuilder sb = new StringBuilder();
    for (int k = from; k < to; k++) {
      sb.append(tokens.get(k).text()).append(' ');
    }
    return sb.toString().strip();
  }

  private static int lineEnd(String line, int start) {
    int hash = line.indexOf('#', start);
    int slashes = line.indexOf("//", start);
    int end = line.length();
    if (hash >= 0) {
      end = Math.min(end, hash);
    }
    if (slashes >= 0) {
      end = Math.min(end, slashes);
    }
    int semi = line.indexOf(';', start);
    if (semi >= 0) {
      end = Math.min(end, semi);
    }
    return end;
  }

  private String ubKind() throws ScenarioException {
    StringBuilder sb = new StringBuilder(next().text());
    while (at(Kind.MINUS) && peek(1).kind() == Kind.IDENT) {
      next();
      sb.append('-').append(next().text());
    }
    return sb.toString();
  }

  /** {@code x}, {@code a[2]}, {@code count@main}, {@code count@worker[1]}, {@code *p}. */
  private String locationPattern() throws ScenarioException {
    StringBuilder sb = new StringBuilder();
    if (accept(Kind.STAR)) {
      sb.append('*');
    }
    Token name = expect(Kind.IDENT, "a location name");
    sb.append(name.text());
    if (accept(Kind.LBRACKET)) {
      Token n = expect(Kind.INT, "an index");
      expect(Kind.RBRACKET, "']'");
      sb.append('[').append(n.value()).append(']');
    }
    if (accept(Kind.AT)) {
      sb.append('@').append(expect(Kind.IDENT, "a thread name").text());
      if (accept(Kind.LBRACKET)) {
        Token n = expect(Kind.INT, "an instance index");
        expect(Kind.RBRACKET, "']'");
        sb.append('[').append(n.value()).append(']');
      }
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- types

  private Type type() throws ScenarioException {
    Token t = peek();
    enter(t.pos());
    try {
      if (accept(Kind.LBRACKET)) {
        Type elem = type();
        expect(Kind.SEMI, "';' and a length, as in '[i32; 4]'");
        Token n = expect(Kind.INT, "the array length");
        if (n.value() < 1 || n.value() > 1_000_000) {
          throw errorAt(n.pos(), "an array length must be between 1 and 1000000");
        }
        expect(Kind.RBRACKET, "']' to close the array type");
        return new ArrayType(elem, (int) n.value());
      }
      if (t.kind() != Kind.IDENT) {
        throw error(t, "a type (i32, bool, ptr<T>, [T; N], ...)");
      }
      next();
      if (t.text().equals("ptr") || t.text().equals("box") || t.text().equals("vec")) {
        expect(Kind.LT, "'<' after " + t.text() + ", as in " + t.text() + "<i32>");
        Type target;
        boolean fat = false;
        if (t.text().equals("ptr") && at(Kind.LBRACKET) && peek(2).kind() == Kind.RBRACKET) {
          next();
          target = type();
          expect(Kind.RBRACKET, "']'");
          fat = true;
        } else {
          target = type();
        }
        expect(Kind.GT, "'>' to close " + t.text() + "<...>");
        return switch (t.text()) {
          case "ptr" -> new PtrType(target, fat);
          case "box" -> new BoxType(target);
          default -> new VecType(target);
        };
      }
      return Prim.byName(t.text())
          .orElseThrow(
              () ->
                  errorAt(
                      t.pos(),
                      "unknown type '"
                          + t.text()
                          + "' (types: i8 i16 i32 i64 isize u8 u16 u32 u64 usize f64 bool char,"
                          + " ptr<T>, [T; N])"));
    } finally {
      leave();
    }
  }

  // ---------------------------------------------------------------- statements

  private Stmt.Block block() throws ScenarioException {
    Token open = expect(Kind.LBRACE, "'{'");
    enter(open.pos());
    try {
      List<Stmt> body = new ArrayList<>();
      skipNewlines();
      while (!at(Kind.RBRACE)) {
        if (at(Kind.EOF)) {
          throw errorAt(
              open.pos(), "this '{' is never closed (reached the end of the file looking for '}')");
        }
        body.add(statement());
        skipNewlines();
      }
      Token close = next();
      return new Stmt.Block(open.pos(), List.copyOf(body), close.pos());
    } finally {
      leave();
    }
  }

  private Stmt statement() throws ScenarioException {
    Token t = peek();
    if (t.kind() == Kind.LBRACE) {
      return block();
    }
    if (t.kind() == Kind.IDENT) {
      Stmt s = keywordStatement(t);
      if (s != null) {
        return s;
      }
    }
    Expr e = expr();
    if (accept(Kind.ASSIGN)) {
      Expr value = expr();
      endOfStatement("the assignment");
      return new Stmt.Assign(t.pos(), e, value);
    }
    BinaryOp compound = compoundOperator();
    if (compound != null) {
      Token op = next();
      next(); // '='
      Expr value = expr();
      endOfStatement("the assignment");
      // x op= e means x = x op e: a read, then a write (two accesses, not one)
      return new Stmt.Assign(t.pos(), e, new Expr.Binary(op.pos(), compound, e, value));
    }
    endOfStatement("the expression");
    return new Stmt.ExprStmt(t.pos(), e);
  }

  private @Nullable Stmt keywordStatement(Token t) throws ScenarioException {
    Pos pos = t.pos();
    switch (t.text()) {
      case "let" -> {
        next();
        String name = ident("a name for the local");
        Type type = null;
        if (accept(Kind.COLON)) {
          type = type();
        }
        expect(Kind.ASSIGN, "'=' and an initial value");
        Expr init = expr();
        endOfStatement("the let");
        return new Stmt.Let(pos, name, type, init);
      }
      case "local" -> {
        next();
        String name = ident("a name for the stack slot");
        expect(Kind.COLON, "':' and a type, as in 'local " + name + ": i64 = 0'");
        Type type = type();
        Init init = null;
        if (accept(Kind.ASSIGN)) {
          init = init();
        }
        endOfStatement("the local declaration");
        return new Stmt.Local(pos, name, type, init);
      }
      case "if" -> {
        return ifStatement();
      }
      case "while" -> {
        next();
        Expr cond = expr();
        Stmt.Block body = block();
        endOfStatement("the while loop");
        return new Stmt.While(pos, cond, body);
      }
      case "loop" -> {
        next();
        Stmt.Block body = block();
        endOfStatement("the loop");
        return new Stmt.Loop(pos, body);
      }
      case "for" -> {
        next();
        String name = ident("a name for the loop variable");
        expectWord("in");
        Expr from = expr();
        expect(Kind.DOTDOT, "'..' between the bounds, as in 'for i in 0..4'");
        Expr to = expr();
        Stmt.Block body = block();
        endOfStatement("the for loop");
        return new Stmt.For(pos, name, from, to, body);
      }
      case "repeat" -> {
        next();
        Expr count = expr();
        Stmt.Block body = block();
        endOfStatement("the repeat loop");
        return new Stmt.Repeat(pos, count, body);
      }
      case "break" -> {
        next();
        endOfStatement("break");
        return new Stmt.Break(pos);
      }
      case "continue" -> {
        next();
        endOfStatement("continue");
        return new Stmt.Continue(pos);
      }
      case "lock", "read", "write" -> {
        if (peek(1).kind() == Kind.IDENT && peek(2).kind() == Kind.LBRACE) {
          next();
          Token obj = next();
          Stmt.Block body = block();
          endOfStatement("the " + t.text() + " block");
          Stmt.GuardKind kind =
              switch (t.text()) {
                case "lock" -> Stmt.GuardKind.LOCK;
                case "read" -> Stmt.GuardKind.READ;
                default -> Stmt.GuardKind.WRITE;
              };
          return new Stmt.Guarded(pos, kind, obj.text(), obj.pos(), body);
        }
        if (t.text().equals("lock")) {
          throw error(peek(1), "a mutex name and a block, as in 'lock m { ... }'");
        }
        return null;
      }
      case "critical" -> {
        next();
        boolean read = acceptWord("read");
        Stmt.Block body = block();
        endOfStatement("the critical block");
        return new Stmt.Critical(pos, read, body);
      }
      case "fence" -> {
        next();
        expect(Kind.LPAREN, "'(' and an ordering, as in 'fence(seq_cst)'");
        Ordering o = ordering();
        expect(Kind.RPAREN, "')'");
        endOfStatement("the fence");
        return new Stmt.Fence(pos, o);
      }
      case "spawn" -> {
        next();
        ThreadRef ref = threadRef();
        List<Expr> args = new ArrayList<>();
        if (accept(Kind.LPAREN)) {
          args = arguments();
        }
        endOfStatement("the spawn");
        return new Stmt.Spawn(pos, ref, List.copyOf(args));
      }
      case "join" -> {
        next();
        ThreadRef ref = threadRef();
        endOfStatement("the join");
        return new Stmt.Join(pos, ref);
      }
      case "assert" -> {
        next();
        Expr cond = expr();
        String message = null;
        if (accept(Kind.COMMA)) {
          message = expect(Kind.STRING, "a message in quotes").text();
        }
        endOfStatement("the assert");
        return new Stmt.Assert(pos, cond, message);
      }
      case "yield" -> {
        next();
        endOfStatement("yield");
        return new Stmt.Yield(pos);
      }
      case "sleep" -> {
        next();
        long millis = 0;
        if (at(Kind.INT)) {
          Token n = next();
          millis = n.value();
          if (at(Kind.IDENT)) {
            Token unit = next();
            millis =
                switch (unit.text()) {
                  case "ms" -> n.value();
                  case "s" -> n.value() * 1000;
                  case "us" -> n.value() / 1000;
                  default -> throw errorAt(unit.pos(), "expected a unit: ms, s or us");
                };
          }
        }
        endOfStatement("sleep");
        return new Stmt.Sleep(pos, millis);
      }
      case "free" -> {
        next();
        Expr ptr = expr();
        endOfStatement("free");
        return new Stmt.Free(pos, ptr);
      }
      case "drop", "forget" -> {
        next();
        expect(Kind.LPAREN, "'(' and a name, as in '" + t.text() + "(b)'");
        String name = ident("the name of a Box or Vec");
        expect(Kind.RPAREN, "')'");
        endOfStatement(t.text());
        return t.text().equals("drop") ? new Stmt.Drop(pos, name) : new Stmt.Forget(pos, name);
      }
      case "else" -> throw errorAt(pos, "'else' without an 'if' before it");
      default -> {
        return null;
      }
    }
  }

  private Stmt ifStatement() throws ScenarioException {
    Token kw = next();
    enter(kw.pos());
    try {
      Expr cond = expr();
      Stmt.Block then = block();
      Stmt otherwise = null;
      // 'else' may follow on the same line as '}' or on the next line
      int save = p;
      while (at(Kind.NEWLINE)) {
        next();
      }
      if (acceptWord("else")) {
        otherwise = atWord("if") ? ifStatement() : block();
        if (!(otherwise instanceof Stmt.If)) {
          endOfStatement("the else block");
        }
      } else {
        p = save;
        endOfStatement("the if");
      }
      return new Stmt.If(kw.pos(), cond, then, otherwise);
    } finally {
      leave();
    }
  }

  private ThreadRef threadRef() throws ScenarioException {
    Token t = peek();
    String name = ident("a thread name");
    Expr index = null;
    if (accept(Kind.LBRACKET)) {
      index = expr();
      expect(Kind.RBRACKET, "']'");
    }
    return new ThreadRef(t.pos(), name, index);
  }

  private Ordering ordering() throws ScenarioException {
    Token t = peek();
    if (t.kind() == Kind.IDENT) {
      var o = Ordering.byName(t.text());
      if (o.isPresent()) {
        next();
        return o.get();
      }
    }
    throw error(t, "an ordering (relaxed, acquire, release, acq_rel, seq_cst)");
  }

  private List<Expr> arguments() throws ScenarioException {
    List<Expr> args = new ArrayList<>();
    if (!at(Kind.RPAREN)) {
      do {
        args.add(expr());
      } while (accept(Kind.COMMA));
    }
    expect(Kind.RPAREN, "')' to close the arguments");
    return args;
  }

  // ---------------------------------------------------------------- expressions

  private Expr expr() throws ScenarioException {
    Token t = peek();
    enter(t.pos());
    try {
      return binary(0);
    } finally {
      leave();
    }
  }

  private static final Kind[][] LEVELS = {
    {Kind.PIPEPIPE},
    {Kind.AMPAMP},
    {Kind.EQ, Kind.NE, Kind.LT, Kind.LE, Kind.GT, Kind.GE},
    {Kind.PIPE},
    {Kind.CARET},
    {Kind.AMP},
    {Kind.PLUS, Kind.MINUS},
    {Kind.STAR, Kind.SLASH, Kind.PERCENT},
  };

  private static BinaryOp binaryOp(Kind k) {
    return switch (k) {
      case PIPEPIPE -> BinaryOp.OR;
      case AMPAMP -> BinaryOp.AND;
      case EQ -> BinaryOp.EQ;
      case NE -> BinaryOp.NE;
      case LT -> BinaryOp.LT;
      case LE -> BinaryOp.LE;
      case GT -> BinaryOp.GT;
      case GE -> BinaryOp.GE;
      case PIPE -> BinaryOp.BIT_OR;
      case CARET -> BinaryOp.BIT_XOR;
      case AMP -> BinaryOp.BIT_AND;
      case PLUS -> BinaryOp.ADD;
      case MINUS -> BinaryOp.SUB;
      case STAR -> BinaryOp.MUL;
      case SLASH -> BinaryOp.DIV;
      case PERCENT -> BinaryOp.REM;
      default -> throw new IllegalArgumentException(k.name());
    };
  }

  /** The operator of {@code op=} when the next two tokens are an operator and an adjacent '='. */
  private @Nullable BinaryOp compoundOperator() {
    Token op = peek();
    Token eq = peek(1);
    if (eq.kind() != Kind.ASSIGN
        || eq.pos().line() != op.pos().line()
        || eq.pos().column() != op.pos().column() + op.text().length()) {
      return null;
    }
    return switch (op.kind()) {
      case PLUS -> BinaryOp.ADD;
      case MINUS -> BinaryOp.SUB;
      case STAR -> BinaryOp.MUL;
      case SLASH -> BinaryOp.DIV;
      case PERCENT -> BinaryOp.REM;
      case AMP -> BinaryOp.BIT_AND;
      case PIPE -> BinaryOp.BIT_OR;
      case CARET -> BinaryOp.BIT_XOR;
      default -> null;
    };
  }

  private static boolean in(Kind k, Kind[] set) {
    for (Kind s : set) {
      if (s == k) {
        return true;
      }
    }
    return false;
  }

  private Expr binary(int level) throws ScenarioException {
    if (level == LEVELS.length) {
      return cast();
    }
    Expr left = binary(level + 1);
    boolean comparison = level == 2;
    int chain = 0;
    try {
      while (in(peek().kind(), LEVELS[level]) && compoundOperator() == null) {
        Token op = next();
        // a long chain builds a deep (left-leaning) tree: count it against the nesting limit
        enter(op.pos());
        chain++;
        skipNewlinesAfterOperator();
        Expr right = binary(level + 1);
        left = new Expr.Binary(op.pos(), binaryOp(op.kind()), left, right);
        if (comparison && in(peek().kind(), LEVELS[level])) {
          throw errorAt(
              peek().pos(), "comparisons cannot be chained; combine them with && or parentheses");
        }
      }
    } finally {
      depth -= chain;
    }
    return left;
  }

  private void skipNewlinesAfterOperator() {
    while (at(Kind.NEWLINE)) {
      next();
    }
  }

  private Expr cast() throws ScenarioException {
    Expr e = unary();
    while (atWord("as")) {
      Token as = next();
      e = new Expr.Cast(as.pos(), e, type());
    }
    return e;
  }

  private Expr unary() throws ScenarioException {
    Token t = peek();
    Kind k = t.kind();
    if (k == Kind.MINUS || k == Kind.BANG || k == Kind.STAR || k == Kind.AMP || k == Kind.AMPAMP) {
      enter(t.pos());
      try {
        next();
        if (k == Kind.AMPAMP) {
          // '&&x' is '& &x' in Rust; here addresses of addresses are not places
          throw errorAt(t.pos(), "'&&' cannot start an expression; a pointer has no address");
        }
        if (k == Kind.MINUS && at(Kind.INT)) {
          // fold '-5' into one literal so that i64's minimum can be written
          Token n = next();
          return new Expr.IntLit(t.pos(), -n.value());
        }
        Expr.Borrow borrow = Expr.Borrow.RAW;
        if (k == Kind.AMP && borrowKeyword(peek()) && startsOperand(peek(1))) {
          borrow = peek().text().equals("mut") ? Expr.Borrow.MUT : Expr.Borrow.SHARED;
          next();
        }
        Expr operand = unary();
        if (borrow != Expr.Borrow.RAW) {
          return new Expr.AddrOf(t.pos(), operand, borrow);
        }
        return switch (k) {
          case MINUS -> new Expr.Unary(t.pos(), UnaryOp.NEG, operand);
          case BANG -> new Expr.Unary(t.pos(), UnaryOp.NOT, operand);
          case STAR -> new Expr.Deref(t.pos(), operand);
          default -> new Expr.AddrOf(t.pos(), operand);
        };
      } finally {
        leave();
      }
    }
    return postfix(primary());
  }

  /** {@code mut} or {@code shared} right after {@code &}: a reference, not a raw pointer. */
  private static boolean borrowKeyword(Token t) {
    return t.kind() == Kind.IDENT && (t.text().equals("mut") || t.text().equals("shared"));
  }

  /** Whether a token can begin the place of a borrow (so that a local named mut still works). */
  private static boolean startsOperand(Token t) {
    return t.kind() == Kind.IDENT || t.kind() == Kind.STAR || t.kind() == Kind.LPAREN;
  }

  private Expr postfix(Expr e) throws ScenarioException {
    while (true) {
      Token t = peek();
      if (t.kind() == Kind.LBRACKET) {
        next();
        Expr index = expr();
        if (accept(Kind.DOTDOT)) {
          Expr to = expr();
          expect(Kind.RBRACKET, "']' to close the slice");
          e = new Expr.Slice(t.pos(), e, index, to);
        } else {
          expect(Kind.RBRACKET, "']' to close the index");
          e = new Expr.Index(t.pos(), e, index);
        }
      } else if (t.kind() == Kind.DOT) {
        next();
        Token m = peek();
        if (m.kind() != Kind.IDENT) {
          throw error(m, "a method name after '.'");
        }
        next();
        expect(Kind.LPAREN, "'(' after ." + m.text());
        List<Expr> args = callArguments();
        e = new Expr.Call(m.pos(), e, m.text(), List.copyOf(args));
      } else {
        return e;
      }
    }
  }

  private List<Expr> callArguments() throws ScenarioException {
    List<Expr> args = new ArrayList<>();
    if (!at(Kind.RPAREN)) {
      do {
        Token a = peek();
        Optional<Ordering> o =
            a.kind() == Kind.IDENT ? Ordering.byName(a.text()) : Optional.empty();
        if (o.isPresent()) {
          next();
          args.add(new Expr.OrderLit(a.pos(), o.get()));
        } else {
          args.add(expr());
        }
      } while (accept(Kind.COMMA));
    }
    expect(Kind.RPAREN, "')' to close the arguments");
    return args;
  }

  private Expr primary() throws ScenarioException {
    Token t = peek();
    switch (t.kind()) {
      case INT -> {
        next();
        return new Expr.IntLit(t.pos(), t.value());
      }
      case FLOAT -> {
        next();
        return new Expr.FloatLit(t.pos(), Double.longBitsToDouble(t.value()));
      }
      case CHAR -> {
        next();
        return new Expr.CharLit(t.pos(), (int) t.value());
      }
      case LPAREN -> {
        next();
        Expr e = expr();
        expect(Kind.RPAREN, "')'");
        return e;
      }
      case IDENT -> {
        return identifierExpression(t);
      }
      default -> throw error(t, "an expression");
    }
  }

  private Expr identifierExpression(Token t) throws ScenarioException {
    switch (t.text()) {
      case "true", "false" -> {
        next();
        return new Expr.BoolLit(t.pos(), t.text().equals("true"));
      }
      case "null" -> {
        next();
        return new Expr.NullLit(t.pos());
      }
      case "tid" -> {
        next();
        return new Expr.Tid(t.pos());
      }
      case "box" -> {
        next();
        Type type = type();
        expect(Kind.ASSIGN, "'=' and the boxed value, as in 'box i32 = 5'");
        return new Expr.BoxNew(t.pos(), type, init());
      }
      case "alloc" -> {
        next();
        return new Expr.Alloc(t.pos(), type());
      }
      case "vec" -> {
        next();
        Type elem = type();
        expectWord("cap");
        return new Expr.VecNew(t.pos(), elem, unary());
      }
      default -> {
        if (Ordering.byName(t.text()).isPresent()) {
          throw errorAt(
              t.pos(),
              "the ordering '"
                  + t.text()
                  + "' can only be an argument of an atomic method or fence");
        }
        String name = ident("an expression");
        ThreadRef at = null;
        if (at(Kind.AT)) {
          Token a = next();
          String thread = ident("a thread name after '@'");
          Expr index = null;
          if (at(Kind.LBRACKET) && peek(1).kind() == Kind.INT && peek(2).kind() == Kind.RBRACKET) {
            next();
            Token n = next();
            next();
            index = new Expr.IntLit(n.pos(), n.value());
          }
          at = new ThreadRef(a.pos(), thread, index);
        }
        return new Expr.Name(t.pos(), name, at);
      }
    }
  }
}
