/**
 * Self-contained HTML reports. View models ({@link org.racelab.report.html.RunPage} and its parts,
 * {@link org.racelab.report.html.ComparePage} for a comparison of strategies, {@link
 * org.racelab.report.html.Charts}) are built from finished results; precompiled jte templates lay
 * them out with contextual auto-escaping, so every value goes through one mechanism. The only
 * markup not produced by a template is the scenario's {@code about} text, rendered from Markdown
 * with raw HTML escaped. Every page uses {@code layout.jte}: one stylesheet and one script, allowed
 * by a Content-Security-Policy through their hashes ({@link org.racelab.report.html.Assets});
 * nothing else loads or runs.
 */
@NullMarked
package org.racelab.report.html;

import org.jspecify.annotations.NullMarked;
