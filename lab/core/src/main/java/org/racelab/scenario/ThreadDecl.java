package org.racelab.scenario;

import java.util.List;
import org.racelab.value.Type;

/**
 * {@code thread name[N](params) [spawned] { body }}.
 *
 * @param pos where it is declared
 * @param name the thread's name
 * @param instances how many instances ({@code thread w[4]}), 0 for a single thread
 * @param params parameters, copied in at {@code spawn}
 * @param spawned whether it waits for a {@code spawn} instead of starting with the scenario
 * @param body the code
 */
public record ThreadDecl(
    Pos pos, String name, int instances, List<Param> params, boolean spawned, Stmt.Block body) {

  /** A thread parameter. */
  public record Param(Pos pos, String name, Type type) {}
}
