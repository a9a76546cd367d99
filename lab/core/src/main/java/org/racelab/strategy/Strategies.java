package org.racelab.strategy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.racelab.exec.Compiler;
import org.racelab.scenario.Scenario;
import org.racelab.scenario.ScenarioException;
import org.racelab.value.Ordering;

/**
 * Looks strategies up by name and applies them (DESIGN section 6).
 *
 * <p>{@link #apply} also makes sure a rewrite never turns a scenario that compiles into one that
 * does not: when the rewritten scenario fails to compile but the original compiles, the failure is
 * the strategy's (an access through a pointer to an {@code f64}, found only by type checking), and
 * the message says so, at the position the compiler names.
 */
public final class Strategies {
  private static final Map<String, Strategy> ALL = new LinkedHashMap<>();

  static {
    register(new NoStrategy());
    register(new LockStrategy(LockStrategy.Lock.MUTEX));
    register(new LockStrategy(LockStrategy.Lock.RWLOCK));
    register(new LockStrategy(LockStrategy.Lock.SPIN));
    register(new LockStrategy(LockStrategy.Lock.CHANNEL));
    register(new AtomicStrategy("atomic", Ordering.SEQ_CST, Ordering.SEQ_CST));
    register(new AtomicStrategy("relaxed", Ordering.RELAXED, Ordering.RELAXED));
    register(new AtomicStrategy("release-acquire", Ordering.ACQUIRE, Ordering.RELEASE));
  }

  private Strategies() {}

  private static void register(Strategy s) {
    ALL.put(s.name(), s);
  }

  /** The strategy names, in the order comparisons list them. */
  public static List<String> names() {
    return List.copyOf(ALL.keySet());
  }

  /** Every strategy, in the order of {@link #names()}. */
  public static List<Strategy> all() {
    return new ArrayList<>(ALL.values());
  }

  /**
   * The named strategy.
   *
   * @throws IllegalArgumentException naming the known strategies when there is no such one
   */
  public static Strategy get(String name) {
    Strategy s = ALL.get(name);
    if (s == null) {
      throw new IllegalArgumentException(
          "unknown strategy '" + name + "' (strategies: " + String.join(", ", names()) + ")");
    }
    return s;
  }

  /** Whether a scenario has any critical block for a strategy to protect. */
  public static boolean hasCritical(Scenario scenario) {
    return CriticalRewriter.hasCritical(scenario);
  }

  /**
   * Applies the named strategy to every {@code critical} block of the scenario.
   *
   * @throws ScenarioException naming file:line:column when the strategy cannot protect a block
   * @throws IllegalArgumentException for an unknown strategy name
   */
  public static Scenario apply(String name, Scenario scenario) throws ScenarioException {
    Scenario rewritten = get(name).apply(scenario);
    @SuppressWarnings("ReferenceEquality") // a strategy returns its input when it changed nothing
    boolean unchanged = rewritten == scenario;
    if (unchanged) {
      return scenario;
    }
    try {
      Compiler.compile(rewritten);
    } catch (ScenarioException broken) {
      // a scenario that is wrong anyway is reported as it is, without blaming the strategy
      Compiler.compile(scenario);
      throw new ScenarioException(
          broken.file(),
          broken.pos(),
          "strategy " + name + " cannot rewrite this access: " + broken.reason());
    }
    return rewritten;
  }
}
