package org.racelab.clock;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * An immutable vector clock: a map from thread ids (dense, from 0) to non-negative counters.
 *
 * <p>Invariants: every entry is {@code >= 0}; entries that are not stored are 0; the backing array
 * has no trailing zeros, so two clocks are {@link #equals equal} exactly when they agree on every
 * thread. Vector clocks form a lattice under the pointwise order: {@link #leq} is the partial order
 * ({@code a ⊑ b} iff {@code a[t] <= b[t]} for every t) and {@link #join} the least upper bound
 * ({@code (a ⊔ b)[t] = max(a[t], b[t])}). An event {@code e} with clock {@code V_e} happens before
 * an event {@code f} with clock {@code V_f} iff {@code V_e ⊑ V_f} and they differ.
 *
 * <p>This type is for results, ledgers and the simulated synchronisation objects. The detectors'
 * hot paths keep clocks in primitive arrays instead (see {@code org.racelab.detect.ClockTable}).
 */
public final class VectorClock {

  /** The clock of the beginning of time: every entry 0. */
  public static final VectorClock ZERO = new VectorClock(new int[0]);

  /** How two clocks relate under the happens-before partial order. */
  public enum Order {
    /** Equal on every thread. */
    EQUAL,
    /** Strictly before: {@code this ⊑ other} and not equal. */
    BEFORE,
    /** Strictly after: {@code other ⊑ this} and not equal. */
    AFTER,
    /** Neither is below the other: the two events are concurrent. */
    CONCURRENT
  }

  private final int[] entries;

  private VectorClock(int[] trimmed) {
    this.entries = trimmed;
  }

  /** A clock with the given entries, thread 0 first. */
  public static VectorClock of(int... entries) {
    for (int e : entries) {
      if (e < 0) {
        throw new IllegalArgumentException("negative vector clock entry: " + e);
      }
    }
    return new VectorClock(trim(entries.clone(), entries.length));
  }

  /**
   * Wraps the first {@code length} entries of a primitive row, copying them (the row stays the
   * caller's).
   */
  public static VectorClock copyOf(int[] row, int length) {
    return new VectorClock(trim(Arrays.copyOf(row, length), length));
  }

  private static int[] trim(int[] array, int length) {
    int n = length;
    while (n > 0 && array[n - 1] == 0) {
      n--;
    }
    return n == array.length ? array : Arrays.copyOf(array, n);
  }

  /** The entry of {@code thread}; 0 for threads this clock has never heard of. */
  public int get(int thread) {
    if (thread < 0) {
      throw new IllegalArgumentException("negative thread id: " + thread);
    }
    return thread < entries.length ? entries[thread] : 0;
  }

  /** One more than the highest thread with a non-zero entry. */
  public int width() {
    return entries.length;
  }

  /** {@code this ⊑ other}: every entry of this clock is at most the matching entry of other. */
  public boolean leq(VectorClock other) {
    if (entries.length > other.entries.length) {
      return false; // the last stored entry is non-zero and other has 0 there
    }
    for (int t = 0; t < entries.length; t++) {
      if (entries[t] > other.entries[t]) {
        return false;
      }
    }
    return true;
  }

  /** The least upper bound: the pointwise maximum. */
  public VectorClock join(VectorClock other) {
    if (other.leq(this)) {
      return this;
    }
    if (this.leq(other)) {
      return other;
    }
    int n = Math.max(entries.length, other.entries.length);
    int[] out = new int[n];
    for (int t = 0; t < n; t++) {
      out[t] = Math.max(get(t), other.get(t));
    }
    return new VectorClock(out);
  }

  /** A copy with {@code thread}'s entry set to {@code value}. */
  public VectorClock with(int thread, int value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative vector clock entry: " + value);
    }
    int[] out = Arrays.copyOf(entries, Math.max(entries.length, thread + 1));
    out[thread] = value;
    return new VectorClock(trim(out, out.length));
  }

  /** A copy with {@code thread}'s entry incremented: the thread's next step. */
  public VectorClock tick(int thread) {
    return with(thread, get(thread) + 1);
  }

  /** Whether the epoch {@code c@t} is known to this clock: {@code c <= this[t]}. */
  public boolean covers(Epoch epoch) {
    return epoch.clock() <= get(epoch.thread());
  }

  /** Compares under the happens-before partial order. */
  public Order compare(VectorClock other) {
    boolean below = leq(other);
    boolean above = other.leq(this);
    if (below && above) {
      return Order.EQUAL;
    }
    if (below) {
      return Order.BEFORE;
    }
    return above ? Order.AFTER : Order.CONCURRENT;
  }

  /** Entries as a fresh array of exactly {@code width} elements (padded with zeros). */
  public int[] toArray(int width) {
    return Arrays.copyOf(entries, Math.max(width, 0));
  }

  /**
   * Renders with thread names, listing the first {@code threads} threads including zeros, for
   * example {@code [producer:0, consumer:3]}.
   */
  public String format(int threads, IntFunction<String> names) {
    StringBuilder sb = new StringBuilder("[");
    for (int t = 0; t < Math.max(threads, entries.length); t++) {
      if (t > 0) {
        sb.append(", ");
      }
      sb.append(names.apply(t)).append(':').append(get(t));
    }
    return sb.append(']').toString();
  }

  /** Renders with thread names taken from a list (ids beyond the list print as {@code T<n>}). */
  public String format(List<String> names) {
    return format(names.size(), t -> t < names.size() ? names.get(t) : "T" + t);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VectorClock v && Arrays.equals(entries, v.entries);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(entries);
  }

  @Override
  public String toString() {
    return format(entries.length, t -> String.format(Locale.ROOT, "T%d", t));
  }
}
