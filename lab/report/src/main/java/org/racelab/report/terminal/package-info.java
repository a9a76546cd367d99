/** The short, aligned terminal summary of a run: the verdict first, then the details. */
@NullMarked
package org.racelab.report.terminal;

import org.jspecify.annotations.NullMarked;
