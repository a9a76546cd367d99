package org.racelab.scenario;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A parsed scenario file.
 *
 * @param file the file as the user named it (for messages)
 * @param source the full text (for reports)
 * @param title the {@code scenario "..."} title, or null
 * @param about the {@code about} text (Markdown), or null
 * @param decls memory and synchronisation objects, in order
 * @param threads thread declarations, in order
 * @param expectations {@code expect} lines, in order
 * @param schedules how many schedules to run when the command line does not say ({@code schedules
 *     N}); 0 when the file does not say either
 */
public record Scenario(
    String file,
    String source,
    @Nullable String title,
    @Nullable String about,
    List<Decl> decls,
    List<ThreadDecl> threads,
    List<Expectation> expectations,
    int schedules) {

  /** The title, or the file's base name without {@code .race}. */
  public String name() {
    if (title != null && !title.isBlank()) {
      return title;
    }
    return baseName();
  }

  /** The file's base name without directories and without {@code .race}. */
  public String baseName() {
    String f = file.replace('\\', '/');
    String base = f.substring(f.lastIndexOf('/') + 1);
    return base.endsWith(".race") ? base.substring(0, base.length() - 5) : base;
  }
}
