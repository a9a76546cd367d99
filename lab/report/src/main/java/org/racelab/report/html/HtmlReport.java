package org.racelab.report.html;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import org.racelab.experiment.RunResult;

/** Renders reports from the precompiled templates. */
public final class HtmlReport {
  private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

  private HtmlReport() {}

  /** The self-contained HTML report of one run. */
  public static String run(RunResult result) {
    StringOutput out = new StringOutput();
    ENGINE.render("run.jte", RunPage.of(result), out);
    return out.toString();
  }
}
