package org.racelab.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Builds a scenario from Java: declarations and threads by method, statements and expressions in
 * the scenario language.
 *
 * <pre>{@code
 * Scenario s =
 *     ScenarioBuilder.named("Two workers, one counter")
 *         .shared("count", "i64", "0")
 *         .mutex("m")
 *         .threads("worker", 2, "repeat 100 { lock m { count += 1 } }")
 *         .expect("no race")
 *         .expect("final count == 200")
 *         .build();
 * RunResult r = Experiment.of(s).withSchedules(20).run(Experiment.Progress.NONE);
 * }</pre>
 *
 * <p>The builder writes the equivalent {@code .race} text and parses it, rather than assembling
 * syntax trees: a scenario built in Java then behaves exactly as the same file would (the same
 * checks, the same messages with line:column, now in the generated text, which {@link #source()}
 * returns and reports show), and there is one language to learn, not two. Names are checked here,
 * so a bad one fails at the call that gave it.
 */
public final class ScenarioBuilder {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final String title;
  private String file;
  private @Nullable String about;
  private int schedules;
  private final List<String> decls = new ArrayList<>();
  private final List<String> threads = new ArrayList<>();
  private final List<String> expectations = new ArrayList<>();

  private ScenarioBuilder(String title) {
    if (title.contains("\"") || title.contains("\n")) {
      throw new IllegalArgumentException("a title is one line without quotes: " + title);
    }
    this.title = title;
    String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    slug = slug.replaceAll("^-+|-+$", "");
    this.file = (slug.isEmpty() ? "scenario" : slug) + ".race";
  }

  /** A scenario with this title; its file name (for reports) is made from the title. */
  public static ScenarioBuilder named(String title) {
    return new ScenarioBuilder(title);
  }

  /** The file name messages and reports use, for example {@code counter.race}. */
  public ScenarioBuilder file(String name) {
    this.file = name;
    return this;
  }

  /** Markdown shown at the top of the report. */
  public ScenarioBuilder about(String markdown) {
    if (markdown.contains("\"\"\"")) {
      throw new IllegalArgumentException("the about text cannot contain \"\"\"");
    }
    this.about = markdown;
    return this;
  }

  /** How many random schedules to run when the caller does not say. */
  public ScenarioBuilder schedules(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("schedules must be at least 1, not " + count);
    }
    this.schedules = count;
    return this;
  }

  /** {@code shared name: type}, zero-initialised. */
  public ScenarioBuilder shared(String name, String type) {
    decls.add("shared " + name(name) + ": " + type);
    return this;
  }

  /** {@code shared name: type = init}. */
  public ScenarioBuilder shared(String name, String type, String init) {
    decls.add("shared " + name(name) + ": " + type + " = " + init);
    return this;
  }

  /** {@code atomic name: type = init}. */
  public ScenarioBuilder atomic(String name, String type, String init) {
    decls.add("atomic " + name(name) + ": " + type + " = " + init);
    return this;
  }

  /** {@code thread_local name: type = init}. */
  public ScenarioBuilder threadLocal(String name, String type, String init) {
    decls.add("thread_local " + name(name) + ": " + type + " = " + init);
    return this;
  }

  /** {@code mutex name}. */
  public ScenarioBuilder mutex(String name) {
    decls.add("mutex " + name(name));
    return this;
  }

  /** {@code rwlock name}. */
  public ScenarioBuilder rwlock(String name) {
    decls.add("rwlock " + name(name));
    return this;
  }

  /** {@code condvar name}. */
  public ScenarioBuilder condvar(String name) {
    decls.add("condvar " + name(name));
    return this;
  }

  /** {@code channel name: type}, unbounded. */
  public ScenarioBuilder channel(String name, String type) {
    decls.add("channel " + name(name) + ": " + type);
    return this;
  }

  /** {@code channel name: type cap capacity}. */
  public ScenarioBuilder channel(String name, String type, int capacity) {
    decls.add("channel " + name(name) + ": " + type + " cap " + capacity);
    return this;
  }

  /** {@code barrier name(parties)}. */
  public ScenarioBuilder barrier(String name, int parties) {
    decls.add("barrier " + name(name) + "(" + parties + ")");
    return this;
  }

  /** A thread that starts with the scenario; {@code body} is its statements. */
  public ScenarioBuilder thread(String name, String body) {
    threads.add(block("thread " + name(name), body));
    return this;
  }

  /** {@code count} instances {@code name[0]}..; {@code tid} is the instance number in the body. */
  public ScenarioBuilder threads(String name, int count, String body) {
    if (count < 1) {
      throw new IllegalArgumentException("a thread array needs at least one instance");
    }
    threads.add(block("thread " + name(name) + "[" + count + "]", body));
    return this;
  }

  /**
   * A thread started by {@code spawn name(args)}.
   *
   * @param parameters as in the language, for example {@code "n: i64, p: ptr<i32>"}; may be empty
   */
  public ScenarioBuilder spawned(String name, String parameters, String body) {
    threads.add(block("thread " + name(name) + "(" + parameters + ") spawned", body));
    return this;
  }

  /** An expectation without the {@code expect} keyword: {@code "race count"}, {@code "clean"}. */
  public ScenarioBuilder expect(String expectation) {
    if (expectation.contains("\n")) {
      throw new IllegalArgumentException("one expectation per call: " + expectation);
    }
    expectations.add("expect " + expectation.strip());
    return this;
  }

  /** The scenario's text, as a {@code .race} file would hold it. */
  public String source() {
    StringBuilder sb = new StringBuilder();
    sb.append("scenario \"").append(title).append("\"\n");
    if (about != null) {
      sb.append("about \"\"\"\n").append(about.strip()).append("\n\"\"\"\n");
    }
    if (schedules > 0) {
      sb.append("schedules ").append(schedules).append('\n');
    }
    sb.append('\n');
    for (String d : decls) {
      sb.append(d).append('\n');
    }
    for (String t : threads) {
      sb.append('\n').append(t);
    }
    if (!expectations.isEmpty()) {
      sb.append('\n');
    }
    for (String e : expectations) {
      sb.append(e).append('\n');
    }
    return sb.toString();
  }

  /**
   * Parses the text into a scenario.
   *
   * @throws ScenarioException when a declaration, statement or expectation does not parse; the
   *     message has the line and column in {@link #source()}
   */
  public Scenario build() throws ScenarioException {
    return Parser.parse(file, source());
  }

  private static String name(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a name in the scenario language: '" + name + "'");
    }
    return name;
  }

  private static String block(String header, String body) {
    StringBuilder sb = new StringBuilder(header).append(" {\n");
    for (String line : body.stripIndent().strip().split("\n", -1)) {
      sb.append(line.isBlank() ? "" : "    " + line.stripTrailing()).append('\n');
    }
    return sb.append("}\n").toString();
  }
}
