package org.racelab.cli;

import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code racelab} command: subcommands for running, checking, comparing and analysing. */
@Command(
    name = "racelab",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "A laboratory for data races and memory undefined behaviour.",
    subcommands = {
      RunCommand.class,
      CompareCommand.class,
      AnalyzeCommand.class,
      CheckCommand.class,
      ListCommand.class,
      ShowCommand.class,
      LitmusCommand.class,
      AutoComplete.GenerateCompletion.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 every expectation held, 1 an expectation failed, 2 bad usage or input,",
      "3 an internal error (a bug in RaceLab: please report it with RACELAB_DEBUG=1 output).",
      "",
      "Examples:",
      "  racelab run races/atomics/message-passing-relaxed.race",
      "  racelab compare races/strategies/counter.race --strategies none,mutex,atomic",
      "  racelab analyze trace.std --detector djit",
      "  racelab list",
      "  racelab litmus store-buffering",
      "  racelab check my-scenario.race"
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code. */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  /** The configured command line (also used by tests). */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          err.println("racelab: " + ex.getMessage());
          err.println(
              "Try 'racelab "
                  + (ex.getCommandLine() == cl ? "" : ex.getCommandLine().getCommandName() + " ")
                  + "--help'.");
          return 2;
        });
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          PrintWriter err = cmd.getErr();
          if (ex instanceof UserError) {
            err.println(ex.getMessage());
            return 2;
          }
          if (System.getenv("RACELAB_DEBUG") != null) {
            ex.printStackTrace(err);
          }
          err.println(
              "racelab: internal error: "
                  + ex
                  + " (this is a bug in RaceLab; rerun with RACELAB_DEBUG=1 for details)");
          return 3;
        });
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
