package org.racelab.scenario;

import java.util.List;

/** The initial value of a declared location: one value (a fill, for arrays) or a list. */
public sealed interface Init {

  /** Where the initialiser is written. */
  Pos pos();

  /** {@code = e}: the value, or for an array every element. */
  record Fill(Pos pos, Expr value) implements Init {}

  /** {@code = [e1, e2, ...]}: one value per element. */
  record Elements(Pos pos, List<Expr> values) implements Init {}
}
