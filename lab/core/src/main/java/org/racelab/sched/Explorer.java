package org.racelab.sched;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.racelab.exec.Footprint;
import org.racelab.exec.Machine;
import org.racelab.value.Value;

/**
 * Exhaustive exploration of a scenario's schedules by stateless model checking with dynamic
 * partial-order reduction and sleep sets.
 *
 * <p><b>Stateless.</b> Like VeriSoft and CHESS, the explorer never stores machine states: every
 * schedule is re-executed from the start, replaying a prefix of decisions and then extending it.
 * Runs are pure functions of their decisions, so a prefix always leads to the same state.
 *
 * <p><b>DPOR.</b> Dynamic partial-order reduction after Flanagan &amp; Godefroid, "Dynamic
 * partial-order reduction for model checking software", POPL 2005, with the race reversal of the
 * source-set algorithm of Abdulla, Aronis, Jonsson &amp; Sagonas, "Optimal dynamic partial order
 * reduction", POPL 2014. Steps are related by the dependency of {@link Footprint} (reads of one
 * cell commute, writes do not; a lock with a lock, an unlock with a lock of the same mutex; a join
 * with the last step of the thread it joins; ...), and vector clocks over it give the
 * happens-before order of the current schedule. When a thread p is about to take a step, and for
 * every thread still pending at the end of a run, each earlier step e of another thread that is in
 * a race with p's step (dependent, possibly co-enabled, not ordered before it through other steps)
 * asks the state before e to try a thread that can start the reversed schedule: an <em>initial</em>
 * of the steps after e that do not depend on it, followed by p's step; nothing is added when one of
 * them is already to be tried there. Every race is reversed, not only the last one per step as in
 * Flanagan &amp; Godefroid's original: with sleep sets, reversing only the last race can lose
 * traces (a reversal of the last race that a sleep set skips takes the earlier races' reversals
 * with it; the brute-force comparison in the tests found such programs).
 *
 * <p><b>Sleep sets</b> (Godefroid, "Partial-Order Methods for the Verification of Concurrent
 * Systems", LNCS 1032, 1996): once a thread has been explored from a state, it sleeps in the states
 * that follow an independent step, and is not tried there again; a run that reaches a state where
 * every enabled thread sleeps is redundant and is abandoned (not counted, not aggregated). With
 * sleep sets, no two counted schedules belong to the same Mazurkiewicz trace.
 *
 * <p><b>Choices inside a step</b> (which store a weak atomic load reads) are branching points
 * explored exhaustively: every option of every explored step is tried.
 *
 * <p><b>Bounds.</b> {@code maxSchedules} stops the search after that many counted schedules; a
 * {@code preemptionBound} (Musuvathi &amp; Qadeer, PLDI 2007) refuses schedules that switch away
 * from a thread that could go on more often than that. Either makes the result incomplete, and the
 * explorer says which cut it ({@link #cutByMaxSchedules}, {@link #cutByPreemptionBound}): the
 * preemption bound is applied to the reduced search, which, as Coons, Musuvathi &amp; McKinley
 * (OOPSLA 2013) show, may miss schedules the bound alone would allow; with a bound, each backtrack
 * point is also added where the conflicting thread's block of steps began (Musuvathi &amp; Qadeer's
 * remedy), so that the alternative can often be reached without a preemption. Spin loops are
 * bounded by {@link SpinWatch} (a thread re-reading memory that has not changed is held back after
 * {@code spinBound} futile steps while another thread can move), which keeps exploration finite:
 * within that bound and the machine's step limit, a search that ends without a cut has covered
 * every Mazurkiewicz trace, and {@link #complete} is true.
 */
public final class Explorer {

  /**
   * The limits of an exploration.
   *
   * @param maxSchedules counted schedules after which the search stops (at least 1)
   * @param preemptionBound preemptions allowed per schedule, or -1 for no bound
   * @param spinBound futile steps in a row after which a spinning thread waits (at least 0)
   */
  public record Bounds(int maxSchedules, int preemptionBound, int spinBound) {
    /** 10,000 schedules, no preemption bound, spin bound 1. */
    public static final Bounds DEFAULT = new Bounds(10_000, -1, 1);
  }

  /**
   * Returned by {@link Run#pickThread} to abandon a redundant run (every enabled thread sleeps).
   */
  public static final int ABANDON = -1;

  private final Bounds bounds;
  private final boolean reduce;
  private final List<Node> nodes = new ArrayList<>();
  private int prefix;
  private boolean started;
  private boolean over;
  private int counted;
  private int abandoned;
  private int spinBounded;
  private boolean cutByMax;
  private boolean cutByPreemption;
  private @Nullable Run current;

  /** An explorer within the given bounds. */
  public Explorer(Bounds bounds) {
    this(bounds, true);
  }

  /**
   * An explorer; without reduction it tries every enabled thread in every state (no DPOR, no sleep
   * sets), which tests use as the brute-force oracle the reduced search must agree with.
   */
  Explorer(Bounds bounds, boolean reduce) {
    this.bounds = bounds;
    this.reduce = reduce;
  }

  /** One state of the current schedule and what has been and must be tried from it. */
  private static final class Node {
    final List<Integer> enabled;
    final Footprint[] pending;
    final TreeSet<Integer> backtrack = new TreeSet<>();
    final TreeSet<Integer> done = new TreeSet<>();
    final TreeSet<Integer> sleep;
    final int preemptions;
    final int previous;
    int thread;
    final List<Integer> choices = new ArrayList<>();
    final List<Integer> sizes = new ArrayList<>();
    final TreeSet<Integer> analysed = new TreeSet<>();
    Footprint event = Footprint.NONE;

    Node(
        List<Integer> enabled,
        Footprint[] pending,
        TreeSet<Integer> sleep,
        int preemptions,
        int previous) {
      this.enabled = enabled;
      this.pending = pending;
      this.sleep = sleep;
      this.preemptions = preemptions;
      this.previous = previous;
    }

    boolean preempts(int t) {
      return previous >= 0 && t != previous && enabled.contains(previous);
    }

    int preemptionsAfter() {
      return preemptions + (preempts(thread) ? 1 : 0);
    }
  }

  // ------------------------------------------------------------------------- the search

  /**
   * The scheduler for the next schedule, or null when the search is over. Each run must end with
   * {@link Scheduler#finished} before the next is asked for.
   */
  public @Nullable Run next() {
    if (current != null) {
      throw new IllegalStateException("the previous run has not finished");
    }
    if (started && !over && !backtrack()) {
      over = true;
    }
    if (over) {
      return null;
    }
    if (counted >= bounds.maxSchedules() || abandoned >= Math.max(bounds.maxSchedules(), 1000)) {
      cutByMax = true;
      over = true;
      return null;
    }
    started = true;
    current = new Run();
    return current;
  }

  /** Whether the search ended without a cut: every trace within the spin bound was covered. */
  public boolean complete() {
    return over && !cutByMax && !cutByPreemption;
  }

  /** Whether {@code maxSchedules} stopped the search with schedules left to try. */
  public boolean cutByMaxSchedules() {
    return cutByMax;
  }

  /** Whether the preemption bound refused a schedule the reduction asked for. */
  public boolean cutByPreemptionBound() {
    return cutByPreemption;
  }

  /** Schedules run to their end and counted. */
  public int counted() {
    return counted;
  }

  /** Runs abandoned as redundant (sleep-set blocked, or refused by the preemption bound). */
  public int abandoned() {
    return abandoned;
  }

  /**
   * Counted schedules in which the spin bound held a thread back or made a load read the latest.
   */
  public int spinBounded() {
    return spinBounded;
  }

  /** States on the current schedule that still have alternatives to try (for progress). */
  public int openStates() {
    int open = 0;
    for (Node n : nodes) {
      for (int q : n.backtrack) {
        if (!n.done.contains(q) && !n.sleep.contains(q) && q != n.thread) {
          open++;
          break;
        }
      }
    }
    return open;
  }

  /** The bounds. */
  public Bounds bounds() {
    return bounds;
  }

  /** Finds the deepest state with something left to try and makes it the next run's prefix. */
  private boolean backtrack() {
    for (int k = nodes.size() - 1; k >= 0; k--) {
      Node n = nodes.get(k);
      if (nextChoices(n)) {
        truncate(k + 1);
        return true;
      }
      n.done.add(n.thread);
      n.sleep.add(n.thread);
      for (int q : n.backtrack) {
        if (n.done.contains(q) || n.sleep.contains(q)) {
          continue;
        }
        n.done.add(q);
        if (!n.enabled.contains(q)) {
          continue;
        }
        if (bounds.preemptionBound() >= 0
            && n.preemptions + (n.preempts(q) ? 1 : 0) > bounds.preemptionBound()) {
          cutByPreemption = true;
          continue;
        }
        n.thread = q;
        n.choices.clear();
        n.sizes.clear();
        truncate(k + 1);
        return true;
      }
      nodes.remove(k);
    }
    prefix = 0;
    return false;
  }

  private static boolean nextChoices(Node n) {
    for (int pos = n.choices.size() - 1; pos >= 0; pos--) {
      int c = n.choices.get(pos);
      if (c + 1 < n.sizes.get(pos)) {
        n.choices.set(pos, c + 1);
        n.choices.subList(pos + 1, n.choices.size()).clear();
        n.sizes.subList(pos + 1, n.sizes.size()).clear();
        return true;
      }
    }
    return false;
  }

  private void truncate(int size) {
    nodes.subList(size, nodes.size()).clear();
    prefix = size;
  }

  // ------------------------------------------------------------------------- one run

  /**
   * The scheduler of one schedule: replays the prefix, then extends it, analysing each new state.
   * {@link #pickThread} may return {@link #ABANDON}.
   */
  public final class Run implements Scheduler {
    private final Trace trace = new Trace();
    private final SpinWatch spin = new SpinWatch(bounds.spinBound());
    private int depth;
    private int node = -1;
    private int choicePos;
    private boolean forceLatest;
    private Footprint stepFootprint = Footprint.NONE;
    private List<Value> stepValues = List.of();
    private boolean stepFutile;
    private boolean[] doneBefore = new boolean[0];
    private int threadsBefore;
    private boolean ended;
    private boolean abandonedRun;
    private boolean stepPending;

    private Run() {}

    @Override
    public String kind() {
      return "explore";
    }

    /** Whether this run was abandoned as redundant (its result must not be counted). */
    public boolean abandoned() {
      return abandonedRun;
    }

    @Override
    public int pickThread(List<Integer> enabled, Machine machine) {
      if (stepPending) {
        afterStep(machine);
      }
      Node n;
      if (depth < prefix) {
        n = nodes.get(depth);
        if (!enabled.contains(n.thread)) {
          throw new IllegalStateException(
              "exploration replay diverged at step " + depth + ": thread " + n.thread);
        }
      } else {
        n = newNode(enabled, machine);
        int decision = decide(n);
        if (decision < 0) {
          abandonedRun = true;
          analyseAll(machine);
          return decision;
        }
        n.thread = decision;
        n.backtrack.add(decision);
        nodes.add(n);
      }
      node = depth;
      choicePos = 0;
      int t = n.thread;
      stepFootprint = machine.footprint(t);
      if (reduce && n.analysed.add(t)) {
        analyse(t, stepFootprint);
      }
      stepValues = stepFootprint.values();
      stepFutile = spin.futile(t, stepFootprint);
      forceLatest = stepFutile && spin.futileSteps(t) >= bounds.spinBound();
      threadsBefore = machine.threadCount();
      doneBefore = new boolean[threadsBefore];
      for (int x = 0; x < threadsBefore; x++) {
        doneBefore[x] = machine.threadDone(x);
      }
      depth++;
      stepPending = true;
      return t;
    }

    @Override
    public int choose(int thread, int options) {
      Node n = nodes.get(node);
      int pos = choicePos++;
      if (pos < n.choices.size()) {
        spin.chose(thread, stepFootprint, n.choices.get(pos));
        return n.choices.get(pos);
      }
      boolean stale = spin.staleLimitReached(thread, stepFootprint);
      n.choices.add(0);
      n.sizes.add(forceLatest || stale ? 1 : options);
      if (forceLatest || stale) {
        spin.noteBounded();
      }
      spin.chose(thread, stepFootprint, 0);
      return 0;
    }

    @Override
    public void finished(Machine machine) {
      if (ended) {
        return;
      }
      ended = true;
      if (!abandonedRun) {
        if (stepPending) {
          afterStep(machine);
        }
        if (depth >= prefix) {
          analyseAll(machine);
        }
        counted++;
        if (spin.bounded()) {
          spinBounded++;
        }
      } else {
        abandoned++;
      }
      current = null;
    }

    /** Records the step just taken: its footprint (plus threads it finished), clocks, spin data. */
    private void afterStep(Machine machine) {
      stepPending = false;
      int e = depth - 1;
      Node n = nodes.get(e);
      int p = n.thread;
      Footprint f = stepFootprint;
      int count = machine.threadCount();
      for (int x = 0; x < count; x++) {
        boolean before = x < threadsBefore && doneBefore[x];
        if (!before && machine.threadDone(x)) {
          f = f.with(Footprint.key(Footprint.THREAD, x), Footprint.Mode.WRITE);
        }
      }
      trace.add(p, f, threadsBefore, count);
      spin.stepped(p, stepFootprint, stepValues, stepFutile);
      n.event = f.withoutValues();
    }

    /**
     * The Mazurkiewicz trace of this run: every step as thread and index within its thread, with
     * the choices it made, and every ordered pair of dependent steps of different threads. Two runs
     * with the same signature are equivalent (one is a reordering of independent steps of the
     * other). For tests.
     */
    String signature() {
      List<String> parts = new ArrayList<>();
      int[] index = new int[64];
      String[] names = new String[depth];
      for (int e = 0; e < depth; e++) {
        Node n = nodes.get(e);
        if (index.length <= n.thread) {
          index = Arrays.copyOf(index, n.thread * 2 + 1);
        }
        names[e] = n.thread + "." + index[n.thread]++;
        parts.add(names[e] + n.choices);
        for (int d = 0; d < e; d++) {
          Node o = nodes.get(d);
          if (o.thread != n.thread && o.event.dependent(n.event)) {
            parts.add(names[d] + "<" + names[e]);
          }
        }
      }
      java.util.Collections.sort(parts);
      return String.join(" ", parts);
    }

    private Node newNode(List<Integer> enabled, Machine machine) {
      int count = machine.threadCount();
      Footprint[] pending = new Footprint[count];
      for (int x = 0; x < count; x++) {
        pending[x] = machine.footprint(x);
      }
      List<Integer> movable = new ArrayList<>();
      for (int t : enabled) {
        if (!spin.blocked(t, pending[t])) {
          movable.add(t);
        }
      }
      if (movable.isEmpty()) {
        // every thread that can move spins (or would wake spuriously once more): let them, as an
        // OS would; a livelock then runs into the step limit, as under the random scheduler
        movable = enabled;
      } else if (movable.size() < enabled.size()) {
        spin.noteBounded();
      }
      TreeSet<Integer> sleep = new TreeSet<>();
      int preemptions = 0;
      int previous = -1;
      if (depth > 0) {
        Node parent = nodes.get(depth - 1);
        for (int q : parent.sleep) {
          if (reduce && q < parent.pending.length && !parent.pending[q].dependent(parent.event)) {
            sleep.add(q);
          }
        }
        preemptions = parent.preemptionsAfter();
        previous = parent.thread;
      }
      Node n = new Node(List.copyOf(movable), pending, sleep, preemptions, previous);
      if (!reduce) {
        n.backtrack.addAll(n.enabled);
      }
      for (int x = 0; x < count; x++) {
        pending[x] = pending[x].withoutValues();
      }
      return n;
    }

    private int decide(Node n) {
      List<Integer> awake = new ArrayList<>();
      for (int t : n.enabled) {
        if (!n.sleep.contains(t)) {
          awake.add(t);
        }
      }
      if (awake.isEmpty()) {
        return ABANDON;
      }
      if (awake.contains(n.previous)) {
        return n.previous;
      }
      int t = awake.get(0);
      if (bounds.preemptionBound() >= 0
          && n.preemptions + (n.preempts(t) ? 1 : 0) > bounds.preemptionBound()) {
        cutByPreemption = true;
        return ABANDON;
      }
      return t;
    }

    /** At the end of a run: the pending steps of every thread that did not finish. */
    private void analyseAll(Machine machine) {
      if (!reduce) {
        return;
      }
      for (int p = 0; p < machine.threadCount(); p++) {
        if (!machine.threadDone(p)) {
          analyse(p, machine.footprint(p));
        }
      }
    }

    /**
     * The race reversals for thread p's next step {@code f} against the schedule so far: for each
     * earlier step e of another thread that is dependent with it, may be co-enabled with it and is
     * in a race with it (not ordered before it through other steps), the state before e must try a
     * thread that can start the reordered schedule: one of the <em>initials</em> of {@code
     * notdep(e).f}, the steps after e that do not depend on it, followed by f (Abdulla et al.'s
     * source sets). If one of them is already to be tried there, nothing is added.
     */
    private void analyse(int p, Footprint f) {
      if (f.isEmpty()) {
        return;
      }
      for (int e : trace.races(p, f)) {
        List<Integer> initials = trace.initials(e, p, f);
        addBacktrack(e, p, initials);
        if (bounds.preemptionBound() >= 0) {
          // Musuvathi & Qadeer's addition for bounded search: also where the racing thread's
          // current block of steps began, where switching may cost no preemption
          int r = nodes.get(e).thread;
          int j = e;
          while (j > 0 && nodes.get(j - 1).thread == r) {
            j--;
          }
          if (j < e) {
            addBacktrack(j, p, initials);
          }
        }
      }
    }

    private void addBacktrack(int i, int p, List<Integer> initials) {
      Node at = nodes.get(i);
      for (int q : initials) {
        if (at.backtrack.contains(q)) {
          return;
        }
      }
      if (initials.contains(p) && at.enabled.contains(p)) {
        at.backtrack.add(p);
        return;
      }
      for (int q : initials) {
        if (at.enabled.contains(q)) {
          at.backtrack.add(q);
          return;
        }
      }
      at.backtrack.addAll(at.enabled);
    }
  }

  // ------------------------------------------------------------------------- happens-before

  /**
   * The current schedule's steps with vector clocks over the dependency relation: step j happens
   * before step i when a chain of dependent steps (or program order) leads from j to i. Clock
   * entries are step indices (-1: none), so "step i happens before thread p" is {@code i <=
   * clock(p)[thread(i)]}.
   */
  static final class Trace {
    private final List<Footprint> events = new ArrayList<>();
    private final List<Integer> threadOf = new ArrayList<>();
    private final List<int[]> eventClocks = new ArrayList<>();
    private int[][] clocks = new int[4][];
    private final Map<Long, KeyIndex> keys = new HashMap<>();
    private int[] lastStar = new int[0];
    private int[] all = new int[0];
    private final List<List<Integer>> stars = new ArrayList<>();
    private final List<List<Integer>> byThread = new ArrayList<>();

    /** The events touching one key. */
    private static final class KeyIndex {
      int[] lastWrite = new int[0];
      int[] readsSince = new int[0];
      final List<List<Integer>> writes = new ArrayList<>();
      final List<List<Integer>> any = new ArrayList<>();

      List<Integer> list(List<List<Integer>> lists, int t) {
        while (lists.size() <= t) {
          lists.add(new ArrayList<>());
        }
        return lists.get(t);
      }
    }

    int[] clockOf(int t) {
      ensure(t);
      return clocks[t];
    }

    private void ensure(int t) {
      if (clocks.length <= t) {
        clocks = Arrays.copyOf(clocks, Math.max(t + 1, clocks.length * 2));
      }
      if (clocks[t] == null) {
        clocks[t] = empty(t + 1);
      }
      while (stars.size() <= t) {
        stars.add(new ArrayList<>());
        byThread.add(new ArrayList<>());
      }
    }

    private static int[] empty(int n) {
      int[] c = new int[n];
      Arrays.fill(c, -1);
      return c;
    }

    private static int[] join(int[] a, int[] b) {
      int[] out = a.length >= b.length ? a.clone() : Arrays.copyOf(a, b.length);
      for (int i = a.length; i < out.length; i++) {
        out[i] = -1;
      }
      for (int i = 0; i < b.length; i++) {
        out[i] = Math.max(out[i], b[i]);
      }
      return out;
    }

    /**
     * Adds step {@code e = size()} of thread p with footprint f; threads created by it (ids from
     * {@code threadsBefore} to {@code threadsAfter}) start with p's clock after it.
     */
    void add(int p, Footprint f, int threadsBefore, int threadsAfter) {
      int e = events.size();
      ensure(p);
      int[] c = f.isEmpty() ? clocks[p].clone() : join(clocks[p], lastStar);
      if (f.isAll()) {
        c = join(c, all);
      } else {
        for (int i = 0; i < f.size(); i++) {
          KeyIndex k = keys.computeIfAbsent(f.key(i), x -> new KeyIndex());
          c = join(c, k.lastWrite);
          if (writes(f.mode(i))) {
            c = join(c, k.readsSince);
          }
        }
      }
      if (c.length <= p) {
        c = join(c, empty(p + 1));
      }
      c[p] = e;
      if (f.isAll()) {
        lastStar = c;
        stars.get(p).add(e);
      } else {
        for (int i = 0; i < f.size(); i++) {
          KeyIndex k = keys.get(f.key(i));
          k.list(k.any, p).add(e);
          if (writes(f.mode(i))) {
            k.lastWrite = c;
            k.readsSince = new int[0];
            k.list(k.writes, p).add(e);
          } else {
            k.readsSince = join(k.readsSince, c);
          }
        }
      }
      if (!f.isEmpty()) {
        all = join(all, c);
      }
      clocks[p] = c;
      events.add(f);
      threadOf.add(p);
      eventClocks.add(c);
      byThread.get(p).add(e);
      for (int x = threadsBefore; x < threadsAfter; x++) {
        ensure(x);
        int[] child = c.clone();
        clocks[x] = child.length > x ? child : join(child, empty(x + 1));
      }
    }

    private static boolean writes(Footprint.Mode m) {
      return m != Footprint.Mode.READ && m != Footprint.Mode.WAIT;
    }

    /** The clock a step {@code f} of thread p would get if it ran now. */
    private int[] clockFor(int p, Footprint f) {
      int[] c = clockOf(p).clone();
      if (f.isEmpty()) {
        return c;
      }
      c = join(c, lastStar);
      if (f.isAll()) {
        return join(c, all);
      }
      for (int i = 0; i < f.size(); i++) {
        KeyIndex k = keys.get(f.key(i));
        if (k != null) {
          c = join(c, k.lastWrite);
          if (writes(f.mode(i))) {
            c = join(c, k.readsSince);
          }
        }
      }
      return c;
    }

    private static int at(int[] c, int t) {
      return t < c.length ? c[t] : -1;
    }

    /**
     * The steps in a race with thread p's pending step {@code f}: per other thread, its last step
     * that is dependent with f, may be co-enabled with it and does not happen before p, when no
     * other such step of another thread happens after it (then that one is the race).
     */
    List<Integer> races(int p, Footprint f) {
      int[] cp = clockOf(p);
      List<Integer> candidates = new ArrayList<>();
      int threads = stars.size();
      for (int q = 0; q < threads; q++) {
        if (q == p) {
          continue;
        }
        int seen = at(cp, q);
        int best = -1;
        if (f.isAll()) {
          List<Integer> mine = byThread.get(q);
          for (int j = mine.size() - 1; j >= 0 && mine.get(j) > seen; j--) {
            if (!events.get(mine.get(j)).isEmpty()) {
              best = mine.get(j);
              break;
            }
          }
        } else {
          List<Integer> star = stars.get(q);
          if (!star.isEmpty() && star.get(star.size() - 1) > seen) {
            best = star.get(star.size() - 1);
          }
          for (int i = 0; i < f.size(); i++) {
            KeyIndex k = keys.get(f.key(i));
            if (k == null) {
              continue;
            }
            List<Integer> list = writes(f.mode(i)) ? k.list(k.any, q) : k.list(k.writes, q);
            for (int j = list.size() - 1; j >= 0; j--) {
              int e = list.get(j);
              if (e <= seen || e <= best) {
                break;
              }
              if (Footprint.mayBeCoEnabled(events.get(e), f)) {
                best = e;
                break;
              }
            }
          }
        }
        if (best >= 0) {
          candidates.add(best);
        }
      }
      List<Integer> out = new ArrayList<>();
      for (int e : candidates) {
        int q = threadOf.get(e);
        boolean direct = true;
        for (int other : candidates) {
          if (other != e && at(eventClocks.get(other), q) >= e) {
            direct = false;
            break;
          }
        }
        if (direct) {
          out.add(e);
        }
      }
      return out;
    }

    /**
     * The threads that can start {@code notdep(e).f}: the steps after e that do not happen after
     * it, followed by thread p's pending step f. A thread is an initial when its first step there
     * has no earlier step there that happens before it.
     */
    List<Integer> initials(int e, int p, Footprint f) {
      int te = threadOf.get(e);
      List<Integer> out = new ArrayList<>();
      int threads = stars.size();
      for (int q = 0; q < Math.max(threads, p + 1); q++) {
        if (q == te) {
          continue;
        }
        int[] c;
        List<Integer> mine = q < byThread.size() ? byThread.get(q) : List.of();
        int first = firstAfter(mine, e);
        if (first >= 0) {
          c = eventClocks.get(first);
          if (at(c, te) >= e) {
            continue; // it happens after e, and so does the rest of q
          }
        } else if (q == p) {
          // the pending step itself; its dependency on e is the one being reversed
          c = clockFor(p, f);
        } else {
          continue;
        }
        boolean initial = true;
        for (int r = 0; r < c.length; r++) {
          if (r != q && r != te && c[r] > e) {
            initial = false;
            break;
          }
        }
        if (initial) {
          out.add(q);
        }
      }
      return out;
    }

    private static int firstAfter(List<Integer> sorted, int e) {
      int lo = 0;
      int hi = sorted.size();
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (sorted.get(mid) <= e) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo < sorted.size() ? sorted.get(lo) : -1;
    }
  }
}
