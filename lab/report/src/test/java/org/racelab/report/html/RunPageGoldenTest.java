package org.racelab.report.html;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.racelab.experiment.RunResult;

/**
 * Golden tests of the report model: the page model of fixed runs (fixed scenario, seed 1, DJIT+),
 * rendered as JSON, must equal the committed file under {@code src/test/resources/golden}. The
 * model holds every text and every coordinate the page shows, so a change in what a report says or
 * draws shows up here as a readable diff.
 *
 * <p>After an intended change, rewrite the goldens and review the diff: {@code ./mvnw -pl
 * lab/report -am verify -Dracelab.updateGoldens=true -Dtest=RunPageGoldenTest
 * -Dsurefire.failIfNoSpecifiedTests=false}, then {@code git diff lab/report/src/test/resources}.
 */
class RunPageGoldenTest {
  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

  /**
   * The model as indented JSON; a highlighted source token is written as one string ({@code
   * "[kw]thread"}, plain text as itself) so that each source line stays on one line of the golden.
   */
  private static final ObjectWriter WRITER =
      new ObjectMapper()
          .registerModule(
              new SimpleModule()
                  .addSerializer(
                      new StdSerializer<SourceView.Token>(SourceView.Token.class) {
                        @Override
                        public void serialize(
                            SourceView.Token t, JsonGenerator g, SerializerProvider p)
                            throws IOException {
                          g.writeString(
                              t.kind().isEmpty() ? t.text() : "[" + t.kind() + "]" + t.text());
                        }
                      }))
          .writer(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

  static Stream<Arguments> runs() {
    return Stream.of(
        run(
            "message-passing-relaxed",
            () -> ReportScenarios.catalogue("atomics/message-passing-relaxed.race", 1)),
        run(
            "message-passing-release-acquire",
            () -> ReportScenarios.catalogue("atomics/message-passing-release-acquire.race", 1)),
        run(
            "unsynchronised-counter-50",
            () -> ReportScenarios.catalogue("basics/unsynchronised-counter.race", 50)),
        run("vec-push-dangles", () -> ReportScenarios.inline(ReportScenarios.VEC_PUSH, 1)),
        run("box-use-after-free", () -> ReportScenarios.inline(ReportScenarios.BOX_AFTER_FREE, 1)),
        run("deadlock-20", () -> ReportScenarios.inline(ReportScenarios.DEADLOCK, 20)));
  }

  private static Arguments run(String name, Supplier<RunResult> result) {
    return Arguments.of(name, result);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runs")
  void thePageModelOfAFixedRunMatchesItsGolden(String name, Supplier<RunResult> result)
      throws IOException {
    String actual = WRITER.writeValueAsString(RunPage.of(result.get())) + "\n";
    Path golden = GOLDEN.resolve(name + ".json");
    if (Boolean.getBoolean("racelab.updateGoldens")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(golden)) {
      fail(
          "no golden "
              + golden.toAbsolutePath()
              + "; create it with -Dracelab.updateGoldens=true and review it");
    }
    String expected = Files.readString(golden, StandardCharsets.UTF_8);
    if (!expected.equals(actual)) {
      Path out = Path.of("target", "golden-actual", name + ".json");
      Files.createDirectories(out.getParent());
      Files.writeString(out, actual, StandardCharsets.UTF_8);
      fail(
          "the page model of "
              + name
              + " differs from its golden at "
              + firstDifference(expected, actual)
              + ". The new model is in "
              + out.toAbsolutePath()
              + "; if the change is intended, rerun with -Dracelab.updateGoldens=true and review"
              + " the diff.");
    }
  }

  private static String firstDifference(String expected, String actual) {
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    for (int i = 0; i < Math.max(e.length, a.length); i++) {
      String el = i < e.length ? e[i] : "(end of file)";
      String al = i < a.length ? a[i] : "(end of file)";
      if (!el.equals(al)) {
        return "line " + (i + 1) + ":\n  golden: " + el.strip() + "\n  actual: " + al.strip();
      }
    }
    return "(line endings)";
  }
}
