/**
 * Reusable test fixtures, shipped in the core test-jar for the other modules: hand-written and
 * seeded random traces ({@link org.racelab.testing.TestTrace}, {@link
 * org.racelab.testing.RandomTraces}), the brute-force happens-before oracle ({@link
 * org.racelab.testing.HappensBeforeOracle}) and the contracts every detector passes ({@link
 * org.racelab.testing.DetectorContract}, {@link org.racelab.testing.HappensBeforeContract}).
 */
@NullMarked
package org.racelab.testing;

import org.jspecify.annotations.NullMarked;
