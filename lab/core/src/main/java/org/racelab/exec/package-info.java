/**
 * The interpreter: scenarios compiled to a small stack machine per thread ({@link
 * org.racelab.exec.Compiler}), stepped one visible operation at a time against the simulated memory
 * and the synchronisation objects ({@link org.racelab.exec.Machine}), with every access classified
 * by a race detector and recorded in a ledger.
 *
 * <p>A run can also leave as a trace file ({@link org.racelab.exec.TraceExport}, for {@code run
 * --trace}): the machine records each access and synchronisation with the thread's clock ({@link
 * org.racelab.exec.RunTrace}), and the export writes the lines and the edges that make an offline
 * analysis reach the simulator's verdicts.
 *
 * <p>The machine never chooses who runs: it says which threads can move, and a scheduler picks.
 * Choices inside an operation (which store a weak load reads) are asked of a {@link
 * org.racelab.exec.Chooser}, so a run is a pure function of its choices. {@link
 * org.racelab.exec.OsThreads} runs the same machine on real threads instead, one per scenario
 * thread, with its visible steps ordered by an {@link org.racelab.os.Sequencer}. Depends on {@code
 * scenario}, {@code memory}, {@code sync}, {@code detect}, {@code os}, {@code value} and {@code
 * trace}.
 */
@NullMarked
package org.racelab.exec;

import org.jspecify.annotations.NullMarked;
