package org.racelab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.racelab.testing.RecordingHandler;
import org.racelab.trace.Event.AccessOp;

class TraceWritersTest {

  private static final List<Event> EVENTS =
      List.of(
          new Event.Access("main", AccessOp.WRITE, "data", 3),
          new Event.Fork("main", "worker 1", 4),
          new Event.Acquire("worker 1", "m", false, 7),
          new Event.Access("worker 1", AccessOp.READ, "a[2]", 8),
          new Event.Release("worker 1", "m", false, 9),
          new Event.Access("worker 1", AccessOp.ATOMIC_WRITE, "ready", 10),
          new Event.Access("main", AccessOp.ATOMIC_READ, "ready", 11),
          new Event.Acquire("main", "rw", true, 12),
          new Event.Acquire("worker 1", "rw", true, 13),
          new Event.Release("main", "rw", true, 14),
          new Event.Release("worker 1", "rw", true, 15),
          new Event.Alloc("main", "p", 16, 16),
          new Event.Free("main", "p", 17),
          new Event.Begin("main", 18),
          new Event.End("main", 19),
          new Event.Join("main", "worker 1", 20));

  @Test
  void theOwnFormatWritesOneLinePerEventAndReadsBackEveryEvent() throws Exception {
    StringWriter text = new StringWriter();
    try (RaceLabTraceWriter w = new RaceLabTraceWriter(text)) {
      for (Event e : EVENTS) {
        w.write(e);
      }
      assertEquals(EVENTS.size(), w.lines());
    }
    String out = text.toString();
    assertEquals(
        "# racelab-trace 1\nmain|w(data)|3\nmain|fork(worker%201)|4\nworker%201|acq(m)|7\n",
        out.substring(0, out.indexOf("worker%201|r(")));
    RecordingHandler h = new RecordingHandler();
    TraceSummary s = read(out, h);
    assertEquals(TraceFormat.RACELAB, s.format());
    assertEquals(EVENTS.size(), s.events());
    assertEquals(
        List.of(
            "w t0 v0 @3",
            "fork t0 t1 @4",
            "acq t1 l0 @7",
            "r t1 v1 @8",
            "rel t1 l0 @9",
            "aw t1 v2 @10",
            "ar t0 v2 @11",
            "racq t0 l1 @12",
            "racq t1 l1 @13",
            "rrel t0 l1 @14",
            "rrel t1 l1 @15",
            "w t0 v3 @16",
            "w t0 v3 @17",
            "begin t0 @18",
            "end t0 @19",
            "join t0 t1 @20"),
        h.calls());
    assertEquals("worker%201", s.threads().name(1));
  }

  @Test
  void stdOmitsAtomicsAndBlocksAndTurnsReadLocksIntoInstantLockHandOffs() throws Exception {
    StringWriter text = new StringWriter();
    StdTraceWriter w = new StdTraceWriter(text);
    for (Event e : EVENTS) {
      w.write(e);
    }
    w.flush();
    assertEquals(4, w.omitted());
    assertEquals(
        String.join(
            "\n",
            "main|w(data)|3",
            "main|fork(worker%201)|4",
            "worker%201|acq(m)|7",
            "worker%201|r(a[2])|8",
            "worker%201|rel(m)|9",
            "main|acq(rw)|12",
            "main|rel(rw)|12",
            "worker%201|acq(rw)|13",
            "worker%201|rel(rw)|13",
            "main|acq(rw)|14",
            "main|rel(rw)|14",
            "worker%201|acq(rw)|15",
            "worker%201|rel(rw)|15",
            "main|begin|18",
            "main|end|19",
            "main|join(worker%201)|20",
            ""),
        text.toString());
    assertEquals(16, w.lines());
    // overlapping readers still give a lock-disciplined STD trace
    assertEquals(16, read(text.toString(), new RecordingHandler()).events());
  }

  @Test
  void theOwnFormatWritesSendRecvAndCommentsAndStdRefusesSendRecv() throws Exception {
    StringWriter text = new StringWriter();
    try (RaceLabTraceWriter w = new RaceLabTraceWriter(text)) {
      w.comment("replay a2b\nsecond line");
      w.write(new Event.Send("main", "ch#1", 4));
      w.write(new Event.Receive("worker 1", "ch#1", 9));
      assertEquals(2, w.lines());
    }
    assertEquals(
        "# racelab-trace 1\n# replay a2b second line\nmain|send(ch#1)|4\nworker%201|recv(ch#1)|9\n",
        text.toString());
    RecordingHandler h = new RecordingHandler();
    assertEquals(2, read(text.toString(), h).events());
    assertEquals(List.of("send t0 o0 @4", "recv t1 o0 @9"), h.calls());
    StdTraceWriter std = new StdTraceWriter(new StringWriter());
    assertThrows(
        IllegalArgumentException.class, () -> std.write(new Event.Send("main", "ch#1", 4)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "x; x",
        "a[2]; a[2]",
        "count@main; count@main",
        "a b; a%20b",
        "f(x); f%28x%29",
        "p|q; p%7Cq",
        "100%; 100%25",
        "#1; %231",
        "a#1; a#1",
        "tab\there; tab%09here",
        "größe; größe",
      })
  void namesAreEscapedOnlyWhereRapidWouldMisread(String name, String expected) {
    assertEquals(expected, TraceSyntax.sanitize(name));
  }

  @Test
  void escapingKeepsDistinctNamesDistinctAndRejectsEmptyOnes() {
    assertNotEquals(TraceSyntax.sanitize("a b"), TraceSyntax.sanitize("a%20b"));
    assertNotEquals(TraceSyntax.sanitize("a(b"), TraceSyntax.sanitize("a)b"));
    assertThrows(IllegalArgumentException.class, () -> TraceSyntax.sanitize(""));
  }

  private static TraceSummary read(String text, RecordingHandler h) throws Exception {
    return new StdTraceReader(null)
        .read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "w", h);
  }
}
