/**
 * The JSON contract of DESIGN section 7: records whose component names are the stable field names,
 * built from finished results. Nothing here computes a verdict.
 */
@NullMarked
package org.racelab.report.json;

import org.jspecify.annotations.NullMarked;
