package org.racelab.scenario;

import org.jspecify.annotations.Nullable;
import org.racelab.value.Type;

/** Top-level declarations of memory and synchronisation objects. */
public sealed interface Decl {

  /** Where the declaration starts. */
  Pos pos();

  /** The declared name. */
  String name();

  /** {@code shared}, {@code atomic} or {@code thread_local} memory. */
  record Var(Pos pos, Storage storage, String name, Type type, @Nullable Init init)
      implements Decl {}

  /** {@code mutex m}. */
  record Mutex(Pos pos, String name) implements Decl {}

  /** {@code rwlock rw}. */
  record RwLock(Pos pos, String name) implements Decl {}

  /** {@code channel ch: T [cap N]}; capacity -1 is unbounded. */
  record Channel(Pos pos, String name, Type element, int capacity) implements Decl {}

  /** {@code barrier b(N)}. */
  record Barrier(Pos pos, String name, int parties) implements Decl {}

  /** {@code condvar cv}. */
  record Condvar(Pos pos, String name) implements Decl {}

  /** How a memory declaration is stored. */
  enum Storage {
    /** One plain location shared by every thread. */
    SHARED,
    /** One location meant for atomic access only. */
    ATOMIC,
    /** One instance per thread, named {@code x@thread}. */
    THREAD_LOCAL
  }
}
