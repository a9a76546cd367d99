package org.racelab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.racelab.testing.RecordingHandler;

class StdTraceReaderTest {

  private static TraceSummary read(String text, @Nullable TraceFormat format, RecordingHandler h)
      throws IOException, TraceFormatException {
    return new StdTraceReader(format)
        .read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.std", h);
  }

  private static String error(String text, @Nullable TraceFormat format) {
    TraceFormatException e =
        assertThrows(TraceFormatException.class, () -> read(text, format, new RecordingHandler()));
    return e.getMessage();
  }

  @Test
  void deliversEveryStdOperationWithNamesInternedInFirstAppearanceOrder() throws Exception {
    String text =
        "T0|w(V12)|34\n"
            + "T0|fork(T1)|3\n"
            + "T1|acq(L1)|7\n"
            + "T1|r(V12)|40\n"
            + "T1|w(x)|-5\n"
            + "T1|rel(L1)|9\n"
            + "T1|begin|50\n"
            + "T1|end|60\n"
            + "T0|join(T1)|5\n";
    RecordingHandler h = new RecordingHandler();
    TraceSummary s = read(text, null, h);
    assertEquals(
        List.of(
            "w t0 v0 @34",
            "fork t0 t1 @3",
            "acq t1 l0 @7",
            "r t1 v0 @40",
            "w t1 v1 @-5",
            "rel t1 l0 @9",
            "begin t1 @50",
            "end t1 @60",
            "join t0 t1 @5"),
        h.calls());
    assertEquals(TraceFormat.STD, s.format());
    assertEquals(9, s.events());
    assertEquals(2, s.threads().size());
    assertEquals("T1", s.threads().name(1));
    assertEquals("x", s.variables().name(1));
    assertEquals("L1", s.locks().name(0));
  }

  @Test
  void theHeaderSelectsRaceLabsFormatWithAtomicsReadLocksAndBlocks() throws Exception {
    String text =
        "# racelab-trace 1\n"
            + "main|aw(flag)|1\n"
            + "main|ar(flag)|2\n"
            + "main|racq(rw)|3\n"
            + "main|rrel(rw)|4\n"
            + "main|alloc(p)|5\n"
            + "main|free(p)|6\n";
    RecordingHandler h = new RecordingHandler();
    TraceSummary s = read(text, null, h);
    assertEquals(TraceFormat.RACELAB, s.format());
    assertEquals(
        List.of(
            "aw t0 v0 @1",
            "ar t0 v0 @2",
            "racq t0 l0 @3",
            "rrel t0 l0 @4",
            "w t0 v1 @5",
            "w t0 v1 @6"),
        h.calls());
    assertEquals(TraceFormat.RACELAB, read("main|ar(x)|1\n", TraceFormat.RACELAB, h).format());
  }

  @Test
  void sendAndRecvNameSynchronisationObjectsApartFromLocksAndNeedNoOwnership() throws Exception {
    String text =
        "# racelab-trace 1\n"
            + "T0|send(ch#1)|3\n"
            + "T1|recv(ch#1)|4\n"
            + "T1|send(ch#1)|5\n"
            + "T2|recv(m)|6\n"
            + "T2|acq(m)|7\n";
    RecordingHandler h = new RecordingHandler();
    TraceSummary s = read(text, null, h);
    assertEquals(
        List.of("send t0 o0 @3", "recv t1 o0 @4", "send t1 o0 @5", "recv t2 o1 @6", "acq t2 l0 @7"),
        h.calls());
    assertEquals(2, s.objects().size());
    assertEquals("ch#1", s.objects().name(0));
    assertEquals(1, s.locks().size());
    assertEquals(5, s.events());
    assertEquals(
        "t.std:1:4: operation 'send' belongs to RaceLab's own format: start the file with"
            + " '# racelab-trace 1' or pass --format racelab",
        error("T0|send(x)|1\n", null));
    assertEquals("t.std:1:4: unknown operation 'sendx'", error("T0|sendx(x)|1\n", null));
  }

  @Test
  void raceLabOperationsInAnStdTraceNameTheWayOut() {
    assertEquals(
        "t.std:2:4: operation 'aw' belongs to RaceLab's own format: start the file with"
            + " '# racelab-trace 1' or pass --format racelab",
        error("T0|w(x)|1\nT0|aw(x)|2\n", null));
    assertEquals(
        "t.std:2:4: operation 'racq' belongs to RaceLab's own format: start the file with"
            + " '# racelab-trace 1' or pass --format racelab",
        error("# racelab-trace 1\nT0|racq(x)|2\n", TraceFormat.STD));
  }

  @Test
  void skipsBlankAndCommentLinesAcceptsCrlfAndAMissingFinalNewline() throws Exception {
    RecordingHandler h = new RecordingHandler();
    TraceSummary s = read("# a comment\r\n\r\n\nT0|w(x)|1\r\n# another\nT0|r(x)|+2", null, h);
    assertEquals(List.of("w t0 v0 @1", "r t0 v0 @2"), h.calls());
    assertEquals(2, s.events());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      quoteCharacter = '"',
      value = {
        "T0w(x)1; t.std:1:8: expected THREAD|OP(NAME)|LOCATION, found no '|'",
        "T0|w(x); t.std:1:8: expected THREAD|OP(NAME)|LOCATION, found only two fields",
        "T0|w(x)|1|2; t.std:1:10: expected THREAD|OP(NAME)|LOCATION, found a fourth field",
        "|w(x)|1; t.std:1:1: empty thread name",
        "T0|write(x)|1; t.std:1:4: unknown operation 'write'",
        "T0||1; t.std:1:4: missing operation",
        "T0|w(x|1; t.std:1:7: missing ')' before '|'",
        "T0|w(|1; t.std:1:6: missing ')' before '|'",
        "T0|w()|1; t.std:1:6: empty name in 'w()'",
        "T0|w|1; t.std:1:5: missing '(' after 'w'",
        "T0|w(a b)|1; t.std:1:7: whitespace in a name",
        "T0|w(x)|12a; t.std:1:11: location is not an integer",
        "T0|w(x)|; t.std:1:9: location is not an integer",
        "T0|w(x)|-; t.std:1:9: location is not an integer",
        "T0|w(x)|2147483648; t.std:1:9: location out of the int range",
        "T0|w(x)|99999999999999999999; t.std:1:9: location out of the int range",
        "# racelab-trace 2; t.std:1:17: unsupported racelab-trace version '2'",
      })
  void malformedLinesAreReportedWithFileLineAndColumn(String line, String message) {
    assertEquals(message, error(line + "\n", null));
  }

  @Test
  void theLineNumberCountsBlankAndCommentLines() {
    assertEquals("t.std:4:1: empty thread name", error("T0|w(x)|1\n\n# c\n|r(x)|2\n", null));
  }

  @Test
  void minimalAndExtremeLocationsAreAccepted() throws Exception {
    RecordingHandler h = new RecordingHandler();
    read("T0|w(x)|2147483647\nT0|w(x)|-2147483648\nT0|w(x)|0\n", null, h);
    assertEquals(List.of("w t0 v0 @2147483647", "w t0 v0 @-2147483648", "w t0 v0 @0"), h.calls());
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "T0|rel(L)|1; t.std:1:4: rel(L) but thread T0 does not hold it",
        "T0|acq(L)|1\\nT1|rel(L)|2; t.std:2:4: rel(L) but thread T1 does not hold it (thread T0 does)",
        "T0|acq(L)|1\\nT1|acq(L)|2; t.std:2:4: acq(L) while thread T0 holds it (since line 1)",
        "T0|acq(L)|1\\nT1|racq(L)|2; t.std:2:4: racq(L) while thread T0 holds it (since line 1)",
        "T0|racq(L)|1\\nT1|acq(L)|2; t.std:2:4: acq(L) while it is held for reading by another"
            + " thread",
        "T0|racq(L)|1\\nT0|acq(L)|2; t.std:2:4: acq(L) while it is held for reading (also by this"
            + " thread)",
        "T0|rrel(L)|1; t.std:1:4: rrel(L) but thread T0 does not hold it for reading",
        "T0|fork(T1)|1\\nT1|w(x)|2\\nT0|join(T1)|3\\nT1|r(x)|4; t.std:4:1: event of thread T1 after"
            + " it was joined (line 3)",
        "T0|fork(T1)|1\\nT0|fork(T1)|2; t.std:2:4: fork of thread T1, which has already been"
            + " forked (line 1)",
        "T1|w(x)|1\\nT0|fork(T1)|2; t.std:2:4: fork of thread T1, which has already run",
        "T0|fork(T0)|1; t.std:1:4: thread T0 forks itself",
        "T0|join(T0)|1; t.std:1:4: thread T0 joins itself",
      })
  void lockDisciplineAndThreadLifecycleViolationsAreFormatErrors(String text, String message) {
    assertEquals(message, error(text.replace("\\n", "\n") + "\n", TraceFormat.RACELAB));
  }

  @Test
  void reentrantLocksAndReadLocksHeldByManyAreFine() throws Exception {
    RecordingHandler h = new RecordingHandler();
    read(
        "T0|acq(L)|1\nT0|acq(L)|2\nT0|rel(L)|3\nT0|rel(L)|4\nT1|acq(L)|5\nT1|rel(L)|6\n"
            + "T0|racq(M)|7\nT1|racq(M)|8\nT0|rrel(M)|9\nT1|rrel(M)|10\nT1|acq(M)|11\n"
            + "T1|racq(M)|12\nT1|rrel(M)|13\nT1|rel(M)|14\n",
        TraceFormat.RACELAB,
        h);
    assertEquals(14, h.calls().size());
  }

  @Test
  void linesCutByEveryPossibleReadBoundaryAreReassembled() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      sb.append("T").append(i % 7).append("|w(var").append(i % 13).append(")|").append(i);
      sb.append(i % 3 == 0 ? "\r\n" : "\n");
    }
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    RecordingHandler whole = new RecordingHandler();
    new StdTraceReader(null).read(new ByteArrayInputStream(bytes), "t", whole);
    for (int chunk : new int[] {1, 2, 3, 7, 64}) {
      RecordingHandler trickled = new RecordingHandler();
      TraceSummary s =
          new StdTraceReader(null)
              .read(new Trickle(new ByteArrayInputStream(bytes), chunk), "t", trickled);
      assertEquals(whole.calls(), trickled.calls(), "chunk " + chunk);
      assertEquals(2000, s.events());
      assertEquals(13, s.variables().size());
    }
  }

  @Test
  void aTraceLargerThanTheBufferIsReadCompletely(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("big.std");
    StringBuilder sb = new StringBuilder();
    int lines = 400_000; // about 7 MB: crosses the 4 MiB buffer
    for (int i = 0; i < lines; i++) {
      sb.append("Thread").append(i % 5).append("|r(some.variable.name").append(i % 1000);
      sb.append(")|").append(i).append('\n');
    }
    Files.writeString(file, sb);
    long[] progress = {0};
    TraceSummary s =
        new StdTraceReader(TraceFormat.STD)
            .withProgress(b -> progress[0] = b)
            .read(file, new RecordingHandler());
    assertEquals(lines, s.events());
    assertEquals(1000, s.variables().size());
    assertEquals(5, s.threads().size());
    assertEquals(true, progress[0] > 0);
  }

  @Test
  void gzipIsDetectedByItsMagicNumber(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write("T0|w(x)|1\nT1|r(x)|2\n".getBytes(StandardCharsets.UTF_8));
    }
    Path file = dir.resolve("t.std.gz");
    Files.write(file, bytes.toByteArray());
    RecordingHandler h = new RecordingHandler();
    assertEquals(2, new StdTraceReader(null).read(file, h).events());
    assertEquals(List.of("w t0 v0 @1", "r t1 v0 @2"), h.calls());
    RecordingHandler h2 = new RecordingHandler();
    new StdTraceReader(null).read(new ByteArrayInputStream(bytes.toByteArray()), "s", h2);
    assertEquals(h.calls(), h2.calls());
  }

  @Test
  void invalidUtf8IsKeptAsBytes() throws Exception {
    byte[] line = {'T', '0', '|', 'w', '(', (byte) 0xff, (byte) 0xfe, ')', '|', '1', '\n'};
    TraceSummary s =
        new StdTraceReader(null).read(new ByteArrayInputStream(line), "t", new RecordingHandler());
    assertEquals(1, s.variables().size());
    assertEquals("\uFFFD\uFFFD", s.variables().name(0));
  }

  @Test
  void aLineLongerThanTheInitialBufferGrowsIt() throws Exception {
    String name = "v".repeat(600_000);
    RecordingHandler h = new RecordingHandler();
    TraceSummary s = read("T0|w(" + name + ")|1\nT0|r(" + name + ")|2\n", null, h);
    assertEquals(List.of("w t0 v0 @1", "r t0 v0 @2"), h.calls());
    assertEquals(name, s.variables().name(0));
  }

  @Test
  void anEmptyFileIsAnEmptyTrace(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("empty.std");
    Files.writeString(file, "");
    TraceSummary s = new StdTraceReader(null).read(file, new RecordingHandler());
    assertEquals(0, s.events());
    assertEquals(0, s.threads().size());
  }

  /** Hands out at most {@code chunk} bytes per read, to exercise every refill boundary. */
  private static final class Trickle extends FilterInputStream {
    private final int chunk;

    Trickle(InputStream in, int chunk) {
      super(in);
      this.chunk = chunk;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return super.read(b, off, Math.min(len, chunk));
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
