/**
 * Real-JVM litmus tests (JCStress): the catalogue's classic shapes run on this machine's JVM and
 * hardware, so that RaceLab's prediction can be set next to what actually happens.
 */
@NullMarked
package org.racelab.stress.litmus;

import org.jspecify.annotations.NullMarked;
