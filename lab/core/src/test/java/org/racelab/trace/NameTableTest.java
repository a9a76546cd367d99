package org.racelab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NameTableTest {

  @Test
  void internsToDenseIdsInFirstAppearanceOrderWhereverTheBytesLie() {
    NameTable t = new NameTable();
    byte[] a = "xxT3|S1234|T3.x17|abcdefgh|abcdefghi|".getBytes(StandardCharsets.UTF_8);
    assertEquals(0, t.intern(a, 2, 2));
    assertEquals(1, t.intern(a, 5, 5));
    assertEquals(2, t.intern(a, 11, 6));
    assertEquals(3, t.intern(a, 18, 8));
    assertEquals(4, t.intern(a, 27, 9));
    byte[] end = "T3".getBytes(StandardCharsets.UTF_8); // fewer than 8 bytes to the array's end
    assertEquals(0, t.intern(end, 0, 2));
    byte[] b = "abcdefghi".getBytes(StandardCharsets.UTF_8);
    assertEquals(3, t.intern(b, 0, 8));
    assertEquals(4, t.intern(b, 0, 9));
    assertEquals("T3.x17", t.name(2));
    assertEquals(5, t.size());
  }

  @Test
  void namesThatDifferOnlyInLengthOrTrailingZeroBytesStayApart() {
    NameTable t = new NameTable();
    byte[] a = {'a', 0, 0, 'a', 0, 0, 0, 0, 0, 0, 0, 0};
    assertEquals(0, t.intern(a, 0, 1));
    assertEquals(1, t.intern(a, 0, 2));
    assertEquals(2, t.intern(a, 0, 3));
    assertEquals(0, t.intern(a, 3, 1));
    assertEquals(1, t.intern(a, 3, 2));
    byte[] seven = {'a', 'b', 'c', 'd', 'e', 'f', 'g', 7};
    assertEquals(3, t.intern(seven, 0, 7));
    assertEquals(4, t.intern(seven, 0, 8));
    assertEquals(3, t.intern(seven, 0, 7));
  }

  @Test
  void agreesWithAHashMapOnManyRandomNames() {
    NameTable t = new NameTable();
    Map<String, Integer> expected = new HashMap<>();
    List<String> order = new ArrayList<>();
    SplittableRandom rnd = new SplittableRandom(7);
    for (int i = 0; i < 50_000; i++) {
      int len = 1 + rnd.nextInt(14);
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < len; k++) {
        sb.append((char) ('a' + rnd.nextInt(3)));
      }
      String name = sb.toString();
      byte[] padded = ("|" + name + "|").getBytes(StandardCharsets.UTF_8);
      int id = t.intern(padded, 1, len);
      Integer want = expected.putIfAbsent(name, order.size());
      if (want == null) {
        order.add(name);
        want = order.size() - 1;
      }
      assertEquals(want, id, name);
    }
    for (int id = 0; id < order.size(); id++) {
      assertEquals(order.get(id), t.name(id));
    }
  }
}
