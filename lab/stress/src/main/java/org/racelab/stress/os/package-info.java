/**
 * JCStress tests of RaceLab's own concurrent parts, the ones {@code racelab run --threads os}
 * relies on: the {@link org.racelab.os.Sequencer} (steps get one global order, blocked steps wake
 * up, deadlocks are declared exactly when everyone is blocked) and the {@link
 * org.racelab.os.SequencedDetector} (concurrent instrumented accesses get the verdicts of the order
 * the sequencer gave them). Every outcome that would show a bug is {@code FORBIDDEN}.
 */
@NullMarked
package org.racelab.stress.os;

import org.jspecify.annotations.NullMarked;
