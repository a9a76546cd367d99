package org.racelab.trace;

/** The names behind a trace's dense ids, in order of first appearance. */
public interface Names {
  /** How many names there are (ids 0 to size()-1). */
  int size();

  /** The name with this id. */
  String name(int id);
}
