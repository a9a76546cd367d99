package org.racelab.experiment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.racelab.exec.Execution;
import org.racelab.exec.LedgerEntry;

/**
 * Finds lost updates ({@link LostUpdate}) in one run's ledger.
 *
 * <p>The ledger lists accesses in execution order, which for every location is also the order its
 * writes took effect (plain writes go straight to memory; atomic stores join the location's
 * modification order as they execute). Per location and thread it remembers the thread's last read
 * and whether another thread's write has been missed since:
 *
 * <ul>
 *   <li>a read (plain, atomic load, failed compare-exchange) starts over; if it returned a value
 *       other than the location's latest write by another thread (a weak atomic load reading an
 *       older store), that latest write is missed from the start;
 *   <li>another thread's write or read-modify-write marks it missed, if nothing is missed yet;
 *   <li>the thread's own plain write or atomic store then overwrites the missed write: a lost
 *       update. An atomic read-modify-write ({@code fetch_add}, a successful compare-exchange)
 *       reads the latest value as it writes, so it loses nothing and just forgets the earlier read.
 * </ul>
 *
 * <p>Allocation, free and scope ends reset a location. The check is exact for schedules the
 * simulator runs, with one blind spot: a weak load that returns an older store holding the same
 * value as the latest one is taken for a fresh read.
 */
public final class LostUpdates {
  private LostUpdates() {}

  private enum Kind {
    READ,
    WRITE,
    RMW,
    OTHER
  }

  private static final class Pending {
    final LedgerEntry read;
    @Nullable LedgerEntry missed;

    Pending(LedgerEntry read, @Nullable LedgerEntry missed) {
      this.read = read;
      this.missed = missed;
    }
  }

  /** Every lost update of a run, in the order the overwriting writes happened. */
  public static List<LostUpdate> find(Execution e) {
    List<LostUpdate> out = new ArrayList<>();
    Map<String, LedgerEntry> latestWrite = new HashMap<>();
    Map<String, Map<String, Pending>> pending = new HashMap<>();
    for (LedgerEntry le : e.ledger()) {
      String x = le.location();
      Map<String, Pending> byThread = pending.computeIfAbsent(x, k -> new HashMap<>());
      switch (kind(le)) {
        case READ -> {
          LedgerEntry last = latestWrite.get(x);
          boolean stale =
              last != null
                  && !last.thread().equals(le.thread())
                  && le.value() != null
                  && !Objects.equals(le.value(), written(last));
          byThread.put(le.thread(), new Pending(le, stale ? last : null));
        }
        case WRITE, RMW -> {
          Pending mine = byThread.remove(le.thread());
          if (kind(le) == Kind.WRITE && mine != null && mine.missed != null) {
            out.add(new LostUpdate(x, mine.read, le, mine.missed));
          }
          for (Map.Entry<String, Pending> other : byThread.entrySet()) {
            if (other.getValue().missed == null) {
              other.getValue().missed = le;
            }
          }
          latestWrite.put(x, le);
        }
        case OTHER -> {
          byThread.clear();
          latestWrite.remove(x);
        }
      }
    }
    return out;
  }

  private static Kind kind(LedgerEntry le) {
    String op = le.op();
    if (!le.write()) {
      return Kind.READ;
    }
    if (op.equals("write") || op.startsWith("atomic store")) {
      return Kind.WRITE;
    }
    if (le.atomic()) {
      return Kind.RMW;
    }
    return Kind.OTHER;
  }

  /** The value a write left: a store's value, or the new value of "old → new". */
  private static @Nullable String written(LedgerEntry le) {
    String v = le.value();
    if (v == null) {
      return null;
    }
    int arrow = v.lastIndexOf(" → ");
    return arrow >= 0 ? v.substring(arrow + 3) : v;
  }
}
