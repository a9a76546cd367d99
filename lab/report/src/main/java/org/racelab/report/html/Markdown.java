package org.racelab.report.html;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders the {@code about} text. Raw HTML in the Markdown is escaped, not passed through, and link
 * targets are sanitised, so a scenario cannot inject markup or script into its report.
 */
public final class Markdown {
  private static final Parser PARSER = Parser.builder().build();
  private static final HtmlRenderer RENDERER =
      HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

  private Markdown() {}

  /** Safe HTML for a Markdown text. */
  public static String toHtml(String markdown) {
    return RENDERER.render(PARSER.parse(markdown));
  }
}
