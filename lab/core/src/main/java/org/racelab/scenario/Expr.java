package org.racelab.scenario;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.racelab.value.Ordering;
import org.racelab.value.Type;

/** Expressions of the scenario language. */
public sealed interface Expr {

  /** Where the expression starts. */
  Pos pos();

  /** An integer literal. */
  record IntLit(Pos pos, long value) implements Expr {}

  /** A floating-point literal. */
  record FloatLit(Pos pos, double value) implements Expr {}

  /** {@code true} or {@code false}. */
  record BoolLit(Pos pos, boolean value) implements Expr {}

  /** A character literal such as {@code 'a'}. */
  record CharLit(Pos pos, int codePoint) implements Expr {}

  /** The null pointer. */
  record NullLit(Pos pos) implements Expr {}

  /** A memory ordering; only meaningful as an argument of an atomic method or fence. */
  record OrderLit(Pos pos, Ordering ordering) implements Expr {}

  /**
   * A name: a local, a parameter, a shared location, or another thread's instance of a thread-local
   * ({@code count@main}).
   */
  record Name(Pos pos, String name, @Nullable ThreadRef at) implements Expr {}

  /** {@code tid}: the index of this instance of a {@code thread w[N]}. */
  record Tid(Pos pos) implements Expr {}

  /** {@code base[index]}. */
  record Index(Pos pos, Expr base, Expr index) implements Expr {}

  /** {@code base[from..to]}; only valid under {@code &}, where it makes a fat slice pointer. */
  record Slice(Pos pos, Expr base, Expr from, Expr to) implements Expr {}

  /** {@code *pointer}. */
  record Deref(Pos pos, Expr pointer) implements Expr {}

  /**
   * {@code &place} (a raw pointer), {@code &mut place} (a mutable reference) or {@code &shared
   * place} (a shared reference). All three are pointers at run time; the two references are tracked
   * by the aliasing model (Stacked Borrows), raw pointers are not.
   */
  record AddrOf(Pos pos, Expr place, Borrow borrow) implements Expr {
    /** A raw {@code &place}. */
    public AddrOf(Pos pos, Expr place) {
      this(pos, place, Borrow.RAW);
    }
  }

  /** What {@code &} makes. */
  enum Borrow {
    /** {@code &place}: a raw pointer, like Rust's {@code &raw mut place}. */
    RAW("&"),
    /** {@code &shared place}: a shared reference, Rust's {@code &place}. */
    SHARED("&shared "),
    /** {@code &mut place}: a mutable (unique) reference. */
    MUT("&mut ");

    private final String spelling;

    Borrow(String spelling) {
      this.spelling = spelling;
    }

    /** How the operator is written, with its trailing space for references. */
    public String spelling() {
      return spelling;
    }
  }

  /** {@code -e} or {@code !e}. */
  record Unary(Pos pos, UnaryOp op, Expr operand) implements Expr {}

  /** A binary operation. */
  record Binary(Pos pos, BinaryOp op, Expr left, Expr right) implements Expr {}

  /** {@code value as type}: a numeric conversion or a pointer reinterpretation. */
  record Cast(Pos pos, Expr value, Type type) implements Expr {}

  /**
   * {@code receiver.method(args)}: atomic methods on a location, channel {@code recv}/{@code send},
   * lock and condvar methods, Vec {@code push}/{@code len}.
   */
  record Call(Pos pos, Expr receiver, String method, List<Expr> args) implements Expr {}

  /** {@code box T = init}: a new owning heap Box. */
  record BoxNew(Pos pos, Type type, Init init) implements Expr {}

  /** {@code alloc T}: raw, uninitialised heap memory. */
  record Alloc(Pos pos, Type type) implements Expr {}

  /** {@code vec T cap N}: a new, empty Vec with room for N elements. */
  record VecNew(Pos pos, Type element, Expr capacity) implements Expr {}

  /** Unary operators. */
  enum UnaryOp {
    NEG("-"),
    NOT("!");

    private final String symbol;

    UnaryOp(String symbol) {
      this.symbol = symbol;
    }

    /** The operator as written. */
    public String symbol() {
      return symbol;
    }
  }

  /** Binary operators. */
  enum BinaryOp {
    OR("||"),
    AND("&&"),
    EQ("=="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    BIT_OR("|"),
    BIT_XOR("^"),
    BIT_AND("&"),
    ADD("+"),
    SUB("-"),
    MUL("*"),
    DIV("/"),
    REM("%");

    private final String symbol;

    BinaryOp(String symbol) {
      this.symbol = symbol;
    }

    /** The operator as written. */
    public String symbol() {
      return symbol;
    }

    /** Whether the operator compares and yields a bool. */
    public boolean isComparison() {
      return this == EQ || this == NE || this == LT || this == LE || this == GT || this == GE;
    }
  }
}
