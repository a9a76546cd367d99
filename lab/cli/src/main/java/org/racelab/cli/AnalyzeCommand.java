package org.racelab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.racelab.detect.AnalysisResult;
import org.racelab.detect.Detectors;
import org.racelab.detect.TraceAnalysis;
import org.racelab.report.Json;
import org.racelab.trace.StdTraceReader;
import org.racelab.trace.TraceFormat;
import org.racelab.trace.TraceFormatException;
import org.racelab.trace.TraceSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code racelab analyze}: happens-before or lockset race detection over a recorded trace. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Finds the data races in a recorded execution trace: RAPID's STD format"
          + " (T0|w(V12)|34) or RaceLab's own (header '# racelab-trace 1', adds atomics and read"
          + " locks). Counts are RAPID's: an access is racy when some earlier conflicting access"
          + " is not ordered before it by happens-before."
    },
    footer = {
      "",
      "Examples:",
      "  racelab analyze trace.std",
      "  racelab analyze trace.std --detector djit --json result.json",
      "  racelab analyze run.trace --format racelab --detector all --json -",
      "  JAVA_OPTS=-Xmx1g racelab analyze big.std.gz --quiet --json big.json",
      "",
      "Exit status: 0 analysed (races or not), 2 bad usage or a missing or malformed trace"
          + " (one line: file:line:column: message)."
    })
final class AnalyzeCommand implements Callable<Integer> {
  private static final int EXAMPLES = 3;

  @Spec @Nullable CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TRACE", description = "the trace file (gzip is fine)")
  @Nullable Path trace;

  @Option(
      names = "--format",
      paramLabel = "std|racelab",
      description = "the trace format (default: racelab when the file starts with its header)")
  @Nullable String format;

  @Option(
      names = "--detector",
      paramLabel = "NAME",
      defaultValue = "fasttrack",
      description =
          "djit, fasttrack (default; same verdicts as djit, faster), lockset (Eraser), or all")
  String detector = "fasttrack";

  @Option(
      names = "--json",
      paramLabel = "FILE|-",
      description = "also write the results as JSON to FILE (written atomically), or - for stdout")
  @Nullable String json;

  @Option(names = "--quiet", description = "no summary and no progress display")
  boolean quiet;

  @Override
  public Integer call() {
    CommandSpec cs = spec();
    PrintWriter out = cs.commandLine().getOut();
    PrintWriter err = cs.commandLine().getErr();
    TraceFormat fmt = parseFormat(cs);
    List<String> names = parseDetectors(cs);
    Path file = trace == null ? Path.of("") : trace;

    TraceAnalysis analysis = new TraceAnalysis(names);
    StdTraceReader reader = new StdTraceReader(fmt);
    Progress progress = Progress.start(file, err, !quiet && ProgressBar.terminal());
    if (progress != null) {
      reader.withProgress(progress::update);
    }
    long start = System.nanoTime();
    TraceSummary summary;
    try {
      summary = reader.read(file, analysis);
    } catch (TraceFormatException e) {
      Progress.clear(progress);
      err.println(e.getMessage());
      return 2;
    } catch (IOException e) {
      Progress.clear(progress);
      err.println(file + ":1:1: cannot read the trace: " + describe(e));
      return 2;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Progress.clear(progress);
    List<AnalysisResult> results = analysis.results(summary, seconds);

    boolean jsonToStdout = "-".equals(json);
    if (!quiet && !jsonToStdout) {
      Summary.print(out, file, summary, results, EXAMPLES);
    }
    if (json != null) {
      Object value = results.size() == 1 ? results.get(0) : results;
      String text = Json.render(value);
      if (jsonToStdout) {
        out.print(text);
      } else {
        try {
          AtomicFiles.write(Path.of(json), text);
        } catch (IOException e) {
          err.println(json + ":1:1: cannot write the JSON: " + describe(e));
          return 2;
        }
      }
    }
    out.flush();
    return 0;
  }

  private CommandSpec spec() {
    if (spec == null) {
      throw new IllegalStateException("picocli did not inject the command spec");
    }
    return spec;
  }

  private @Nullable TraceFormat parseFormat(CommandSpec cs) {
    if (format == null) {
      return null;
    }
    try {
      return TraceFormat.fromCliName(format);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cs.commandLine(), "--format: " + e.getMessage());
    }
  }

  private List<String> parseDetectors(CommandSpec cs) {
    String d = detector.toLowerCase(Locale.ROOT);
    if (d.equals("all")) {
      return Detectors.NAMES;
    }
    if (!Detectors.NAMES.contains(d)) {
      throw new ParameterException(
          cs.commandLine(),
          "--detector: unknown detector '"
              + detector
              + "' (expected "
              + String.join(", ", Detectors.NAMES)
              + " or all)");
    }
    return List.of(d);
  }

  private static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
