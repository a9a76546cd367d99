package org.racelab.trace;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Streams a trace in RAPID's STD format, or in RaceLab's own format, to a {@link TraceHandler}.
 *
 * <p><b>Syntax.</b> One event per line, {@code THREAD|OP(NAME)|LOCATION}, for example {@code
 * T0|w(V12)|34}. THREAD is any non-empty run of bytes without {@code |}; OP is one of {@code r w
 * acq rel fork join} followed by a parenthesised NAME (a non-empty run without whitespace: the
 * variable, lock or thread), or {@code begin}/{@code end} (a parenthesised part is allowed and
 * ignored); LOCATION is a decimal integer with an optional sign that fits an {@code int} (RAPID
 * parses it with {@code Integer.parseInt}). A final {@code \r} (CRLF files) is ignored. Blank lines
 * and lines starting with {@code #} are skipped, so traces may carry comments; they are not events.
 * RaceLab's own format starts with the line {@code # racelab-trace 1} and adds {@code ar aw}
 * (atomic read, atomic write), {@code racq rrel} (read lock acquire, release), {@code alloc free}
 * (delivered as plain writes of the named variable) and {@code send recv} (release into and acquire
 * from a named synchronisation object that nobody owns: a channel message, a barrier arrival, an
 * atomic release). Without an explicit format the header decides; a file whose first two bytes are
 * gzip's magic number is decompressed on the fly.
 *
 * <p><b>Validation.</b> Malformed lines are a {@link TraceFormatException} naming file, line and
 * (byte) column. So are the traces whose happens-before meaning RAPID leaves undefined, which
 * {@code gen_std_trace.py --check} also rejects: releasing a lock the thread does not hold (in that
 * mode), acquiring a lock another thread holds (a write lock excludes everybody; read locks exclude
 * writers only; a thread may re-acquire its own write lock, and take the read lock while holding
 * the write lock), any event of a thread after it was joined, forking a thread that has already had
 * events or been forked, and a thread forking or joining itself. Locks still held at the end of the
 * trace are accepted: a trace may stop anywhere. {@code send} and {@code recv} need no ownership:
 * any thread may send to or receive from any object at any time (a receive of an object nobody sent
 * to yet learns nothing).
 *
 * <p><b>Ids.</b> Thread, variable, lock and object names are interned, separately, to dense ids in
 * order of first appearance (a thread named only as a fork or join target counts). Bytes are read
 * into a buffer of up to 4 MiB and parsed in place (a longer line grows it, up to 16 MiB): no
 * object is created per event, only per new name.
 */
public final class StdTraceReader {
  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;
  private static final int FILE_BUFFER = 1 << 22;
  private static final int STREAM_BUFFER = 1 << 18;

  private final @Nullable TraceFormat format;
  private @Nullable LongConsumer progress;

  /**
   * A reader.
   *
   * @param format the format to assume, or null to decide by the header line
   */
  public StdTraceReader(@Nullable TraceFormat format) {
    this.format = format;
  }

  /** Reports, after each buffer refill, how many bytes of the file have been consumed so far. */
  public StdTraceReader withProgress(LongConsumer bytesRead) {
    this.progress = bytesRead;
    return this;
  }

  /**
   * Reads a trace file.
   *
   * @param file the file
   * @param handler receives every event
   * @return the names and counts
   * @throws IOException when the file cannot be read
   * @throws TraceFormatException when it is not a well-formed trace
   */
  public TraceSummary read(Path file, TraceHandler handler)
      throws IOException, TraceFormatException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer magic = ByteBuffer.allocate(2);
      while (magic.hasRemaining() && ch.read(magic) >= 0) {
        // a short read is retried until two bytes or end of file
      }
      ch.position(0);
      String name = file.toString();
      if (magic.position() == 2
          && (magic.get(0) & 0xff) == GZIP_MAGIC_1
          && (magic.get(1) & 0xff) == GZIP_MAGIC_2) {
        InputStream in = new GZIPInputStream(Channels.newInputStream(ch), 1 << 16);
        return new StdParser(name, format, handler, progress, FILE_BUFFER)
            .run(Channels.newChannel(in));
      }
      // small files get a small buffer: tests and the simulator read many of them
      int size = (int) Math.min(FILE_BUFFER, Math.max(1 << 12, ch.size() + 1));
      return new StdParser(name, format, handler, progress, size).run(ch);
    }
  }

  /**
   * Reads a trace from a stream (not closed here).
   *
   * @param in the bytes (gzip is detected and decompressed)
   * @param name how to name the source in error messages
   * @param handler receives every event
   * @return the names and counts
   * @throws IOException when the stream fails
   * @throws TraceFormatException when it is not a well-formed trace
   */
  public TraceSummary read(InputStream in, String name, TraceHandler handler)
      throws IOException, TraceFormatException {
    InputStream s = in.markSupported() ? in : new BufferedInputStream(in, 1 << 16);
    s.mark(2);
    int b1 = s.read();
    int b2 = s.read();
    s.reset();
    if (b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2) {
      s = new GZIPInputStream(s, 1 << 16);
    }
    ReadableByteChannel ch = Channels.newChannel(s);
    return new StdParser(name, format, handler, progress, STREAM_BUFFER).run(ch);
  }
}
