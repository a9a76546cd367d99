/**
 * Lincheck model-checking tests of the concurrent structures {@code racelab run --threads os}
 * relies on: the sequencer's step order, the sequenced detector, and mutexes and channels used
 * through the sequencer's blocking (the same composition the OS-threads interpreter uses). Small
 * sizes in {@code ./mvnw verify}; {@code -Pstress} sets {@code racelab.lincheck.size=large}.
 */
@NullMarked
package org.racelab.stress.lincheck;

import org.jspecify.annotations.NullMarked;
