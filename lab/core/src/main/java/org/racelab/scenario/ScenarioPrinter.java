package org.racelab.scenario;

import java.math.BigDecimal;
import java.util.List;
import org.racelab.value.Type;

/**
 * Prints a scenario (or one statement or expression) back as {@code .race} text.
 *
 * <p>The output parses to the same tree, up to positions: parentheses are inserted exactly where
 * the parser's precedence would otherwise regroup an expression, statements are one per line with
 * four spaces of indentation, and strings are escaped. Comments and the original layout are not
 * kept (the tree does not hold them). Its main use is to show what a strategy rewrite did to a
 * scenario ({@code org.racelab.strategy}), and to test such rewrites against golden programs.
 */
public final class ScenarioPrinter {
  private static final String INDENT = "    ";

  // precedence levels, loosest first; they mirror Parser.LEVELS, then cast, unary, postfix
  private static final int LOWEST = 0;
  private static final int OR = 1;
  private static final int AND = 2;
  private static final int COMPARE = 3;
  private static final int BIT_OR = 4;
  private static final int BIT_XOR = 5;
  private static final int BIT_AND = 6;
  private static final int ADD = 7;
  private static final int MUL = 8;
  private static final int CAST = 9;
  private static final int UNARY = 10;
  private static final int POSTFIX = 11;

  private final StringBuilder out = new StringBuilder();

  private ScenarioPrinter() {}

  /** The whole scenario as a {@code .race} file. */
  public static String print(Scenario s) {
    ScenarioPrinter p = new ScenarioPrinter();
    p.scenario(s);
    return p.out.toString();
  }

  /** One thread declaration, with its body. */
  public static String print(ThreadDecl t) {
    ScenarioPrinter p = new ScenarioPrinter();
    p.thread(t);
    return p.out.toString();
  }

  /** One statement (with nested blocks), at indentation level 0, ending with a newline. */
  public static String print(Stmt s) {
    ScenarioPrinter p = new ScenarioPrinter();
    p.statement(s, 0);
    return p.out.toString();
  }

  /** One expression. */
  public static String print(Expr e) {
    return expr(e, LOWEST);
  }

  // ---------------------------------------------------------------- top level

  private void scenario(Scenario s) {
    if (s.title() != null) {
      out.append("scenario ").append(quote(s.title())).append('\n');
    }
    if (s.about() != null) {
      out.append("about ").append(textBlock(s.about())).append('\n');
    }
    if (s.schedules() > 0) {
      out.append("schedules ").append(s.schedules()).append('\n');
    }
    if (!s.decls().isEmpty()) {
      separate();
      for (Decl d : s.decls()) {
        decl(d);
      }
    }
    for (ThreadDecl t : s.threads()) {
      separate();
      thread(t);
    }
    if (!s.expectations().isEmpty()) {
      separate();
      for (Expectation e : s.expectations()) {
        out.append("expect ").append(e.text()).append('\n');
      }
    }
  }

  private void separate() {
    if (out.length() > 0) {
      out.append('\n');
    }
  }

  private void decl(Decl d) {
    if (d instanceof Decl.Var v) {
      String keyword =
          switch (v.storage()) {
            case SHARED -> "shared";
            case ATOMIC -> "atomic";
            case THREAD_LOCAL -> "thread_local";
          };
      out.append(keyword).append(' ').append(v.name()).append(": ").append(type(v.type()));
      if (v.init() != null) {
        out.append(" = ").append(init(v.init()));
      }
    } else if (d instanceof Decl.Mutex m) {
      out.append("mutex ").append(m.name());
    } else if (d instanceof Decl.RwLock r) {
      out.append("rwlock ").append(r.name());
    } else if (d instanceof Decl.Channel c) {
      out.append("channel ").append(c.name()).append(": ").append(type(c.element()));
      if (c.capacity() >= 0) {
        out.append(" cap ").append(c.capacity());
      }
    } else if (d instanceof Decl.Barrier b) {
      out.append("barrier ").append(b.name()).append('(').append(b.parties()).append(')');
    } else if (d instanceof Decl.Condvar c) {
      out.append("condvar ").append(c.name());
    }
    out.append('\n');
  }

  private void thread(ThreadDecl t) {
    out.append("thread ").append(t.name());
    if (t.instances() > 0) {
      out.append('[').append(t.instances()).append(']');
    }
    if (!t.params().isEmpty()) {
      out.append('(');
      for (int i = 0; i < t.params().size(); i++) {
        ThreadDecl.Param p = t.params().get(i);
        out.append(i == 0 ? "" : ", ").append(p.name()).append(": ").append(type(p.type()));
      }
      out.append(')');
    }
    if (t.spawned()) {
      out.append(" spawned");
    }
    out.append(' ');
    body(t.body(), 0);
    out.append('\n');
  }

  // ---------------------------------------------------------------- statements

  private void statement(Stmt s, int level) {
    out.append(INDENT.repeat(level));
    inline(s, level);
    out.append('\n');
  }

  /** Prints a statement without its indentation and final newline. */
  private void inline(Stmt s, int level) {
    if (s instanceof Stmt.Let l) {
      out.append("let ").append(l.name());
      if (l.type() != null) {
        out.append(": ").append(type(l.type()));
      }
      out.append(" = ").append(expr(l.init(), LOWEST));
    } else if (s instanceof Stmt.Assign a) {
      out.append(expr(a.target(), LOWEST)).append(" = ").append(expr(a.value(), LOWEST));
    } else if (s instanceof Stmt.ExprStmt e) {
      out.append(expr(e.expr(), LOWEST));
    } else if (s instanceof Stmt.Block b) {
      body(b, level);
    } else if (s instanceof Stmt.If i) {
      out.append("if ").append(expr(i.cond(), LOWEST)).append(' ');
      body(i.then(), level);
      if (i.otherwise() != null) {
        out.append(" else ");
        inline(i.otherwise(), level);
      }
    } else if (s instanceof Stmt.While w) {
      out.append("while ").append(expr(w.cond(), LOWEST)).append(' ');
      body(w.body(), level);
    } else if (s instanceof Stmt.Loop l) {
      out.append("loop ");
      body(l.body(), level);
    } else if (s instanceof Stmt.Repeat r) {
      out.append("repeat ").append(expr(r.count(), LOWEST)).append(' ');
      body(r.body(), level);
    } else if (s instanceof Stmt.For f) {
      out.append("for ")
          .append(f.name())
          .append(" in ")
          .append(expr(f.from(), LOWEST))
          .append("..")
          .append(expr(f.to(), LOWEST))
          .append(' ');
      body(f.body(), level);
    } else if (s instanceof Stmt.Break) {
      out.append("break");
    } else if (s instanceof Stmt.Continue) {
      out.append("continue");
    } else if (s instanceof Stmt.Guarded g) {
      String keyword =
          switch (g.kind()) {
            case LOCK -> "lock";
            case READ -> "read";
            case WRITE -> "write";
          };
      out.append(keyword).append(' ').append(g.object()).append(' ');
      body(g.body(), level);
    } else if (s instanceof Stmt.Critical c) {
      out.append(c.read() ? "critical read " : "critical ");
      body(c.body(), level);
    } else if (s instanceof Stmt.Fence f) {
      out.append("fence(").append(f.ordering().display()).append(')');
    } else if (s instanceof Stmt.Spawn sp) {
      out.append("spawn ").append(threadRef(sp.thread()));
      if (!sp.args().isEmpty()) {
        out.append('(').append(list(sp.args())).append(')');
      }
    } else if (s instanceof Stmt.Join j) {
      out.append("join ").append(threadRef(j.thread()));
    } else if (s instanceof Stmt.Assert a) {
      out.append("assert ").append(expr(a.cond(), LOWEST));
      if (a.message() != null) {
        out.append(", ").append(quote(a.message()));
      }
    } else if (s instanceof Stmt.Yield) {
      out.append("yield");
    } else if (s instanceof Stmt.Sleep sl) {
      out.append("sleep");
      if (sl.millis() > 0) {
        out.append(' ').append(sl.millis()).append("ms");
      }
    } else if (s instanceof Stmt.Local l) {
      out.append("local ").append(l.name()).append(": ").append(type(l.type()));
      if (l.init() != null) {
        out.append(" = ").append(init(l.init()));
      }
    } else if (s instanceof Stmt.Free f) {
      out.append("free ").append(expr(f.pointer(), LOWEST));
    } else if (s instanceof Stmt.Drop d) {
      out.append("drop(").append(d.name()).append(')');
    } else if (s instanceof Stmt.Forget f) {
      out.append("forget(").append(f.name()).append(')');
    } else {
      throw new IllegalArgumentException("unexpected syntax node: " + s);
    }
  }

  /** {@code { ... }} with the statements one level deeper; the closing brace ends no line. */
  private void body(Stmt.Block b, int level) {
    if (b.body().isEmpty()) {
      out.append("{ }");
      return;
    }
    out.append("{\n");
    for (Stmt s : b.body()) {
      statement(s, level + 1);
    }
    out.append(INDENT.repeat(level)).append('}');
  }

  // ---------------------------------------------------------------- expressions

  private static String expr(Expr e, int context) {
    int own = precedence(e);
    String text = bare(e);
    return own < context ? "(" + text + ")" : text;
  }

  /** How tightly an expression binds: an operand of a looser context needs no parentheses. */
  private static int precedence(Expr e) {
    if (e instanceof Expr.Binary b) {
      return binaryLevel(b.op());
    } else if (e instanceof Expr.Cast) {
      return CAST;
    } else if (e instanceof Expr.Unary || e instanceof Expr.Deref || e instanceof Expr.AddrOf) {
      return UNARY;
    } else if (e instanceof Expr.IntLit i && i.value() < 0) {
      return UNARY;
    } else if (e instanceof Expr.FloatLit f && (f.value() < 0 || isNegativeZero(f.value()))) {
      return UNARY;
    } else if (e instanceof Expr.BoxNew) {
      // 'box T = init' swallows the rest of the expression
      return LOWEST;
    } else if (e instanceof Expr.VecNew || e instanceof Expr.Alloc) {
      // 'vec T cap N' and 'alloc T' take no postfix
      return UNARY;
    }
    return POSTFIX;
  }

  private static boolean isNegativeZero(double d) {
    return d == 0 && Double.doubleToRawLongBits(d) != 0;
  }

  private static int binaryLevel(Expr.BinaryOp op) {
    return switch (op) {
      case OR -> OR;
      case AND -> AND;
      case EQ, NE, LT, LE, GT, GE -> COMPARE;
      case BIT_OR -> BIT_OR;
      case BIT_XOR -> BIT_XOR;
      case BIT_AND -> BIT_AND;
      case ADD, SUB -> ADD;
      case MUL, DIV, REM -> MUL;
    };
  }

  private static String bare(Expr e) {
    if (e instanceof Expr.IntLit i) {
      return Long.toString(i.value());
    } else if (e instanceof Expr.FloatLit f) {
      return floatText(f.value());
    } else if (e instanceof Expr.BoolLit b) {
      return Boolean.toString(b.value());
    } else if (e instanceof Expr.CharLit c) {
      return charText(c.codePoint());
    } else if (e instanceof Expr.NullLit) {
      return "null";
    } else if (e instanceof Expr.OrderLit o) {
      return o.ordering().display();
    } else if (e instanceof Expr.Name n) {
      return n.at() == null ? n.name() : n.name() + "@" + threadRef(n.at());
    } else if (e instanceof Expr.Tid) {
      return "tid";
    } else if (e instanceof Expr.Index i) {
      return expr(i.base(), POSTFIX) + "[" + expr(i.index(), LOWEST) + "]";
    } else if (e instanceof Expr.Slice s) {
      return expr(s.base(), POSTFIX)
          + "["
          + expr(s.from(), LOWEST)
          + ".."
          + expr(s.to(), LOWEST)
          + "]";
    } else if (e instanceof Expr.Deref d) {
      return "*" + expr(d.pointer(), UNARY);
    } else if (e instanceof Expr.AddrOf a) {
      return a.borrow().spelling() + expr(a.place(), UNARY);
    } else if (e instanceof Expr.Unary u) {
      String operand = expr(u.operand(), UNARY);
      // '-' followed by a digit would fold into a literal; keep the operator visible
      boolean glue = u.op() == Expr.UnaryOp.NEG && startsWithDigitOrMinus(operand);
      return u.op().symbol() + (glue ? "(" + operand + ")" : operand);
    } else if (e instanceof Expr.Binary b) {
      int level = binaryLevel(b.op());
      // left-associative: the left operand may sit at the same level, except comparisons,
      // which do not chain
      int left = level == COMPARE ? level + 1 : level;
      return expr(b.left(), left) + " " + b.op().symbol() + " " + expr(b.right(), level + 1);
    } else if (e instanceof Expr.Cast c) {
      return expr(c.value(), CAST) + " as " + type(c.type());
    } else if (e instanceof Expr.Call c) {
      return expr(c.receiver(), POSTFIX) + "." + c.method() + "(" + list(c.args()) + ")";
    } else if (e instanceof Expr.BoxNew b) {
      return "box " + type(b.type()) + " = " + init(b.init());
    } else if (e instanceof Expr.Alloc a) {
      return "alloc " + type(a.type());
    } else if (e instanceof Expr.VecNew v) {
      return "vec " + type(v.element()) + " cap " + expr(v.capacity(), UNARY);
    }
    throw new IllegalArgumentException("unexpected syntax node: " + e);
  }

  private static boolean startsWithDigitOrMinus(String s) {
    return !s.isEmpty() && (Character.isDigit(s.charAt(0)) || s.charAt(0) == '-');
  }

  private static String list(List<Expr> args) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(expr(args.get(i), LOWEST));
    }
    return sb.toString();
  }

  private static String threadRef(ThreadRef r) {
    return r.index() == null ? r.name() : r.name() + "[" + expr(r.index(), LOWEST) + "]";
  }

  private static String init(Init init) {
    if (init instanceof Init.Fill f) {
      return expr(f.value(), LOWEST);
    }
    return "[" + list(((Init.Elements) init).values()) + "]";
  }

  private static String type(Type t) {
    return t.display();
  }

  private static String floatText(double d) {
    String plain = BigDecimal.valueOf(Math.abs(d)).toPlainString();
    if (!plain.contains(".")) {
      plain = plain + ".0";
    }
    return (d < 0 || isNegativeZero(d) ? "-" : "") + plain;
  }

  private static String charText(int cp) {
    return switch (cp) {
      case '\n' -> "'\\n'";
      case '\t' -> "'\\t'";
      case '\r' -> "'\\r'";
      case 0 -> "'\\0'";
      case '\\' -> "'\\\\'";
      case '\'' -> "'\\''";
      default ->
          Character.isISOControl(cp) || !Character.isValidCodePoint(cp)
              ? String.format(java.util.Locale.ROOT, "'\\u{%x}'", Math.min(cp, 0x10FFFF))
              : "'" + new String(Character.toChars(cp)) + "'";
    };
  }

  /** A one-line string literal with escapes. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    s.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case 0 -> sb.append("\\0");
                default -> {
                  if (Character.isISOControl(cp)) {
                    sb.append(String.format(java.util.Locale.ROOT, "\\u{%x}", cp));
                  } else {
                    sb.appendCodePoint(cp);
                  }
                }
              }
            });
    return sb.append('"').toString();
  }

  /** The about text as a {@code """} block when it can be one, else as a quoted string. */
  private static String textBlock(String text) {
    if (text.contains("\"\"\"") || text.isBlank()) {
      return quote(text);
    }
    return "\"\"\"\n" + text + "\n\"\"\"";
  }
}
