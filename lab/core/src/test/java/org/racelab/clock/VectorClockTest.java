package org.racelab.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.racelab.clock.VectorClock.Order;

class VectorClockTest {

  static Stream<Arguments> orders() {
    return Stream.of(
        Arguments.of(new int[] {}, new int[] {}, Order.EQUAL),
        Arguments.of(new int[] {1, 2}, new int[] {1, 2}, Order.EQUAL),
        Arguments.of(new int[] {1, 2, 0}, new int[] {1, 2}, Order.EQUAL),
        Arguments.of(new int[] {1, 2}, new int[] {1, 3}, Order.BEFORE),
        Arguments.of(new int[] {}, new int[] {0, 1}, Order.BEFORE),
        Arguments.of(new int[] {1}, new int[] {1, 1}, Order.BEFORE),
        Arguments.of(new int[] {2, 3}, new int[] {1, 3}, Order.AFTER),
        Arguments.of(new int[] {0, 0, 1}, new int[] {5, 5}, Order.CONCURRENT),
        Arguments.of(new int[] {2, 1}, new int[] {1, 2}, Order.CONCURRENT));
  }

  @ParameterizedTest
  @MethodSource("orders")
  void comparesUnderThePointwisePartialOrder(int[] a, int[] b, Order expected) {
    VectorClock x = VectorClock.of(a);
    VectorClock y = VectorClock.of(b);
    assertEquals(expected, x.compare(y));
    Order mirrored =
        switch (expected) {
          case BEFORE -> Order.AFTER;
          case AFTER -> Order.BEFORE;
          default -> expected;
        };
    assertEquals(mirrored, y.compare(x));
    assertEquals(expected == Order.EQUAL || expected == Order.BEFORE, x.leq(y));
  }

  static Stream<Arguments> joins() {
    return Stream.of(
        Arguments.of(new int[] {}, new int[] {}, new int[] {}),
        Arguments.of(new int[] {1, 0, 3}, new int[] {0, 2}, new int[] {1, 2, 3}),
        Arguments.of(new int[] {4}, new int[] {1, 1}, new int[] {4, 1}),
        Arguments.of(new int[] {2, 2}, new int[] {1, 1}, new int[] {2, 2}));
  }

  @ParameterizedTest
  @MethodSource("joins")
  void joinIsThePointwiseMaximumAndCommutes(int[] a, int[] b, int[] expected) {
    VectorClock x = VectorClock.of(a);
    VectorClock y = VectorClock.of(b);
    assertEquals(VectorClock.of(expected), x.join(y));
    assertEquals(VectorClock.of(expected), y.join(x));
    assertEquals(true, x.leq(x.join(y)) && y.leq(x.join(y)));
  }

  @Test
  void joinWithALowerClockReturnsTheSameInstance() {
    VectorClock big = VectorClock.of(3, 3);
    assertSame(big, big.join(VectorClock.of(1, 2)));
    assertSame(big, VectorClock.of(1).join(big));
  }

  @Test
  void withAndTickChangeOneEntryAndLeaveTheOriginalAlone() {
    VectorClock c = VectorClock.of(1, 2);
    assertEquals(VectorClock.of(1, 2, 0, 7), c.with(3, 7));
    assertEquals(VectorClock.of(1, 3), c.tick(1));
    assertEquals(VectorClock.of(1, 2, 1), c.tick(2));
    assertEquals(VectorClock.of(1), c.with(1, 0));
    assertEquals(VectorClock.of(1, 2), c);
  }

  @Test
  void trailingZerosDoNotMatterForEqualityHashOrWidth() {
    assertEquals(VectorClock.of(1, 0, 0), VectorClock.of(1));
    assertEquals(VectorClock.of(1, 0, 0).hashCode(), VectorClock.of(1).hashCode());
    assertEquals(1, VectorClock.of(1, 0, 0).width());
    assertEquals(VectorClock.ZERO, VectorClock.of(0, 0));
    assertEquals(VectorClock.of(2, 0), VectorClock.copyOf(new int[] {2, 0, 9}, 2));
    assertNotEquals(VectorClock.of(0, 1), VectorClock.of(1));
  }

  @Test
  void entriesOfUnknownThreadsAreZeroAndNegativesAreRejected() {
    assertEquals(0, VectorClock.of(1).get(5));
    assertThrows(IllegalArgumentException.class, () -> VectorClock.of(1, -1));
    assertThrows(IllegalArgumentException.class, () -> VectorClock.of(1).with(0, -1));
    assertThrows(IllegalArgumentException.class, () -> VectorClock.of(1).get(-1));
  }

  @Test
  void coversAnEpochWhenItsEntryIsAtLeastTheEpochsClock() {
    VectorClock c = VectorClock.of(3, 1);
    assertEquals(true, c.covers(new Epoch(0, 3)));
    assertEquals(false, c.covers(new Epoch(0, 4)));
    assertEquals(true, c.covers(new Epoch(7, 0)));
    assertEquals(false, c.covers(new Epoch(7, 1)));
  }

  @Test
  void printsWithThreadNames() {
    assertEquals("[T0:1, T1:2]", VectorClock.of(1, 2).toString());
    assertEquals(
        "[main:1, worker:0]", VectorClock.of(1).format(java.util.List.of("main", "worker")));
  }
}
