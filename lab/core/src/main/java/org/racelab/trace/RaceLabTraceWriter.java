package org.racelab.trace;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes {@link Event}s in RaceLab's own trace format: the header {@value TraceFormat#HEADER}, then
 * one STD-syntax line per event, with {@code ar}/{@code aw} for atomic reads and writes, {@code
 * racq}/{@code rrel} for read locks, {@code alloc}/{@code free} for memory (each a write of the
 * named variable) and {@code send}/{@code recv} for synchronisation that is not a lock. Every event
 * has exactly one line. Names are escaped as for STD ({@link TraceSyntax#sanitize}); {@link
 * #comment} lines start with {@code #} and are skipped by readers.
 */
public final class RaceLabTraceWriter implements Closeable, Flushable {
  private final TraceLines out;

  /** A writer to {@code out}; writes the header line at once. */
  public RaceLabTraceWriter(Writer out) throws IOException {
    this.out = new TraceLines(out);
    this.out.raw(TraceFormat.HEADER);
  }

  /** Writes one event as one line. */
  public void write(Event event) throws IOException {
    if (event instanceof Event.Access a) {
      String op =
          switch (a.op()) {
            case READ -> "r";
            case WRITE -> "w";
            case ATOMIC_READ -> "ar";
            case ATOMIC_WRITE -> "aw";
          };
      out.line(a.thread(), op, a.location(), a.site());
    } else if (event instanceof Event.Acquire a) {
      out.line(a.thread(), a.shared() ? "racq" : "acq", a.lock(), a.site());
    } else if (event instanceof Event.Release r) {
      out.line(r.thread(), r.shared() ? "rrel" : "rel", r.lock(), r.site());
    } else if (event instanceof Event.Fork f) {
      out.line(f.thread(), "fork", f.child(), f.site());
    } else if (event instanceof Event.Join j) {
      out.line(j.thread(), "join", j.child(), j.site());
    } else if (event instanceof Event.Alloc a) {
      out.line(a.thread(), "alloc", a.block(), a.site());
    } else if (event instanceof Event.Free f) {
      out.line(f.thread(), "free", f.block(), f.site());
    } else if (event instanceof Event.Send s) {
      out.line(s.thread(), "send", s.object(), s.site());
    } else if (event instanceof Event.Receive r) {
      out.line(r.thread(), "recv", r.object(), r.site());
    } else if (event instanceof Event.Begin b) {
      out.bare(b.thread(), "begin", b.site());
    } else if (event instanceof Event.End e) {
      out.bare(e.thread(), "end", e.site());
    }
  }

  /**
   * Writes a comment line, {@code # text}; not an event. Line breaks in the text become spaces, so
   * the comment stays one line.
   */
  public void comment(String text) throws IOException {
    out.raw("# " + text.replaceAll("[\\r\\n]+", " "));
  }

  /** How many event lines were written (the header not counted). */
  public long lines() {
    return out.lines();
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
