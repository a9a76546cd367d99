/** The {@code racelab} command line (picocli): parsing arguments, exit codes, writing files. */
@NullMarked
package org.racelab.cli;

import org.jspecify.annotations.NullMarked;
