package org.racelab.exec;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.racelab.scenario.Expr.BinaryOp;
import org.racelab.scenario.Expr.UnaryOp;
import org.racelab.value.Pointer;
import org.racelab.value.Prim;
import org.racelab.value.PtrType;
import org.racelab.value.Scalar;
import org.racelab.value.Type;
import org.racelab.value.Value;

/**
 * Operators on run-time values, with Rust's debug-build behaviour: integer overflow and division by
 * zero panic; {@code as} conversions wrap (integers) or saturate (floats to integers); pointer
 * comparison compares addresses and is not a memory access.
 */
final class Arithmetic {
  private Arithmetic() {}

  /** A value, or the panic message that replaced it. */
  record Result(Value value, @Nullable String panic) {
    static Result ok(Value v) {
      return new Result(v, null);
    }

    static Result panic(String message) {
      return new Result(Scalar.of(0), message);
    }
  }

  static Value unary(UnaryOp op, Value v, Type type) {
    Scalar s = (Scalar) v;
    if (op == UnaryOp.NOT) {
      if (s.type() == Prim.BOOL) {
        return Scalar.of(!s.asBool());
      }
      Prim p = (Prim) type;
      return new Scalar(p, p.wrap(~s.bits()));
    }
    if (s.type() == Prim.F64) {
      return Scalar.ofDouble(-s.asDouble());
    }
    Prim p = (Prim) type;
    return new Scalar(p, p.wrap(-s.bits()));
  }

  /** Whether an integer value fits a type, treating 64-bit unsigned values as unsigned. */
  static boolean fits(Scalar s, Prim target) {
    boolean unsigned64 = s.type() == Prim.U64 || s.type() == Prim.USIZE;
    if (target == Prim.U64 || target == Prim.USIZE) {
      return unsigned64 || s.bits() >= 0;
    }
    if (unsigned64 && s.bits() < 0) {
      return false;
    }
    return target.fits(s.bits());
  }

  static Result binary(BinaryOp op, Value l, Value r, Type result) {
    if (l instanceof Pointer a && r instanceof Pointer b) {
      return Result.ok(Scalar.of(compare(op, Long.compareUnsigned(a.address(), b.address()))));
    }
    Scalar x = (Scalar) l;
    Scalar y = (Scalar) r;
    if (x.type() == Prim.F64 || y.type() == Prim.F64) {
      return Result.ok(floating(op, x.asDouble(), y.asDouble()));
    }
    if (op.isComparison()) {
      return Result.ok(Scalar.of(compare(op, Long.compare(x.bits(), y.bits()))));
    }
    if (x.type() == Prim.BOOL && y.type() == Prim.BOOL) {
      boolean a = x.asBool();
      boolean b = y.asBool();
      return Result.ok(
          Scalar.of(
              switch (op) {
                case BIT_AND -> a && b;
                case BIT_OR -> a || b;
                default -> a ^ b;
              }));
    }
    long a = x.bits();
    long b = y.bits();
    long v;
    try {
      v =
          switch (op) {
            case ADD -> Math.addExact(a, b);
            case SUB -> Math.subtractExact(a, b);
            case MUL -> Math.multiplyExact(a, b);
            case DIV -> {
              if (b == 0) {
                yield Long.MIN_VALUE;
              }
              yield a / b;
            }
            case REM -> b == 0 ? Long.MIN_VALUE : a % b;
            case BIT_AND -> a & b;
            case BIT_OR -> a | b;
            case BIT_XOR -> a ^ b;
            default -> throw new IllegalArgumentException(op.name());
          };
    } catch (ArithmeticException e) {
      return Result.panic("attempt to " + verb(op) + " with overflow");
    }
    if (b == 0 && op == BinaryOp.DIV) {
      return Result.panic("attempt to divide by zero");
    }
    if (b == 0 && op == BinaryOp.REM) {
      return Result.panic("attempt to calculate the remainder with a divisor of zero");
    }
    Prim p = result instanceof Prim rp && rp.isInteger() ? rp : Prim.I64;
    Scalar out = new Scalar(p, v);
    boolean bitwise = op == BinaryOp.BIT_AND || op == BinaryOp.BIT_OR || op == BinaryOp.BIT_XOR;
    if (!bitwise && !fits(new Scalar(Prim.I64, v), p)) {
      return Result.panic(
          String.format(
              Locale.ROOT,
              "attempt to %s with overflow (%d does not fit in %s)",
              verb(op),
              v,
              p.display()));
    }
    return Result.ok(bitwise ? new Scalar(p, p.wrap(v)) : out);
  }

  private static String verb(BinaryOp op) {
    return switch (op) {
      case ADD -> "add";
      case SUB -> "subtract";
      case MUL -> "multiply";
      case DIV -> "divide";
      default -> "calculate the remainder";
    };
  }

  private static boolean compare(BinaryOp op, int c) {
    return switch (op) {
      case EQ -> c == 0;
      case NE -> c != 0;
      case LT -> c < 0;
      case LE -> c <= 0;
      case GT -> c > 0;
      case GE -> c >= 0;
      default -> throw new IllegalArgumentException(op.name());
    };
  }

  private static Scalar floating(BinaryOp op, double a, double b) {
    if (op.isComparison()) {
      return Scalar.of(
          switch (op) {
            case EQ -> a == b;
            case NE -> a != b;
            case LT -> a < b;
            case LE -> a <= b;
            case GT -> a > b;
            default -> a >= b;
          });
    }
    return Scalar.ofDouble(
        switch (op) {
          case ADD -> a + b;
          case SUB -> a - b;
          case MUL -> a * b;
          case DIV -> a / b;
          default -> a % b;
        });
  }

  static Value convert(Value v, Type target) {
    if (target instanceof PtrType pt) {
      if (v instanceof Pointer p) {
        return pt.fat()
            ? new Pointer(
                pt.target(), p.address(), p.provenance(), Math.max(p.length(), 0), p.tag())
            : p.cast(pt.target());
      }
      return new Pointer(pt.target(), ((Scalar) v).bits(), 0, pt.fat() ? 0 : -1);
    }
    Prim p = (Prim) target;
    if (v instanceof Pointer ptr) {
      return new Scalar(p, p.wrap(ptr.address()));
    }
    Scalar s = (Scalar) v;
    if (p == Prim.F64) {
      if (s.type() == Prim.F64) {
        return s;
      }
      boolean unsigned64 = s.type() == Prim.U64 || s.type() == Prim.USIZE;
      double d = unsigned64 && s.bits() < 0 ? (double) (s.bits() >>> 1) * 2.0 : (double) s.bits();
      return Scalar.ofDouble(d);
    }
    if (p.isInteger()) {
      if (s.type() == Prim.F64) {
        double d = s.asDouble();
        long l = Double.isNaN(d) ? 0 : (long) d; // saturating, like Rust's `as`
        if (!p.fits(l) && p.size() < 8) {
          long bits = 8L * p.size();
          long max = p.signed() ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
          long min = p.signed() ? -(1L << (bits - 1)) : 0;
          l = Math.max(min, Math.min(max, l));
        }
        return new Scalar(p, l);
      }
      return new Scalar(p, p.wrap(s.bits()));
    }
    if (p == Prim.CHAR) {
      return new Scalar(Prim.CHAR, s.bits() & 0xFF_FFFFL);
    }
    return new Scalar(p, s.bits());
  }
}
