package org.racelab.report.json;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import java.util.List;
import org.racelab.experiment.Comparison;

/**
 * {@code racelab compare --json}: {@code {scenario, strategies: [...]}} (DESIGN section 7). Each
 * strategy's object is exactly the aggregated run object {@code run --json} prints for that
 * strategy (built by {@link JsonModel#run}, so it has {@code strategy}, {@code steps}, {@code
 * wallMillis}, {@code totals} and the rest), plus one field, {@code verdict}: what the strategy
 * bought, in words and as two flags.
 *
 * @param scenario the scenario's title
 * @param strategies one object per strategy, in the order they were asked for
 */
@JsonPropertyOrder({"scenario", "strategies"})
public record CompareJson(String scenario, List<StrategyJson> strategies) {

  /**
   * One strategy: its run object, unwrapped, and its verdict.
   *
   * @param run the run object, as {@code run --json} prints it
   * @param verdict what the run shows
   */
  public record StrategyJson(@JsonUnwrapped RunJson run, VerdictJson verdict) {}

  /**
   * What a strategy's run shows.
   *
   * @param text one sentence, starting with the strategy's name
   * @param raceFree no access raced in any schedule
   * @param raceFreeButIncorrect race-free, yet updates were lost, an {@code expect final} failed, a
   *     thread panicked or the final values differ between schedules
   */
  public record VerdictJson(String text, boolean raceFree, boolean raceFreeButIncorrect) {}

  /** The JSON object of a comparison. */
  public static CompareJson of(Comparison c) {
    List<StrategyJson> out = new ArrayList<>();
    for (Comparison.Entry e : c.entries()) {
      Comparison.Verdict v = e.verdict();
      out.add(
          new StrategyJson(
              JsonModel.run(e.result()),
              new VerdictJson(v.sentence(), v.raceFree(), v.raceFreeButIncorrect())));
    }
    return new CompareJson(c.scenario(), List.copyOf(out));
  }
}
