package org.racelab.trace;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/** Writes trace lines {@code THREAD|OP(NAME)|LOCATION}; shared by the two writers. */
final class TraceLines {
  private final Writer out;
  private long lines;

  TraceLines(Writer out) {
    this.out = out;
  }

  void line(String thread, String op, String name, int site) throws IOException {
    out.write(TraceSyntax.sanitize(thread));
    out.write('|');
    out.write(op);
    out.write('(');
    out.write(TraceSyntax.sanitize(name));
    out.write(')');
    out.write('|');
    out.write(Integer.toString(site));
    out.write('\n');
    lines++;
  }

  void bare(String thread, String op, int site) throws IOException {
    out.write(String.format(Locale.ROOT, "%s|%s|%d\n", TraceSyntax.sanitize(thread), op, site));
    lines++;
  }

  void raw(String text) throws IOException {
    out.write(text);
    out.write('\n');
  }

  long lines() {
    return lines;
  }

  void flush() throws IOException {
    out.flush();
  }

  void close() throws IOException {
    out.close();
  }
}
