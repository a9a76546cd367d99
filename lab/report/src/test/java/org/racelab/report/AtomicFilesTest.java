package org.racelab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @Test
  void writesReplacesAndLeavesNoTemporaryFileBehind(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("reports").resolve("r.html");
    AtomicFiles.write(target, "first");
    AtomicFiles.write(target, "second ✓");
    assertEquals("second ✓", Files.readString(target));
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertEquals(List.of(target), files.toList());
    }
  }

  @Test
  void aReportGetsThePermissionsOfAnyNewFileNotOwnerOnly(@TempDir Path dir) throws IOException {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Path plain = Files.createFile(dir.resolve("plain"));
    Path report = dir.resolve("report.html");
    AtomicFiles.write(report, "x");
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(report));
  }
}
