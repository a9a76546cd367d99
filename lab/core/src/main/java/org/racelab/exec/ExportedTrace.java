package org.racelab.exec;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.List;
import org.racelab.trace.Event;
import org.racelab.trace.RaceLabTraceWriter;
import org.racelab.trace.StdTraceWriter;
import org.racelab.trace.TraceFormat;

/**
 * A run as a trace file's events, made by {@link TraceExport}.
 *
 * @param format the format the events are meant for (they use only that format's operations)
 * @param events the events in trace order, one line each
 * @param accessLedger for each access line (reads, writes, atomic accesses, alloc, free), in order,
 *     the index of the ledger entry it came from; an entry that covers several cells has one line
 *     per cell
 * @param edges how many happens-before edges were added as {@code send}/{@code recv} pairs (STD: as
 *     pair locks) because no lock, fork or join line carries them
 * @param objects how many synchronisation objects (STD: distinct edge sources) those edges use
 * @param omittedAtomics atomic accesses left out (STD only; one per cell)
 * @param approximations where the file's happens-before differs from the simulation's (empty when
 *     the export is exact, which the catalogue's tests check for every scenario)
 */
public record ExportedTrace(
    TraceFormat format,
    List<Event> events,
    List<Integer> accessLedger,
    int edges,
    int objects,
    long omittedAtomics,
    List<String> approximations) {

  /** Copies the lists. */
  public ExportedTrace {
    events = List.copyOf(events);
    accessLedger = List.copyOf(accessLedger);
    approximations = List.copyOf(approximations);
  }

  /**
   * Writes the trace. RaceLab's own format gets the header and then {@code comments} as {@code #}
   * lines; STD gets no comments (RAPID does not skip them).
   */
  public void write(Writer out, List<String> comments) throws IOException {
    if (format == TraceFormat.RACELAB) {
      RaceLabTraceWriter w = new RaceLabTraceWriter(out);
      for (String c : comments) {
        w.comment(c);
      }
      for (String note : approximations) {
        w.comment("approximation: " + note);
      }
      for (Event e : events) {
        w.write(e);
      }
      w.flush();
    } else {
      StdTraceWriter w = new StdTraceWriter(out);
      for (Event e : events) {
        w.write(e);
      }
      w.flush();
    }
  }

  /** The whole file as text. */
  public String text(List<String> comments) {
    StringWriter sw = new StringWriter();
    try {
      write(sw, comments);
    } catch (IOException e) {
      throw new IllegalStateException("a StringWriter does not fail", e);
    }
    return sw.toString();
  }
}
