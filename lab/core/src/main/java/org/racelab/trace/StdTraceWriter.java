package org.racelab.trace;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes {@link Event}s as RAPID's STD format, so that RAPID and other tools can analyse RaceLab's
 * executions. Names are made safe for RAPID's parser by {@link TraceSyntax#sanitize}
 * (percent-encoding of {@code | ( ) %}, whitespace and a leading {@code #}).
 *
 * <p>STD has no atomics, read locks or memory blocks, so some events are approximated or left out;
 * RaceLab's own format ({@link RaceLabTraceWriter}) carries all of them. Each choice below avoids
 * <em>false</em> races in the tool that reads the STD file, at the price of missing some:
 *
 * <ul>
 *   <li>Atomic reads and writes are omitted (and counted in {@link #omitted()}). Written as plain
 *       {@code r}/{@code w}, atomic–atomic pairs would become false races; wrapped in a
 *       pseudo-lock, they would order the threads like locks and hide real races on plain data.
 *       Omitting them loses only the mixed atomic/plain races. Synchronisation through atomics is
 *       not an access event and is written as the simulator reports it (acquire/release of a
 *       clock).
 *   <li>A read-lock acquire or release becomes {@code acq(L)} immediately followed by {@code
 *       rel(L)}. The reader thus sees every earlier writer (and publishes its own clock, so a later
 *       writer sees the reader), and lines stay lock-disciplined even when readers overlap. The
 *       price: readers become ordered with each other, so a race between two read sections is
 *       missed.
 *   <li>Allocation and deallocation are omitted: STD names single variables, and a block's cells
 *       have their own names, so a write of the block would not conflict with its cells anyway.
 *   <li>{@code begin}/{@code end} are written as RAPID's bare {@code begin}/{@code end}.
 *   <li>{@link Event.Send} and {@link Event.Receive} are rejected: a streaming writer cannot turn
 *       them into locks, because a send's lines depend on the receives that follow it. The
 *       simulator's export ({@code org.racelab.exec.TraceExport}) writes STD with those edges as
 *       private pair locks instead, and with read locks replaced by the edges they give, so that
 *       the STD file has exactly the simulation's happens-before.
 * </ul>
 */
public final class StdTraceWriter implements Closeable, Flushable {
  private final TraceLines out;
  private long omitted;

  /** A writer to {@code out} (buffer it; it is closed by {@link #close}). */
  public StdTraceWriter(Writer out) {
    this.out = new TraceLines(out);
  }

  /** Writes one event as zero, one or two lines. */
  public void write(Event event) throws IOException {
    if (event instanceof Event.Access a) {
      switch (a.op()) {
        case READ -> out.line(a.thread(), "r", a.location(), a.site());
        case WRITE -> out.line(a.thread(), "w", a.location(), a.site());
        default -> omitted++;
      }
    } else if (event instanceof Event.Acquire a) {
      out.line(a.thread(), "acq", a.lock(), a.site());
      if (a.shared()) {
        out.line(a.thread(), "rel", a.lock(), a.site());
      }
    } else if (event instanceof Event.Release r) {
      if (r.shared()) {
        out.line(r.thread(), "acq", r.lock(), r.site());
      }
      out.line(r.thread(), "rel", r.lock(), r.site());
    } else if (event instanceof Event.Fork f) {
      out.line(f.thread(), "fork", f.child(), f.site());
    } else if (event instanceof Event.Join j) {
      out.line(j.thread(), "join", j.child(), j.site());
    } else if (event instanceof Event.Send || event instanceof Event.Receive) {
      throw new IllegalArgumentException(
          "STD has no send/recv: write the edge as a lock that only its two ends use ("
              + event
              + ")");
    } else if (event instanceof Event.Begin b) {
      out.bare(b.thread(), "begin", b.site());
    } else if (event instanceof Event.End e) {
      out.bare(e.thread(), "end", e.site());
    } else {
      omitted++; // Alloc, Free
    }
  }

  /** How many lines were written. */
  public long lines() {
    return out.lines();
  }

  /** How many events had no STD counterpart and were left out. */
  public long omitted() {
    return omitted;
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
