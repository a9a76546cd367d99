package org.racelab.scenario;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.racelab.value.Ordering;
import org.racelab.value.Type;

/** Statements of the scenario language. */
public sealed interface Stmt {

  /** Where the statement starts. */
  Pos pos();

  /** {@code let name[: type] = init}: a thread-private local (not memory). */
  record Let(Pos pos, String name, @Nullable Type type, Expr init) implements Stmt {}

  /** {@code target = value}. */
  record Assign(Pos pos, Expr target, Expr value) implements Stmt {}

  /** An expression evaluated for its effect; its value is discarded, never optimised away. */
  record ExprStmt(Pos pos, Expr expr) implements Stmt {}

  /** {@code { ... }}: a scope; {@code end} is the closing brace. */
  record Block(Pos pos, List<Stmt> body, Pos end) implements Stmt {}

  /** {@code if cond { } else ...}. */
  record If(Pos pos, Expr cond, Block then, @Nullable Stmt otherwise) implements Stmt {}

  /** {@code while cond { }}. */
  record While(Pos pos, Expr cond, Block body) implements Stmt {}

  /** {@code loop { }}, left with {@code break}. */
  record Loop(Pos pos, Block body) implements Stmt {}

  /** {@code for i in from..to { }}: i runs from {@code from} up to, not including, {@code to}. */
  record For(Pos pos, String name, Expr from, Expr to, Block body) implements Stmt {}

  /** {@code repeat N { }}. */
  record Repeat(Pos pos, Expr count, Block body) implements Stmt {}

  /** {@code break}. */
  record Break(Pos pos) implements Stmt {}

  /** {@code continue}. */
  record Continue(Pos pos) implements Stmt {}

  /** {@code lock m { }}, {@code read rw { }}, {@code write rw { }}: a scoped guard. */
  record Guarded(Pos pos, GuardKind kind, String object, Pos objectPos, Block body)
      implements Stmt {}

  /** {@code critical { }} or {@code critical read { }}: protection chosen by the strategy. */
  record Critical(Pos pos, boolean read, Block body) implements Stmt {}

  /** {@code fence(ordering)}. */
  record Fence(Pos pos, Ordering ordering) implements Stmt {}

  /** {@code spawn t(args)}. */
  record Spawn(Pos pos, ThreadRef thread, List<Expr> args) implements Stmt {}

  /** {@code join t}. */
  record Join(Pos pos, ThreadRef thread) implements Stmt {}

  /** {@code assert cond [, "message"]}: panics the thread when false. */
  record Assert(Pos pos, Expr cond, @Nullable String message) implements Stmt {}

  /** {@code yield}: a scheduling point, never synchronisation. */
  record Yield(Pos pos) implements Stmt {}

  /** {@code sleep [N ms]}: a scheduling point, never synchronisation. */
  record Sleep(Pos pos, long millis) implements Stmt {}

  /** {@code local name: T [= init]}: a stack slot in the current scope's frame. */
  record Local(Pos pos, String name, Type type, @Nullable Init init) implements Stmt {}

  /** {@code free p}: frees raw heap memory. */
  record Free(Pos pos, Expr pointer) implements Stmt {}

  /** {@code drop(b)}: frees a Box (or a Vec's buffer) now. */
  record Drop(Pos pos, String name) implements Stmt {}

  /** {@code forget(b)}: gives up ownership without freeing: a leak. */
  record Forget(Pos pos, String name) implements Stmt {}

  /** The kind of scoped guard. */
  enum GuardKind {
    LOCK,
    READ,
    WRITE
  }
}
