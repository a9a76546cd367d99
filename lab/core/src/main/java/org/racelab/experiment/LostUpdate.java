package org.racelab.experiment;

import org.racelab.exec.LedgerEntry;

/**
 * A lost update: a thread read a location and later wrote it back, but another thread's write to
 * that location came in between (or had already happened and the read did not see it), and the
 * thread's write overwrote it without ever seeing it. {@code x = x + 1} in two threads without
 * mutual exclusion is the classic case; it needs no data race (atomic loads and stores lose updates
 * just the same), which is why RaceLab looks for it separately.
 *
 * @param location the location, as the scenario names it
 * @param read the thread's read the write was based on
 * @param write the thread's write that overwrote the other write
 * @param overwritten the other thread's write that was lost
 */
public record LostUpdate(
    String location, LedgerEntry read, LedgerEntry write, LedgerEntry overwritten) {

  /**
   * In words: "thread worker[1] read counter at line 12 and wrote it at line 12, overwriting
   * worker[0]'s write at line 12 without having seen it".
   */
  public String explain() {
    return "thread "
        + write.thread()
        + " read "
        + location
        + " at line "
        + read.line()
        + " and wrote it at line "
        + write.line()
        + ", overwriting "
        + overwritten.thread()
        + "'s write at line "
        + overwritten.line()
        + " without having seen it";
  }
}
