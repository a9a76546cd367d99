package org.racelab.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EpochTest {

  @ParameterizedTest
  @CsvSource({"0,0", "0,1", "3,7", "65535,1", "2147483647,2147483647", "1,2147483647"})
  void packingRoundTripsThreadAndClock(int thread, int clock) {
    long packed = Epoch.pack(thread, clock);
    assertEquals(thread, Epoch.threadOf(packed));
    assertEquals(clock, Epoch.clockOf(packed));
    assertEquals(new Epoch(thread, clock), Epoch.unpack(packed));
    assertEquals(packed, new Epoch(thread, clock).packed());
  }

  @Test
  void theNeverEpochPacksToZeroAndIsCoveredByEverything() {
    assertEquals(Epoch.NONE, Epoch.pack(0, 0));
    assertEquals(true, new Epoch(0, 0).happensBefore(VectorClock.ZERO));
  }

  @ParameterizedTest
  @CsvSource({"1,3,true", "1,4,false", "0,2,true", "2,1,false", "2,0,true"})
  void happensBeforeAClockThatKnowsItsStep(int thread, int clock, boolean expected) {
    // the clock [2, 3]: thread 0 at 2, thread 1 at 3, thread 2 unknown
    assertEquals(expected, new Epoch(thread, clock).happensBefore(VectorClock.of(2, 3)));
  }

  @Test
  void packedEpochsOfOneThreadOrderByClock() {
    assertEquals(true, Epoch.pack(5, 2) < Epoch.pack(5, 3));
    assertEquals(true, Epoch.pack(9, 1) < Epoch.pack(0, 2));
  }

  @Test
  void rejectsNegativesAndPrintsClockAtThread() {
    assertThrows(IllegalArgumentException.class, () -> new Epoch(-1, 0));
    assertThrows(IllegalArgumentException.class, () -> new Epoch(0, -1));
    assertEquals("4@2", new Epoch(2, 4).toString());
  }
}
