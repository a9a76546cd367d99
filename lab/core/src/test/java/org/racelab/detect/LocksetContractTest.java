package org.racelab.detect;

import org.racelab.testing.DetectorContract;

class LocksetContractTest extends DetectorContract {
  @Override
  protected Detector create(ClockTable clocks) {
    return new LocksetDetector(clocks);
  }
}
