package org.racelab.report.html;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders the {@code about} text. Raw HTML in the Markdown is escaped, not passed through, and link
 * targets are sanitised, so a scenario cannot inject markup or script into its report. Images are
 * not embedded (a report loads nothing): each becomes its description and address as text.
 */
public final class Markdown {
  private static final Parser PARSER = Parser.builder().build();
  private static final HtmlRenderer RENDERER =
      HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

  private Markdown() {}

  /** Safe HTML for a Markdown text. */
  public static String toHtml(String markdown) {
    Node document = PARSER.parse(markdown);
    document.accept(new ImagesAsText());
    return RENDERER.render(document);
  }

  /** Replaces every image by the text "[image: description (address)]". */
  private static final class ImagesAsText extends AbstractVisitor {
    @Override
    public void visit(Image image) {
      StringBuilder alt = new StringBuilder();
      for (Node c = image.getFirstChild(); c != null; c = c.getNext()) {
        collect(c, alt);
      }
      String text =
          "[image: "
              + (alt.length() == 0 ? "no description" : alt)
              + (image.getDestination() == null || image.getDestination().isEmpty()
                  ? ""
                  : " (" + image.getDestination() + ")")
              + "]";
      image.insertBefore(new Text(text));
      image.unlink();
    }

    private static void collect(Node n, StringBuilder out) {
      if (n instanceof Text t) {
        out.append(t.getLiteral());
      }
      for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
        collect(c, out);
      }
    }
  }
}
