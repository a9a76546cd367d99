package org.racelab.exec;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.racelab.scenario.Decl;
import org.racelab.scenario.Expectation;
import org.racelab.scenario.Pos;
import org.racelab.scenario.Scenario;
import org.racelab.value.Type;
import org.racelab.value.Value;

/**
 * A compiled scenario: its declarations resolved to dense indices and each thread's code.
 *
 * @param scenario the source scenario (after any strategy rewrite)
 * @param statics {@code shared}, {@code atomic} and {@code thread_local} declarations
 * @param mutexes mutex names, by index
 * @param rwlocks read-write lock names, by index
 * @param channels channels, by index
 * @param barriers barriers, by index
 * @param condvars condvar names, by index
 * @param threads thread code, by declaration index
 * @param expectations the expectations, with {@code final} conditions compiled
 */
public record Program(
    Scenario scenario,
    List<StaticVar> statics,
    List<String> mutexes,
    List<String> rwlocks,
    List<ChannelDef> channels,
    List<BarrierDef> barriers,
    List<String> condvars,
    List<ThreadCode> threads,
    List<CheckedExpectation> expectations) {

  /**
   * A declared location.
   *
   * @param name its name
   * @param storage shared, atomic or thread-local
   * @param type its type
   * @param init one value per cell
   * @param pos where it is declared
   */
  public record StaticVar(
      String name, Decl.Storage storage, Type type, List<Value> init, Pos pos) {}

  /** A channel's name, message type and bound (-1: unbounded). */
  public record ChannelDef(String name, Type element, int capacity) {}

  /** A barrier's name and party count. */
  public record BarrierDef(String name, int parties) {}

  /**
   * One thread declaration's code.
   *
   * @param name the declared name
   * @param instances 0 for a single thread, N for {@code thread w[N]}
   * @param spawned whether it starts only when spawned
   * @param params parameter types (their values arrive in slots 0..n-1)
   * @param code the instructions
   * @param slots how many local slots the code uses
   * @param slotNames the name of each slot's local (empty for hidden ones)
   * @param pos where it is declared
   */
  public record ThreadCode(
      String name,
      int instances,
      boolean spawned,
      List<Type> params,
      List<Instr> code,
      int slots,
      List<String> slotNames,
      Pos pos) {}

  /**
   * An expectation ready to be graded.
   *
   * @param expectation the source line
   * @param condition for {@code final}: code that computes the condition over final memory
   */
  public record CheckedExpectation(Expectation expectation, @Nullable ThreadCode condition) {}
}
