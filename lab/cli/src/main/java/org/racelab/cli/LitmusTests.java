package org.racelab.cli;

import java.util.List;
import java.util.Optional;

/**
 * The litmus tests {@code racelab litmus} knows: each pairs a JCStress test of {@code lab/stress}
 * (what this JVM and CPU really do) with the catalogue scenario that models it (what RaceLab
 * predicts). Each scenario detects the test's key outcome with an {@code assert} whose message is
 * listed here, so that the number of simulated schedules showing the outcome can be counted.
 */
final class LitmusTests {
  private LitmusTests() {}

  /**
   * One litmus test.
   *
   * @param name the name on the command line
   * @param title what it is, in a few words
   * @param jcstressTest the JCStress test class
   * @param scenario the catalogue scenario, relative to {@code races/}
   * @param keyOutcomes the JCStress outcome ids that make the key outcome
   * @param keyLabel the key outcome, as the summary names it
   * @param assertMessage the message of the scenario's assert that fails exactly on the key outcome
   */
  record Entry(
      String name,
      String title,
      String jcstressTest,
      String scenario,
      List<String> keyOutcomes,
      String keyLabel,
      String assertMessage) {}

  private static final String PKG = "org.racelab.stress.litmus.";
  private static final String SB = "both loads read 0: (0, 0)";
  private static final String MP = "saw the flag but not the data: (1, 0)";
  private static final String DCL = "saw the object before its constructor finished";

  static final List<Entry> ALL =
      List.of(
          new Entry(
              "store-buffering",
              "store buffering, plain fields",
              PKG + "StoreBufferingPlain",
              "litmus/store-buffering-plain.race",
              List.of("0, 0"),
              "(0, 0)",
              SB),
          new Entry(
              "store-buffering-opaque",
              "store buffering, opaque (relaxed) accesses",
              PKG + "StoreBufferingOpaque",
              "litmus/store-buffering-relaxed.race",
              List.of("0, 0"),
              "(0, 0)",
              SB),
          new Entry(
              "store-buffering-volatile",
              "store buffering, volatile (seq_cst) fields",
              PKG + "StoreBufferingVolatile",
              "litmus/store-buffering-seq-cst.race",
              List.of("0, 0"),
              "(0, 0)",
              SB),
          new Entry(
              "message-passing",
              "message passing, plain flag",
              PKG + "MessagePassingPlain",
              "litmus/message-passing-plain.race",
              List.of("1, 0"),
              "(1, 0)",
              MP),
          new Entry(
              "message-passing-volatile",
              "message passing, volatile (release/acquire) flag",
              PKG + "MessagePassingVolatile",
              "litmus/message-passing-release-acquire.race",
              List.of("1, 0"),
              "(1, 0)",
              MP),
          new Entry(
              "racy-counter",
              "two plain increments, one lost",
              PKG + "RacyCounter",
              "litmus/racy-counter.race",
              List.of("1"),
              "counter = 1",
              "an increment was lost"),
          new Entry(
              "double-checked-locking",
              "double-checked locking, plain instance field",
              PKG + "DoubleCheckedLockingPlain",
              "litmus/double-checked-locking-broken.race",
              List.of("0, 42", "42, 0", "0, 0"),
              "an uninitialised object (a 0)",
              DCL),
          new Entry(
              "double-checked-locking-volatile",
              "double-checked locking, volatile instance field",
              PKG + "DoubleCheckedLockingVolatile",
              "litmus/double-checked-locking-fixed.race",
              List.of("0, 42", "42, 0", "0, 0"),
              "an uninitialised object (a 0)",
              DCL));

  /** The entry with this name. */
  static Optional<Entry> find(String name) {
    return ALL.stream().filter(e -> e.name().equals(name)).findFirst();
  }
}
