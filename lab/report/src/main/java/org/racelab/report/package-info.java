/**
 * Rendering of finished results: terminal summaries, JSON and self-contained HTML reports.
 * Renderers only format; they never run or grade anything.
 */
@NullMarked
package org.racelab.report;

import org.jspecify.annotations.NullMarked;
