/**
 * Executions as data: the {@link org.racelab.trace.Event} model, and streaming readers and writers
 * for trace files (RAPID's STD text format, and RaceLab's own, which adds atomics and read locks).
 *
 * <p>Readers are byte-level and allocate nothing per event; they report malformed input as a {@link
 * org.racelab.trace.TraceFormatException} naming file and line. Depends on nothing else.
 */
@NullMarked
package org.racelab.trace;

import org.jspecify.annotations.NullMarked;
