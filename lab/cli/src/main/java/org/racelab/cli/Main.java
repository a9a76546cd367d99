package org.racelab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code racelab} command: subcommands for running, checking, comparing and analysing. */
@Command(
    name = "racelab",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "A laboratory for data races and memory undefined behaviour.",
    subcommands = {CommandLine.HelpCommand.class, AnalyzeCommand.class})
public final class Main {

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /**
   * Runs the command line and returns the exit code (0 held, 1 failed expectation, 2 bad input).
   */
  public static int execute(String... args) {
    return new CommandLine(new Main()).execute(args);
  }
}
