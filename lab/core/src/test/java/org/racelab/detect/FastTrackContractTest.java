package org.racelab.detect;

import org.racelab.testing.HappensBeforeContract;

class FastTrackContractTest extends HappensBeforeContract {
  @Override
  protected Detector create(ClockTable clocks) {
    return new FastTrackDetector(clocks);
  }
}
