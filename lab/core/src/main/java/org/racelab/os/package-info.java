/**
 * Running on real operating-system threads: the {@link org.racelab.os.Sequencer}, which puts the
 * visible steps of concurrently running threads into one global order and blocks threads that
 * cannot move, and the {@link org.racelab.os.SequencedDetector}, a thread-safe wrapper that makes a
 * detector usable from several threads at once.
 *
 * <p>These are generic: they know thread ids, readiness conditions and actions, not scenarios. The
 * interpreter's OS-threads mode ({@code org.racelab.exec.OsThreads}) builds on them; the JCStress
 * and Lincheck tests in {@code lab/stress} test them under real concurrency. Depends on {@code
 * detect} only.
 */
@NullMarked
package org.racelab.os;

import org.jspecify.annotations.NullMarked;
