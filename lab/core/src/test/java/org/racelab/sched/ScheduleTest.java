package org.racelab.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleTest {

  @Test
  void runsOfOneThreadAreCountedAndChoicesFollowTheirStep() {
    Schedule s =
        new Schedule(
            List.of(
                new Schedule.Step(0, List.of()),
                new Schedule.Step(0, List.of()),
                new Schedule.Step(0, List.of()),
                new Schedule.Step(1, List.of(1)),
                new Schedule.Step(1, List.of()),
                new Schedule.Step(27, List.of()),
                new Schedule.Step(60, List.of(0, 2))));
    assertEquals("a3b:1bB{60}:0:2", s.encode());
    assertEquals(s, Schedule.decode(s.encode()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a", "a9b2", "b:0a{77}3Z", "c:1:2:3c4"})
  void decodingAndEncodingRoundTrip(String text) {
    assertEquals(text, Schedule.decode(text).encode());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a?", "1a", "a:", "{12", "{x}", "a0"})
  void malformedScheduleTextNamesTheColumn(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Schedule.decode(text));
    assertTrue(e.getMessage().startsWith("schedule text, column "), e.getMessage());
  }
}
