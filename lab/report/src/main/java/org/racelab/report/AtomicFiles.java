package org.racelab.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * Writes a file so that it is either the old one or the complete new one, never half: the text goes
 * to a temporary file in the same folder, which is then moved over the target. The temporary file
 * is created like any other file (permissions from the umask, not the owner-only ones of {@link
 * Files#createTempFile}), so a report can be read by whoever could read a file written directly.
 */
public final class AtomicFiles {
  private static final SecureRandom RANDOM = new SecureRandom();

  private AtomicFiles() {}

  /** Writes {@code text} as UTF-8 to {@code target}, creating its folder if needed. */
  public static void write(Path target, String text) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = create(dir, target.getFileName().toString(), text.getBytes(StandardCharsets.UTF_8));
    try {
      try {
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static Path create(Path dir, String name, byte[] bytes) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path tmp = dir.resolve(String.format(Locale.ROOT, ".%s.%016x.tmp", name, RANDOM.nextLong()));
      try (OutputStream out =
          Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        out.write(bytes);
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 10) {
          throw e;
        }
        continue;
      } catch (IOException e) {
        Files.deleteIfExists(tmp);
        throw e;
      }
      return tmp;
    }
  }
}
