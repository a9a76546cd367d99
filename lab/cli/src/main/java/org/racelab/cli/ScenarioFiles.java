package org.racelab.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.racelab.scenario.Parser;
import org.racelab.scenario.Scenario;
import org.racelab.scenario.ScenarioException;

/** Reads and parses scenario files, turning every failure into one clear line. */
final class ScenarioFiles {
  private static final long MAX_BYTES = 4L * 1024 * 1024;

  private ScenarioFiles() {}

  static Scenario parse(String name) {
    Path path = Path.of(name);
    String text = read(path, name);
    try {
      return Parser.parse(name, text);
    } catch (ScenarioException e) {
      throw new UserError(e.getMessage());
    }
  }

  static String read(Path path, String name) {
    try {
      if (Files.isDirectory(path)) {
        throw new UserError(name + ": is a folder, not a scenario file");
      }
      if (Files.size(path) > MAX_BYTES) {
        throw new UserError(name + ": is larger than 4 MiB; a scenario is a small text file");
      }
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path)))
          .toString();
    } catch (NoSuchFileException e) {
      throw new UserError(name + ": no such file");
    } catch (CharacterCodingException e) {
      throw new UserError(name + ":1:1: the file is not UTF-8 text");
    } catch (IOException e) {
      throw new UserError(name + ": cannot read: " + e.getMessage());
    }
  }
}
