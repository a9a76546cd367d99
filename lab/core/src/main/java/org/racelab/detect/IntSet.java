package org.racelab.detect;

/** A set of ints (open addressing, no boxing), for counting distinct racy source locations. */
final class IntSet {
  private int[] keys = new int[16];
  private boolean[] used = new boolean[16];
  private int size;

  /** Adds v; true if it was new. */
  boolean add(int v) {
    if (size * 2 >= keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int i = mix(v) & mask;
    while (used[i]) {
      if (keys[i] == v) {
        return false;
      }
      i = (i + 1) & mask;
    }
    used[i] = true;
    keys[i] = v;
    size++;
    return true;
  }

  int size() {
    return size;
  }

  private static int mix(int v) {
    int h = v * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  private void grow() {
    int[] oldKeys = keys;
    boolean[] oldUsed = used;
    keys = new int[oldKeys.length * 2];
    used = new boolean[oldKeys.length * 2];
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldUsed[i]) {
        add(oldKeys[i]);
      }
    }
  }
}
