/**
 * Race detection on dense integer ids: the happens-before engine ({@link
 * org.racelab.detect.ClockTable}), the {@link org.racelab.detect.Detector} interface and its
 * implementations (DJIT+, FastTrack, Eraser's lockset).
 *
 * <p>One detector core serves both entries of RaceLab: the simulator, which wraps a detector to
 * build the rich ledger of a run, and the offline trace analyser, which feeds it millions of
 * events. Depends on {@code clock} and {@code trace} ({@link org.racelab.detect.TraceAnalysis} is a
 * {@link org.racelab.trace.TraceHandler}).
 */
@NullMarked
package org.racelab.detect;

import org.jspecify.annotations.NullMarked;
