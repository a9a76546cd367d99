package org.racelab.detect;

import org.racelab.testing.HappensBeforeContract;

class DjitPlusContractTest extends HappensBeforeContract {
  @Override
  protected Detector create(ClockTable clocks) {
    return new DjitPlusDetector(clocks);
  }
}
