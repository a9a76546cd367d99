package org.racelab.report.html;

import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * The page's stylesheet and script ({@code assets/style.jte}, {@code assets/script.jte}) and the
 * Content-Security-Policy that allows exactly them. The policy names each by the SHA-256 of its
 * text, computed here from the same precompiled templates the page includes, so editing the script
 * can never leave a stale hash. Everything else is refused: no source may load anything ({@code
 * default-src 'none'}), no other script or style runs, no form submits, no base URL changes.
 */
public final class Assets {
  private static final String STYLE = inner(render("assets/style.jte"), "style");
  private static final String SCRIPT = inner(render("assets/script.jte"), "script");
  private static final String POLICY =
      "default-src 'none'; style-src '"
          + sha256(STYLE)
          + "'; script-src '"
          + sha256(SCRIPT)
          + "'; img-src 'none'; base-uri 'none'; form-action 'none'";

  private Assets() {}

  /** The Content-Security-Policy of every report page. */
  public static String contentSecurityPolicy() {
    return POLICY;
  }

  /** The text of the page's script (what its hash covers). */
  static String script() {
    return SCRIPT;
  }

  /** The text of the page's stylesheet (what its hash covers). */
  static String style() {
    return STYLE;
  }

  private static String render(String template) {
    TemplateEngine engine = HtmlReport.engine();
    StringOutput out = new StringOutput();
    engine.render(template, Map.of(), out);
    return out.toString();
  }

  /** The text between {@code <tag>} and {@code </tag>}. */
  static String inner(String html, String tag) {
    int open = html.indexOf("<" + tag + ">");
    int close = html.lastIndexOf("</" + tag + ">");
    if (open < 0 || close < open) {
      throw new IllegalStateException("assets/" + tag + ".jte must hold one <" + tag + "> element");
    }
    return html.substring(open + tag.length() + 2, close);
  }

  /** {@code sha256-<base64>} of the UTF-8 bytes, as a CSP source expression. */
  static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
