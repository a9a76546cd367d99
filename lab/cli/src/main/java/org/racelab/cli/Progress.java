package org.racelab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** A one-line progress display on a terminal for big traces; nothing otherwise. */
final class Progress {
  private static final long MIN_SIZE = 64L << 20;

  private final PrintWriter err;
  private final String name;
  private final long size;
  private int shown = -1;

  private Progress(PrintWriter err, String name, long size) {
    this.err = err;
    this.name = name;
    this.size = size;
  }

  /** A display when on a terminal and the file is big enough to wait for; otherwise null. */
  static @Nullable Progress start(Path file, PrintWriter err, boolean terminal) {
    if (!terminal) {
      return null;
    }
    try {
      long size = Files.size(file);
      return size >= MIN_SIZE ? new Progress(err, file.getFileName().toString(), size) : null;
    } catch (IOException | RuntimeException e) {
      return null; // the reader reports the real problem
    }
  }

  void update(long bytes) {
    int percent = (int) Math.min(100, bytes * 100 / size);
    if (percent != shown) {
      shown = percent;
      err.print(String.format(Locale.ROOT, "\ranalysing %s %3d%%", name, percent));
      err.flush();
    }
  }

  static void clear(@Nullable Progress p) {
    if (p != null) {
      p.err.print("\r" + " ".repeat(p.name.length() + 16) + "\r");
      p.err.flush();
    }
  }
}
