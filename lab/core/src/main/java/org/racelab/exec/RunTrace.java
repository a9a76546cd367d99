package org.racelab.exec;

import java.util.ArrayList;
import java.util.List;
import org.racelab.clock.VectorClock;
import org.racelab.memory.Allocation;
import org.racelab.trace.Event;

/**
 * What one run recorded for {@code run --trace}: its accesses and lock, fork and join events in the
 * order they happened, each with the thread's vector clock at that moment, and the moments where a
 * thread may have learned something that no trace line carries (a receive, a barrier departure, an
 * atomic acquire, a fence). {@link TraceExport} turns it into a trace file's events; reports read
 * only its synchronisation events ({@link #syncEvents}).
 *
 * <p>Only references are kept (the allocation, not its cell names; the ledger's own clock object),
 * so recording costs one small object per access and a clock snapshot per synchronisation event.
 */
public final class RunTrace {
  /** How an access entered the ledger. */
  enum Flavour {
    /** A read or write (plain or atomic). */
    ACCESS,
    /** An allocation: a write of the whole block. */
    ALLOC,
    /** A free, drop or pop: a write of the whole block. */
    FREE
  }

  /** One recorded item, in run order. */
  sealed interface Item permits Access, Sync, Settle {
    /** The thread (its id: index in {@link Execution#threads()}). */
    int thread();
  }

  /**
   * An access to cells {@code first..last} of a block: one ledger entry.
   *
   * @param kind the detector's access kind ({@code org.racelab.detect.AccessKind})
   * @param ledger the ledger entry's index
   * @param clock the thread's clock when the access was checked
   */
  record Access(
      int thread,
      int kind,
      Flavour flavour,
      Allocation alloc,
      int first,
      int last,
      int site,
      int ledger,
      VectorClock clock)
      implements Item {}

  /**
   * A lock acquire or release, fork or join, with the thread's clock just after it (the tick of a
   * release does not matter: the export counts accesses, not clock values).
   */
  record Sync(int thread, Event event, VectorClock clock) implements Item {}

  /**
   * The end of a step that may have acquired a clock outside locks, fork and join.
   *
   * @param label what synchronised (a channel, a barrier, an atomic location, {@code fence}): it
   *     names the trace's synchronisation objects
   */
  record Settle(int thread, String label, int site, VectorClock clock) implements Item {}

  private final List<Item> items = new ArrayList<>();

  RunTrace() {}

  void add(Item item) {
    items.add(item);
  }

  List<Item> items() {
    return items;
  }

  /**
   * The lock acquires and releases, forks and joins, in run order, without their clocks (for
   * reports that name how a location was handed between threads).
   */
  public List<Event> syncEvents() {
    List<Event> events = new ArrayList<>();
    for (Item item : items) {
      if (item instanceof Sync s) {
        events.add(s.event());
      }
    }
    return events;
  }

  /** How many items were recorded (accesses, synchronisation events, settle points). */
  public int size() {
    return items.size();
  }
}
