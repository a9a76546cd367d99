package org.racelab.report.html;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import org.racelab.experiment.RunResult;

/** Renders reports from the precompiled templates. */
public final class HtmlReport {
  private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

  private HtmlReport() {}

  /** The self-contained HTML report of one run (with the exploration section over schedules). */
  public static String run(RunResult result) {
    return render("run.jte", RunPage.of(result));
  }

  /** Renders a page template whose only parameter is {@code model}. */
  static String render(String template, Object model) {
    StringOutput out = new StringOutput();
    ENGINE.render(template, model, out);
    return out.toString();
  }

  static TemplateEngine engine() {
    return ENGINE;
  }
}
