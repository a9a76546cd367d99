/**
 * Rendering of finished results: terminal summaries, JSON and self-contained HTML reports.
 * Renderers only format; they never run or grade anything. What two renderers must say alike lives
 * here once: the replay commands ({@link org.racelab.report.ReplayCommand}) and, for {@code
 * --detector all}, where the detectors agree and why they do not ({@link
 * org.racelab.report.DetectorAgreement}), read from the detectors' own verdicts in the result.
 */
@NullMarked
package org.racelab.report;

import org.jspecify.annotations.NullMarked;
