/**
 * Self-contained HTML reports, rendered by precompiled jte templates (contextual auto-escaping:
 * every value goes through one mechanism). The only markup not produced by a template is the
 * scenario's {@code about} text, rendered from Markdown with raw HTML escaped.
 */
@NullMarked
package org.racelab.report.html;

import org.jspecify.annotations.NullMarked;
