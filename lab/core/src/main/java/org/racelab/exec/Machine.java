package org.racelab.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.racelab.detect.AccessKind;
import org.racelab.detect.ClockTable;
import org.racelab.detect.Detector;
import org.racelab.detect.Detectors;
import org.racelab.exec.Instr.RmwOp;
import org.racelab.exec.ThreadState.Frame;
import org.racelab.exec.ThreadState.Guard;
import org.racelab.exec.ThreadState.Owned;
import org.racelab.exec.ThreadState.Resource;
import org.racelab.exec.ThreadState.RwGuard;
import org.racelab.exec.ThreadState.StackSlot;
import org.racelab.memory.AllocKind;
import org.racelab.memory.Allocation;
import org.racelab.memory.Memory;
import org.racelab.memory.Site;
import org.racelab.memory.UbKind;
import org.racelab.scenario.Decl;
import org.racelab.sync.AtomicLocation;
import org.racelab.sync.Atomics;
import org.racelab.sync.BarrierState;
import org.racelab.sync.ChannelState;
import org.racelab.sync.CondvarState;
import org.racelab.sync.LoadResult;
import org.racelab.sync.MutexState;
import org.racelab.sync.RwLockState;
import org.racelab.trace.Event;
import org.racelab.value.BoxValue;
import org.racelab.value.Ordering;
import org.racelab.value.Pointer;
import org.racelab.value.Prim;
import org.racelab.value.Scalar;
import org.racelab.value.Type;
import org.racelab.value.Value;
import org.racelab.value.VecValue;

/**
 * Runs a compiled scenario one visible step at a time.
 *
 * <p>A thread always rests just before its next visible instruction (or has finished). {@link
 * #enabled} says which threads can take a step now; {@link #step} executes one thread's visible
 * instruction and then its invisible ones up to the next visible one. Everything that touches
 * memory goes through the simulated {@link Memory} (for UB) and the detectors (for races);
 * everything that synchronises updates the shared {@link ClockTable}.
 *
 * <h2>Cost</h2>
 *
 * <p>Besides its steps, a run counts the steps that bought nothing, in two ways:
 *
 * <ul>
 *   <li><b>Spin steps</b>: a step whose visible instruction only looks (a plain read, an atomic
 *       load, a failed compare-exchange, a fence, {@code yield}, {@code sleep}) and that leaves its
 *       thread in a state it was already in since its last step that did something else: the same
 *       next instruction, operand stack and locals. Such a step went round in a circle; repeating
 *       it can only wait for another thread. A spin lock's failed {@code compare_exchange} loop and
 *       {@code while !ready.load(acquire) { }} count from their first unsuccessful round; a loop
 *       whose reads see new values, or that writes, does not count.
 *   <li><b>Blocked steps</b>: at every step, the number of other threads that have not finished but
 *       cannot move (waiting for a lock, a join, a message, a barrier, a condvar); summed over the
 *       run, it is the thread-steps spent waiting without using the processor.
 * </ul>
 *
 * <p>A machine is single-threaded, except in OS-threads mode ({@link OsThreads}): there each
 * scenario thread runs on its own Java thread, its visible steps are taken one at a time under a
 * {@link org.racelab.os.Sequencer} ({@link #stepVisible}, {@link #settle}), and only its
 * thread-private invisible instructions run outside it ({@link #runPrivate}).
 */
public final class Machine {

  /**
   * Limits and switches of a run.
   *
   * @param maxSteps visible steps before the run is stopped (a runaway spin loop)
   * @param maxInstructions instructions of any kind before the run is stopped
   * @param spuriousWakeups whether a condvar waiter may wake without a notification
   */
  public record Options(int maxSteps, long maxInstructions, boolean spuriousWakeups) {
    /** The defaults: 100,000 steps, 5 million instructions, no spurious wake-ups. */
    public static final Options DEFAULT = new Options(100_000, 5_000_000L, false);
  }

  private final Program program;
  private final Options options;
  private final boolean concurrent;
  private final Memory memory = new Memory();
  private final ClockTable clocks = new ClockTable();
  private final Atomics atomics = new Atomics(clocks);
  private final List<Detector> detectors = new ArrayList<>();
  private final Chooser chooser;
  private final List<ThreadState> threads = new ArrayList<>();
  private final List<String> threadNames = new ArrayList<>();
  private final Recorder rec;
  private final MutexState[] mutexes;
  private final RwLockState[] rwlocks;
  private final List<ChannelState<Message>> channels = new ArrayList<>();
  private final BarrierState[] barriers;
  private final CondvarState[] condvars;
  private final Allocation[] staticAllocs;
  private final Map<Long, Allocation> threadLocals = new HashMap<>();
  private final boolean[] spawned;
  private final List<Findings.Panic> panics = new ArrayList<>();
  private final List<Findings.Step> events = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final Dangling dangling = new Dangling();
  private final int[] mutexReleaseStep;
  private final int[] barrierLastArrival;
  private final int[] threadLastStep = new int[4096];
  private final LockOrder lockOrder = new LockOrder();
  // Waiters whose current wait may end spuriously (a choice made when the wait began), and the
  // threads that woke spuriously since the last step of a thread that had not (see canMove).
  private final java.util.Set<Integer> mayWakeSpuriously = new java.util.HashSet<>();
  private final java.util.Set<Integer> spuriousSinceProgress = new java.util.HashSet<>();
  private int step;
  private long instructions;
  private boolean recording = true;
  private Findings.@Nullable StepLimit stepLimit;
  private @Nullable MemoryMap memoryAtFirstUb;
  private String stepWhat = "";
  private int stepSync = -1;
  private int stepAccess = -1;
  private int spinSteps;
  private long blockedSteps;
  private final Map<Integer, java.util.Set<SpinState>> sinceProgress = new HashMap<>();
  private static final int MAX_SPIN_STATES = 4096;

  private record Message(Value value, int step) {}

  /** Where a thread rests: its next instruction, operand stack and locals. */
  private record SpinState(int pc, List<Value> stack, List<@Nullable Value> slots) {}

  /**
   * A machine ready to run.
   *
   * @param program the compiled scenario
   * @param detectorNames the detectors to run; the first classifies
   * @param chooser makes the choices inside steps
   * @param options limits
   */
  public Machine(Program program, List<String> detectorNames, Chooser chooser, Options options) {
    this(program, detectorNames, chooser, options, UnaryOperator.identity(), false);
  }

  /**
   * A machine whose detectors are wrapped (OS-threads mode wraps them thread-safe), and which, when
   * {@code concurrent}, leaves every thread's invisible instructions to the thread itself: a
   * started or spawned thread rests at its first instruction until its own Java thread runs it.
   */
  Machine(
      Program program,
      List<String> detectorNames,
      Chooser chooser,
      Options options,
      UnaryOperator<Detector> wrap,
      boolean concurrent) {
    this.program = program;
    this.options = options;
    this.chooser = chooser;
    this.concurrent = concurrent;
    for (String name : detectorNames) {
      detectors.add(wrap.apply(Detectors.create(name, clocks)));
    }
    this.rec = new Recorder(detectors, clocks, threadNames);
    rec.onFirstUb(() -> memoryAtFirstUb = MemoryMap.capture(this));
    mutexes = new MutexState[program.mutexes().size()];
    for (int i = 0; i < mutexes.length; i++) {
      mutexes[i] = new MutexState(program.mutexes().get(i));
    }
    mutexReleaseStep = new int[mutexes.length];
    java.util.Arrays.fill(mutexReleaseStep, -1);
    rwlocks = new RwLockState[program.rwlocks().size()];
    for (int i = 0; i < rwlocks.length; i++) {
      rwlocks[i] = new RwLockState(program.rwlocks().get(i));
    }
    for (Program.ChannelDef c : program.channels()) {
      channels.add(new ChannelState<>(c.name(), c.capacity()));
    }
    barriers = new BarrierState[program.barriers().size()];
    barrierLastArrival = new int[barriers.length];
    for (int i = 0; i < barriers.length; i++) {
      barriers[i] =
          new BarrierState(program.barriers().get(i).name(), program.barriers().get(i).parties());
    }
    condvars = new CondvarState[program.condvars().size()];
    for (int i = 0; i < condvars.length; i++) {
      condvars[i] = new CondvarState(program.condvars().get(i));
    }
    spawned = new boolean[program.threads().size()];
    staticAllocs = new Allocation[program.statics().size()];
    allocateStatics();
    for (int d = 0; d < program.threads().size(); d++) {
      Program.ThreadCode tc = program.threads().get(d);
      if (tc.spawned()) {
        continue;
      }
      if (tc.instances() == 0) {
        startThread(d, 0, tc.name(), List.of(), -1);
      } else {
        for (int i = 0; i < tc.instances(); i++) {
          startThread(d, i, tc.name() + "[" + i + "]", List.of(), -1);
        }
      }
    }
  }

  private void allocateStatics() {
    for (int v = 0; v < program.statics().size(); v++) {
      Program.StaticVar sv = program.statics().get(v);
      if (sv.storage() == Decl.Storage.THREAD_LOCAL) {
        for (int d = 0; d < program.threads().size(); d++) {
          Program.ThreadCode tc = program.threads().get(d);
          int n = Math.max(tc.instances(), 1);
          for (int i = 0; i < n; i++) {
            String owner = tc.instances() == 0 ? tc.name() : tc.name() + "[" + i + "]";
            Allocation a =
                memory.allocate(AllocKind.THREAD_LOCAL, sv.name(), sv.type(), Site.START, owner, 0);
            initialise(a, sv);
            threadLocals.put(tlKey(v, d, i), a);
          }
        }
      } else {
        Allocation a = memory.allocate(AllocKind.STATIC, sv.name(), sv.type(), Site.START, "", 0);
        initialise(a, sv);
        staticAllocs[v] = a;
      }
    }
  }

  private void initialise(Allocation a, Program.StaticVar sv) {
    List<Value> values = new ArrayList<>(sv.init());
    while (values.size() < a.cells()) {
      values.add(Memory.zero(a.cellType()));
    }
    memory.initialise(a, values);
  }

  private static long tlKey(int variable, int decl, int instance) {
    return ((long) variable << 40) | ((long) decl << 20) | instance;
  }

  private ThreadState startThread(int decl, int instance, String name, List<Value> args, int from) {
    Program.ThreadCode tc = program.threads().get(decl);
    int id = threads.size();
    ThreadState ts = new ThreadState(id, name, decl, instance, tc);
    threads.add(ts);
    threadNames.add(name);
    clocks.ensureThread(id);
    lockOrder.started(id);
    ts.frames.peek().slotsTo = tc.params().size();
    for (int i = 0; i < args.size(); i++) {
      Value v = args.get(i);
      ts.slots[i] = v;
      if (v instanceof BoxValue b && b.owned()) {
        ts.frames.peek().resources.add(new Owned(i));
      }
    }
    if (id < threadLastStep.length) {
      threadLastStep[id] = from;
    }
    if (concurrent) {
      ts.away = true;
    } else {
      runInvisible(ts);
    }
    return ts;
  }

  // ---------------------------------------------------------------- public API

  /** The program being run. */
  public Program program() {
    return program;
  }

  /** The simulated memory (for memory maps and final values). */
  public Memory memory() {
    return memory;
  }

  /** Thread names by id, in order of creation. */
  public List<String> threadNames() {
    return List.copyOf(threadNames);
  }

  /** How many threads exist so far. */
  public int threadCount() {
    return threads.size();
  }

  /** Steps taken so far. */
  public int steps() {
    return step;
  }

  /** Whether the run is over: every thread finished, or the step limit stopped it. */
  public boolean finished() {
    if (stepLimit != null) {
      return true;
    }
    for (ThreadState ts : threads) {
      if (!ts.done()) {
        return false;
      }
    }
    return true;
  }

  /** The threads that can take a step now, by id, in increasing order. */
  public List<Integer> enabled() {
    List<Integer> out = new ArrayList<>();
    if (stepLimit != null) {
      return out;
    }
    for (ThreadState ts : threads) {
      if (canMove(ts)) {
        out.add(ts.id);
      }
    }
    return out;
  }

  /** The source line a thread rests at. */
  public int lineOf(int thread) {
    ThreadState ts = threads.get(thread);
    Instr i = ts.current();
    return ts.pendingPanic != null ? ts.pendingPanicLine : i == null ? ts.line : i.line();
  }

  /** What the thread's next step will do, in a few words (for progress displays and tests). */
  public String nextOperation(int thread) {
    ThreadState ts = threads.get(thread);
    if (ts.pendingPanic != null) {
      return "panic";
    }
    Instr i = ts.current();
    return i == null ? "end" : i.getClass().getSimpleName();
  }

  /**
   * The resources a thread's next step touches, for dependency analysis in exploration: keys such
   * as {@code mem:3} (a cell) or {@code mutex:0}, joined with {@code +} when there are several, or
   * null when it only touches the thread itself. Conservative: unknown cases return {@code "*"}
   * (dependent with everything). {@link #footprint} has the keys with their modes.
   */
  public @Nullable String nextResource(int thread) {
    Footprint f = footprint(thread);
    if (f.isAll()) {
      return "*";
    }
    if (f.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < f.size(); i++) {
      sb.append(i == 0 ? "" : "+").append(Footprint.describeKey(f.key(i)));
    }
    return sb.toString();
  }

  /**
   * What a thread's next step touches, with modes (read, write, acquire, ...): the dependency
   * relation partial-order reduction uses. {@link Footprint#NONE} for a finished thread.
   */
  public Footprint footprint(int thread) {
    return Footprint.of(this, threads.get(thread));
  }

  /** Whether the thread has finished (normally or by a panic). */
  public boolean threadDone(int thread) {
    return threads.get(thread).done();
  }

  /** Takes one step of the given thread, which must be enabled. */
  public void step(int thread) {
    ThreadState ts = beginStep(thread);
    java.util.Set<SpinState> seen =
        sinceProgress.computeIfAbsent(thread, k -> new java.util.HashSet<>());
    if (seen.isEmpty()) {
      seen.add(spinState(ts));
    }
    boolean onlyLooks = false;
    int line;
    if (ts.pendingPanic != null) {
      unwind(ts);
      line = ts.line;
    } else {
      Instr i = ts.current();
      ts.line = i.line();
      executeVisible(ts, i);
      recordSettle(ts, i);
      onlyLooks = onlyLooks(ts, i);
      // the step's line is its visible instruction's, not that of the invisible ones after it
      line = ts.line;
      runInvisible(ts);
    }
    if (onlyLooks && !ts.done() && ts.pendingPanic == null) {
      if (!seen.add(spinState(ts))) {
        spinSteps++;
      } else if (seen.size() > MAX_SPIN_STATES) {
        // a long effect-free walk through ever new states is not a circle; bound the memory
        seen.clear();
      }
    } else {
      seen.clear();
    }
    endStep(ts, line);
    if (step >= options.maxSteps() && !finished()) {
      stop(stepLimitMessage());
    }
  }

  /** What every step does first: check, reset the step's description, count waiting threads. */
  private ThreadState beginStep(int thread) {
    ThreadState ts = threads.get(thread);
    if (!canMove(ts)) {
      throw new IllegalStateException("thread " + ts.name + " cannot move now");
    }
    stepWhat = "";
    stepSync = -1;
    stepAccess = -1;
    boolean spurious =
        ts.pendingPanic == null
            && ts.current() instanceof Instr.CondReacquire c
            && !condvars[c.condvar()].isWoken(ts.id);
    if (spurious) {
      spuriousSinceProgress.add(thread);
    } else if (!spuriousSinceProgress.contains(thread)) {
      spuriousSinceProgress.clear();
    }
    countBlocked(ts);
    return ts;
  }

  private void countBlocked(ThreadState stepping) {
    for (ThreadState t : threads) {
      if (t != stepping && !t.done() && !canMove(t)) {
        blockedSteps++;
      }
    }
  }

  /**
   * After a step that synchronises without a trace event (a channel send or receive, a barrier
   * arrival or departure, an atomic access, a fence), tells the recorder, so that {@link
   * TraceExport} can write the edges that explain a clock acquired there, and start the edges of a
   * clock published there at the right line. The label names the exported trace's synchronisation
   * objects.
   */
  private void recordSettle(ThreadState ts, Instr i) {
    String label = null;
    if (i instanceof Instr.Recv r) {
      label = channels.get(r.channel()).name();
    } else if (i instanceof Instr.Send s) {
      label = channels.get(s.channel()).name();
    } else if (i instanceof Instr.BarrierArrive b) {
      label = barriers[b.barrier()].name();
    } else if (i instanceof Instr.BarrierDepart b) {
      label = barriers[b.barrier()].name();
    } else if (i instanceof Instr.Fence) {
      label = "fence";
    } else if (i instanceof Instr.AtomicLoad
        || i instanceof Instr.AtomicRmw
        || i instanceof Instr.AtomicCas) {
      label = stepAccess >= 0 ? rec.ledger().get(stepAccess).location() : "atomic";
    }
    if (label != null && recording) {
      rec.settle(ts.id, label, i.line());
    }
  }

  /** Whether the visible instruction just executed only looked at memory (see "Cost"). */
  private static boolean onlyLooks(ThreadState ts, Instr i) {
    if (i instanceof Instr.AtomicCas) {
      return Scalar.FALSE.equals(ts.peek(0));
    }
    return i instanceof Instr.Read
        || i instanceof Instr.AtomicLoad
        || i instanceof Instr.Fence
        || i instanceof Instr.Pause;
  }

  private static SpinState spinState(ThreadState ts) {
    return new SpinState(ts.pc, List.copyOf(ts.stack), java.util.Arrays.asList(ts.slots.clone()));
  }

  private void endStep(ThreadState ts, int line) {
    events.add(new Findings.Step(step, ts.name, line, stepWhat, stepSync, stepAccess));
    if (ts.id < threadLastStep.length) {
      threadLastStep[ts.id] = step;
    }
    step++;
  }

  private String stepLimitMessage() {
    return "the run reached its limit of " + options.maxSteps() + " steps";
  }

  private String instructionLimitMessage() {
    return "the run executed more than " + options.maxInstructions() + " instructions";
  }

  // ---------------------------------------------------------------- OS-threads mode

  /** What {@link #settle} found a thread ready to do next. */
  enum Settled {
    /** A visible step (or the unwinding of a panic): take it with {@link #stepVisible}. */
    VISIBLE,
    /** More thread-private instructions: go back to {@link #runPrivate}. */
    PRIVATE,
    /** The thread has finished. */
    DONE,
    /** The run went over its instruction limit: stop everything, then {@link #haltAtLimit}. */
    OVER_LIMIT
  }

  /**
   * OS-threads mode, on the thread's own Java thread and <em>without</em> the sequencer: runs up to
   * {@code budget} of the thread's invisible instructions that touch nothing but the thread's own
   * state (its stack, locals and frames; the program and the static allocations' addresses, which
   * never change, are read). Stops before a visible instruction, before an invisible one that may
   * report undefined behaviour (a slice index), and at the end of the code. Returns how many
   * instructions ran, for {@link #settle} to count.
   */
  int runPrivate(ThreadState ts, int budget) {
    int n = 0;
    while (n < budget && !ts.done() && ts.pendingPanic == null) {
      Instr i = ts.current();
      if (i == null || visibleNow(ts, i) || i instanceof Instr.IndexSlice) {
        break;
      }
      ts.line = i.line();
      executeInvisible(ts, i);
      n++;
    }
    return n;
  }

  /**
   * OS-threads mode, under the sequencer: counts the {@code executed} private instructions against
   * the instruction limit, then takes what {@link #runPrivate} left to the sequencer (finishing the
   * thread, a slice index that may be UB) and says what the thread does next.
   */
  Settled settle(ThreadState ts, int executed) {
    instructions += executed;
    if (instructions > options.maxInstructions()) {
      return Settled.OVER_LIMIT;
    }
    if (ts.done()) {
      return Settled.DONE;
    }
    if (ts.pendingPanic != null) {
      return Settled.VISIBLE;
    }
    Instr i = ts.current();
    if (i == null) {
      finishThread(ts);
      return Settled.DONE;
    }
    if (visibleNow(ts, i)) {
      return Settled.VISIBLE;
    }
    if (i instanceof Instr.IndexSlice) {
      instructions++;
      ts.line = i.line();
      executeInvisible(ts, i);
    }
    return Settled.PRIVATE;
  }

  /**
   * OS-threads mode, under the sequencer: takes thread {@code thread}'s visible step (it must be
   * able to move) without running the invisible instructions after it, which the thread runs
   * itself. Returns the instruction executed (null when the step unwound a panic). Unlike {@link
   * #step}, it does not enforce the step limit: the caller stops every thread first (so that none
   * is half-way through its private instructions) and then calls {@link #haltAtLimit}.
   */
  @Nullable Instr stepVisible(int thread) {
    ThreadState ts = beginStep(thread);
    Instr executed = null;
    if (ts.pendingPanic != null) {
      unwind(ts);
    } else {
      executed = ts.current();
      ts.line = executed.line();
      executeVisible(ts, executed);
      recordSettle(ts, executed);
    }
    endStep(ts, ts.line);
    return executed;
  }

  /** Whether the run has reached its step limit with threads still running. */
  boolean overStepLimit() {
    return step >= options.maxSteps() && !finished();
  }

  /**
   * OS-threads mode, once no thread runs any more: ends the run at the step limit, or at the
   * instruction limit when {@code instructionLimit}, with the same message as the simulator.
   */
  void haltAtLimit(boolean instructionLimit) {
    stop(instructionLimit ? instructionLimitMessage() : stepLimitMessage());
  }

  boolean canMove(ThreadState ts) {
    if (ts.done()) {
      return false;
    }
    if (ts.pendingPanic != null) {
      return true;
    }
    Instr i = ts.current();
    if (i == null) {
      return false;
    }
    if (i instanceof Instr.Lock l) {
      return mutexes[l.mutex()].available();
    }
    if (i instanceof Instr.RwAcquire r) {
      return rwlocks[r.rwlock()].available(r.write());
    }
    if (i instanceof Instr.Join j) {
      for (ThreadState target : joinTargets(ts, j)) {
        if (target == null || !target.done()) {
          return false;
        }
      }
      return true;
    }
    if (i instanceof Instr.Send s) {
      return channels.get(s.channel()).canSend();
    }
    if (i instanceof Instr.Recv r) {
      return channels.get(r.channel()).canReceive();
    }
    if (i instanceof Instr.BarrierDepart b) {
      return barriers[b.barrier()].complete(ts.barrierPhase);
    }
    if (i instanceof Instr.CondReacquire c) {
      CondvarState cv = condvars[c.condvar()];
      return (cv.isWoken(ts.id) || spuriousWakeupAllowed(ts, cv)) && mutexes[c.mutex()].available();
    }
    return true;
  }

  /**
   * Whether a waiter may wake without a notification now (with {@code --spurious-wakeups}).
   *
   * <p>Two scheduler decisions make a spurious wake-up, so that seeded runs, replays and
   * exploration all reach it and a run stays a pure function of its decisions: when a wait begins,
   * a choice says whether this wait may end spuriously at all (a real waiter may also sleep until
   * notified, or forever); if it may, the waiter is enabled, and the scheduler picking it is the
   * wake-up. To keep a waiter in a correct {@code while} loop from waking, re-checking and waiting
   * again forever when nothing else can happen, a thread that woke spuriously may do so again only
   * after some other thread (one that did not just wake spuriously) took a step; when only such
   * wake-ups are left, the run ends as a deadlock.
   */
  private boolean spuriousWakeupAllowed(ThreadState ts, CondvarState cv) {
    return options.spuriousWakeups()
        && cv.isWaiting(ts.id)
        && mayWakeSpuriously.contains(ts.id)
        && !spuriousSinceProgress.contains(ts.id);
  }

  /** The threads a pending join waits for (null for one not spawned yet); for footprints. */
  List<@Nullable ThreadState> joinTargetsOf(ThreadState ts, Instr.Join j) {
    return joinTargets(ts, j);
  }

  /** Whether a thread waiting on a condvar was notified; for footprints. */
  boolean wokenOn(int condvar, int thread) {
    return condvars[condvar].isWoken(thread);
  }

  List<@Nullable ThreadState> joinTargets(ThreadState ts, Instr.Join j) {
    Program.ThreadCode tc = program.threads().get(j.thread());
    List<@Nullable ThreadState> out = new ArrayList<>();
    if (j.indexed()) {
      long k = ((Scalar) ts.peek(0)).bits();
      out.add(instance(j.thread(), (int) k));
    } else if (tc.instances() > 0) {
      for (int i = 0; i < tc.instances(); i++) {
        out.add(instance(j.thread(), i));
      }
    } else {
      out.add(instance(j.thread(), 0));
    }
    return out;
  }

  private @Nullable ThreadState instance(int decl, int index) {
    for (ThreadState t : threads) {
      if (t.decl == decl && t.instance == index) {
        return t;
      }
    }
    return null;
  }

  private void stop(String why) {
    List<Findings.Blocked> running = new ArrayList<>();
    for (ThreadState ts : threads) {
      if (!ts.done()) {
        running.add(new Findings.Blocked(ts.name, lineOf(ts.id), "still running", null));
      }
    }
    String where =
        running.isEmpty()
            ? ""
            : "; still running: "
                + String.join(
                    ", ", running.stream().map(b -> b.thread() + " at line " + b.line()).toList())
                + " (a spin loop whose condition never becomes true?)";
    stepLimit = new Findings.StepLimit(options.maxSteps(), running, why + where);
  }

  // ---------------------------------------------------------------- invisible execution

  private boolean visibleNow(ThreadState ts, Instr i) {
    if (i instanceof Instr.ExitScope) {
      return !ts.frames.isEmpty() && !ts.frames.peek().resources.isEmpty();
    }
    if (i instanceof Instr.DropSlot d) {
      return ownedValue(ts.slots[d.slot()]);
    }
    return i.visible();
  }

  private static boolean ownedValue(@Nullable Value v) {
    return (v instanceof BoxValue b && b.owned()) || (v instanceof VecValue vv && vv.owned());
  }

  private void runInvisible(ThreadState ts) {
    while (!ts.done() && ts.pendingPanic == null) {
      Instr i = ts.current();
      if (i == null) {
        finishThread(ts);
        return;
      }
      if (visibleNow(ts, i)) {
        return;
      }
      if (++instructions > options.maxInstructions()) {
        stop(instructionLimitMessage());
        return;
      }
      ts.line = i.line();
      executeInvisible(ts, i);
    }
  }

  private void finishThread(ThreadState ts) {
    ts.status = ThreadState.Status.FINISHED;
  }

  private void panic(ThreadState ts, int line, String message) {
    if (ts.pendingPanic == null) {
      ts.pendingPanic = message;
      ts.pendingPanicLine = line;
    }
  }

  /**
   * A panic unwinds the thread: guards are released (poisoning their mutexes), owned values
   * dropped.
   */
  private void unwind(ThreadState ts) {
    String message = ts.pendingPanic;
    int line = ts.pendingPanicLine;
    ts.line = line;
    panics.add(new Findings.Panic(ts.name, line, message));
    stepWhat = "panic: " + message;
    while (!ts.frames.isEmpty()) {
      Frame f = ts.frames.pop();
      release(ts, f, true);
    }
    for (int m = 0; m < mutexes.length; m++) {
      if (mutexes[m].owner() == ts.id) {
        mutexes[m].poison();
        mutexes[m].unlock(ts.id, clocks);
        notifyRelease(ts.id, m);
        rec.event(new Event.Release(ts.name, mutexes[m].name(), false, line));
      }
    }
    ts.pendingPanic = null;
    ts.status = ThreadState.Status.PANICKED;
  }

  private void executeInvisible(ThreadState ts, Instr i) {
    int line = i.line();
    ts.pc++;
    if (i instanceof Instr.Push p) {
      ts.push(p.value());
    } else if (i instanceof Instr.Load l) {
      Value v = ts.slots[l.slot()];
      ts.push(v == null ? Scalar.of(0) : v);
    } else if (i instanceof Instr.Store s) {
      Value v = ts.pop();
      ts.slots[s.slot()] = v;
      if (v instanceof Pointer) {
        dangling.copied(memory, slotName(ts, s.slot()) + " (thread " + ts.name + ")", v, line);
      }
      if (ownedValue(v) && !ts.ownsSlot(s.slot())) {
        ts.frames.peek().resources.add(new Owned(s.slot()));
      }
    } else if (i instanceof Instr.Pop) {
      ts.pop();
    } else if (i instanceof Instr.PushTid) {
      ts.push(Scalar.of(ts.instance));
    } else if (i instanceof Instr.Unary u) {
      Value r = Arithmetic.unary(u.op(), ts.pop(), u.result());
      ts.push(r);
    } else if (i instanceof Instr.Binary b) {
      Value right = ts.pop();
      Value left = ts.pop();
      Arithmetic.Result r = Arithmetic.binary(b.op(), left, right, b.result());
      if (r.panic() != null) {
        panic(ts, line, r.panic());
        ts.push(Scalar.of(0));
      } else {
        ts.push(r.value());
      }
    } else if (i instanceof Instr.PtrAdd pa) {
      long n = ((Scalar) ts.pop()).bits();
      Pointer p = (Pointer) ts.pop();
      ts.push(p.offset(pa.subtract() ? -n : n));
    } else if (i instanceof Instr.Coerce c) {
      Value v = ts.pop();
      if (v instanceof Scalar s && c.target() instanceof Prim p && p.isInteger()) {
        if (!Arithmetic.fits(s, p)) {
          panic(
              ts,
              line,
              String.format(
                  Locale.ROOT,
                  "arithmetic overflow: %s does not fit in %s",
                  s.display(),
                  p.display()));
          ts.push(new Scalar(p, p.wrap(s.bits())));
        } else {
          ts.push(new Scalar(p, s.bits()));
        }
      } else {
        ts.push(v);
      }
    } else if (i instanceof Instr.Convert c) {
      ts.push(Arithmetic.convert(ts.pop(), c.target()));
    } else if (i instanceof Instr.Jump j) {
      ts.pc = j.target();
    } else if (i instanceof Instr.Branch b) {
      boolean v = ((Scalar) ts.pop()).asBool();
      if (v == b.when()) {
        ts.pc = b.target();
      }
    } else if (i instanceof Instr.Assert a) {
      if (!((Scalar) ts.pop()).asBool()) {
        panic(ts, line, a.message());
      }
    } else if (i instanceof Instr.StaticAddr s) {
      ts.push(staticPointer(ts, s));
    } else if (i instanceof Instr.IndexChecked ic) {
      long k = ((Scalar) ts.pop()).bits();
      Pointer p = (Pointer) ts.pop();
      if (k < 0 || k >= ic.length()) {
        panic(
            ts,
            line,
            String.format(
                Locale.ROOT,
                "index out of bounds: the len is %d but the index is %d (%s)",
                ic.length(),
                k,
                ic.what()));
      }
      ts.push(p.cast(ic.element()).offset(k));
    } else if (i instanceof Instr.IndexSlice is) {
      long k = ((Scalar) ts.pop()).bits();
      Pointer p = (Pointer) ts.pop();
      if (k < 0 || k >= p.length()) {
        ub(
            ts,
            UbKind.OUT_OF_BOUNDS,
            is.what(),
            String.format(
                Locale.ROOT,
                "indexes element %d of a slice of length %d (%s): outside the slice",
                k,
                p.length(),
                is.what()),
            -1);
      }
      ts.push(p.offset(k));
    } else if (i instanceof Instr.MakeSlice ms) {
      long to = ((Scalar) ts.pop()).bits();
      long from = ((Scalar) ts.pop()).bits();
      Pointer p = (Pointer) ts.pop();
      long length =
          ms.length() >= 0 ? ms.length() : ms.length() == -1 ? p.length() : Long.MAX_VALUE;
      if (from < 0 || from > to || to > length) {
        panic(
            ts,
            line,
            String.format(
                Locale.ROOT,
                "range %d..%d out of bounds for length %d (%s)",
                from,
                to,
                length == Long.MAX_VALUE ? -1 : length,
                ms.what()));
        to = from;
      }
      Pointer start = p.offset(from);
      ts.push(
          new Pointer(
              start.pointee(), start.address(), start.provenance(), to - from, start.tag()));
    } else if (i instanceof Instr.BoxPointer bp) {
      Value v = ts.slots[bp.slot()];
      ts.push(v instanceof BoxValue b ? b.pointer() : Pointer.nullTo(Prim.U8));
    } else if (i instanceof Instr.VecIndex vi) {
      long k = ((Scalar) ts.pop()).bits();
      VecValue v = (VecValue) ts.slots[vi.slot()];
      if (k < 0 || k >= v.length()) {
        panic(
            ts,
            line,
            String.format(
                Locale.ROOT,
                "index out of bounds: the len is %d but the index is %d (%s)",
                v.length(),
                k,
                vi.what()));
      }
      ts.push(v.buffer().offset(k));
    } else if (i instanceof Instr.VecSlice vs) {
      VecValue v = (VecValue) ts.slots[vs.slot()];
      Pointer b = v.buffer();
      ts.push(new Pointer(b.pointee(), b.address(), b.provenance(), v.length()));
    } else if (i instanceof Instr.VecLen vl) {
      VecValue v = (VecValue) ts.slots[vl.slot()];
      ts.push(new Scalar(Prim.USIZE, v.length()));
    } else if (i instanceof Instr.Forget f) {
      disown(ts, f.slot());
    } else if (i instanceof Instr.MoveOut m) {
      // the moved value (loaded just before) owns its block even if this local had already given
      // it away: sending a Box twice makes two owners, and the second drop is the double free
      if (!ts.stack.isEmpty() && ts.peek(0) instanceof BoxValue b) {
        ts.pop();
        ts.push(new BoxValue(b.pointer(), true));
      }
      disown(ts, m.slot());
    } else if (i instanceof Instr.EnterScope) {
      ts.frames.push(new Frame());
    } else if (i instanceof Instr.ScopeSlots ss) {
      ts.frames.peek().slotsFrom = ss.from();
      ts.frames.peek().slotsTo = ss.to();
    } else if (i instanceof Instr.ExitScope) {
      release(ts, ts.frames.pop(), false);
    } else if (i instanceof Instr.DropSlot) {
      // nothing owned: nothing to drop
    } else {
      throw new IllegalStateException("not invisible: " + i);
    }
  }

  private void disown(ThreadState ts, int slot) {
    Value v = ts.slots[slot];
    if (v instanceof BoxValue b) {
      ts.slots[slot] = b.disowned();
    } else if (v instanceof VecValue vv) {
      ts.slots[slot] = new VecValue(vv.buffer(), vv.length(), vv.capacity(), false);
    }
  }

  private Pointer staticPointer(ThreadState ts, Instr.StaticAddr s) {
    Program.StaticVar sv = program.statics().get(s.variable());
    Allocation a;
    if (sv.storage() == Decl.Storage.THREAD_LOCAL) {
      int decl = s.instanceThreadDecl() < 0 ? ts.decl : s.instanceThreadDecl();
      int inst = s.instanceThreadDecl() < 0 ? ts.instance : s.instanceIndex();
      a = threadLocals.get(tlKey(s.variable(), decl, inst));
    } else {
      a = staticAllocs[s.variable()];
    }
    Type element =
        a.declared() instanceof org.racelab.value.ArrayType at ? at.element() : a.declared();
    return new Pointer(element, a.base(), a.id(), -1);
  }

  // ---------------------------------------------------------------- visible execution

  private void executeVisible(ThreadState ts, Instr i) {
    ts.pc++;
    int line = i.line();
    if (i instanceof Instr.Read r) {
      Pointer p = (Pointer) ts.pop();
      ts.push(MemoryOps.read(this, ts, p, r.type(), r.what(), line));
    } else if (i instanceof Instr.Retag rt) {
      Pointer p = (Pointer) ts.pop();
      ts.push(MemoryOps.retag(this, ts, p, rt, line));
    } else if (i instanceof Instr.Write w) {
      Pointer p = (Pointer) ts.pop();
      Value v = ts.pop();
      MemoryOps.write(this, ts, p, w.type(), v, w.what(), line);
    } else if (i instanceof Instr.AtomicLoad l) {
      Pointer p = (Pointer) ts.pop();
      ts.push(MemoryOps.atomicLoad(this, ts, p, l, line));
    } else if (i instanceof Instr.AtomicStore s) {
      Value v = ts.pop();
      Pointer p = (Pointer) ts.pop();
      MemoryOps.atomicStore(this, ts, p, v, s, line);
    } else if (i instanceof Instr.AtomicRmw r) {
      Value operand = ts.pop();
      Pointer p = (Pointer) ts.pop();
      ts.push(MemoryOps.atomicRmw(this, ts, p, operand, r, line));
    } else if (i instanceof Instr.AtomicCas c) {
      Value neu = ts.pop();
      Value expected = ts.pop();
      Pointer p = (Pointer) ts.pop();
      ts.push(MemoryOps.compareExchange(this, ts, p, expected, neu, c, line));
    } else if (i instanceof Instr.Fence f) {
      atomics.fence(ts.id, f.order());
      say("fence(" + f.order().display() + ")");
    } else if (i instanceof Instr.HeapAlloc h) {
      ts.push(MemoryOps.heapAlloc(this, ts, h, line));
    } else if (i instanceof Instr.BoxNew b) {
      List<Value> values = popValues(ts, b.values());
      ts.push(MemoryOps.boxNew(this, ts, b, values, line));
    } else if (i instanceof Instr.LocalAlloc l) {
      List<Value> values = popValues(ts, l.values());
      Allocation a = MemoryOps.localAlloc(this, ts, l, values, line);
      Type element =
          a.declared() instanceof org.racelab.value.ArrayType at ? at.element() : a.declared();
      ts.slots[l.slot()] = new Pointer(element, a.base(), a.id(), -1);
      ts.frames.peek().resources.add(new StackSlot(a));
    } else if (i instanceof Instr.Free f) {
      Value v = ts.pop();
      MemoryOps.free(this, ts, v instanceof BoxValue b ? b.pointer() : (Pointer) v, f.what(), line);
    } else if (i instanceof Instr.Drop d) {
      MemoryOps.drop(this, ts, d.slot(), d.what(), line, "was dropped by drop(" + d.what() + ")");
    } else if (i instanceof Instr.DropSlot d) {
      String owner = slotName(ts, d.slot());
      MemoryOps.drop(
          this, ts, d.slot(), owner, line, "was dropped when `" + owner + "` was overwritten");
    } else if (i instanceof Instr.VecNew v) {
      long cap = ((Scalar) ts.pop()).bits();
      ts.push(MemoryOps.vecNew(this, ts, v, cap, line));
    } else if (i instanceof Instr.VecPush vp) {
      Value v = ts.pop();
      MemoryOps.vecPush(this, ts, vp, v, line);
    } else if (i instanceof Instr.ExitScope) {
      Frame f = ts.frames.pop();
      release(ts, f, false);
    } else if (i instanceof Instr.Lock l) {
      lock(ts, l.mutex(), line);
      if (l.guard()) {
        ts.frames.peek().resources.add(new Guard(l.mutex()));
      }
    } else if (i instanceof Instr.Unlock u) {
      MutexState m = mutexes[u.mutex()];
      if (m.owner() != ts.id) {
        panic(ts, line, "unlock of " + m.name() + ", which this thread does not hold");
      } else {
        unlock(ts, u.mutex());
      }
    } else if (i instanceof Instr.RwAcquire r) {
      RwLockState rw = rwlocks[r.rwlock()];
      lockOrder.acquiring(
          ts.id, ts.name, rwLockKey(r.rwlock()), rw.name(), r.write(), line, held(ts.id), true);
      rw.lock(ts.id, r.write(), clocks);
      rec.event(new Event.Acquire(ts.name, rw.name(), !r.write(), line));
      for (Detector d : detectors) {
        d.acquired(ts.id, rwLockId(r.rwlock()), !r.write());
      }
      say((r.write() ? "write" : "read") + "-lock " + rw.name());
      if (r.guard()) {
        ts.frames.peek().resources.add(new RwGuard(r.rwlock(), r.write()));
      }
    } else if (i instanceof Instr.RwRelease r) {
      RwLockState rw = rwlocks[r.rwlock()];
      if (!rw.heldBy(ts.id, r.write())) {
        panic(
            ts,
            line,
            (r.write() ? "write" : "read")
                + "_unlock of "
                + rw.name()
                + ", which this thread does not hold that way");
      } else {
        rwUnlock(ts, r.rwlock(), r.write());
      }
    } else if (i instanceof Instr.Spawn s) {
      spawn(ts, s, line);
    } else if (i instanceof Instr.Join j) {
      List<@Nullable ThreadState> targets = joinTargets(ts, j);
      if (j.indexed()) {
        ts.pop();
      }
      StringBuilder names = new StringBuilder();
      for (ThreadState target : targets) {
        clocks.join(ts.id, target.id);
        lockOrder.joined(ts.id, target.id);
        for (Detector d : detectors) {
          d.joined(ts.id, target.id);
        }
        names.append(names.length() == 0 ? "" : ", ").append(target.name);
        rec.event(new Event.Join(ts.name, target.name, line));
        stepSync = target.id < threadLastStep.length ? threadLastStep[target.id] : -1;
      }
      say("join " + names);
    } else if (i instanceof Instr.Send s) {
      Value v = ts.pop();
      ChannelState<Message> ch = channels.get(s.channel());
      ch.send(ts.id, new Message(v, step), clocks);
      say("send " + v.display() + " on " + ch.name());
    } else if (i instanceof Instr.Recv r) {
      ChannelState<Message> ch = channels.get(r.channel());
      Message m = ch.receive(ts.id, clocks);
      ts.push(m.value());
      stepSync = m.step();
      say("receive " + m.value().display() + " from " + ch.name());
    } else if (i instanceof Instr.BarrierArrive b) {
      BarrierState bs = barriers[b.barrier()];
      ts.barrierPhase = bs.arrive(ts.id, clocks);
      barrierLastArrival[b.barrier()] = step;
      say("arrive at " + bs.name());
    } else if (i instanceof Instr.BarrierDepart b) {
      BarrierState bs = barriers[b.barrier()];
      bs.depart(ts.id, ts.barrierPhase, clocks);
      stepSync = barrierLastArrival[b.barrier()];
      say("leave " + bs.name());
    } else if (i instanceof Instr.CondWait c) {
      MutexState m = mutexes[c.mutex()];
      if (m.owner() != ts.id) {
        panic(
            ts,
            line,
            condvars[c.condvar()].name()
                + ".wait("
                + m.name()
                + ") needs "
                + m.name()
                + " held by this thread");
      } else {
        unlock(ts, c.mutex());
        condvars[c.condvar()].startWaiting(ts.id);
        if (options.spuriousWakeups() && chooser.choose(ts.id, 2) == 1) {
          mayWakeSpuriously.add(ts.id);
        } else {
          mayWakeSpuriously.remove(ts.id);
        }
        say("wait on " + condvars[c.condvar()].name() + " (releases " + m.name() + ")");
      }
    } else if (i instanceof Instr.CondReacquire c) {
      CondvarState cv = condvars[c.condvar()];
      boolean spurious = !cv.isWoken(ts.id);
      if (spurious) {
        cv.wakeSpuriously(ts.id);
      }
      cv.leave(ts.id);
      lock(ts, c.mutex(), line);
      say(
          (spurious ? "wake up spuriously, " : "wake up, ")
              + "retake "
              + mutexes[c.mutex()].name());
    } else if (i instanceof Instr.Notify n) {
      CondvarState cv = condvars[n.condvar()];
      if (n.all()) {
        int k = cv.wakeAll();
        if (k == 0) {
          cv.lost(ts.name, line);
        }
        say(
            "notify_all on "
                + cv.name()
                + (k == 0 ? " (lost: nobody was waiting)" : " (woke " + k + ")"));
      } else {
        int woken = cv.wakeOne();
        if (woken < 0) {
          cv.lost(ts.name, line);
        }
        say(
            "notify_one on "
                + cv.name()
                + (woken < 0
                    ? " (lost: nobody was waiting)"
                    : " (woke " + threadNames.get(woken) + ")"));
      }
    } else if (i instanceof Instr.Pause p) {
      say(p.what());
    } else {
      throw new IllegalStateException("not visible: " + i);
    }
  }

  private List<Value> popValues(ThreadState ts, int n) {
    List<Value> values = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      values.add(0, ts.pop());
    }
    return values;
  }

  private String slotName(ThreadState ts, int slot) {
    List<String> names = ts.code.slotNames();
    return slot < names.size() && !names.get(slot).isEmpty() ? names.get(slot) : "#" + slot;
  }

  private void spawn(ThreadState ts, Instr.Spawn s, int line) {
    List<Value> args = popValues(ts, s.args());
    Program.ThreadCode tc = program.threads().get(s.thread());
    if (spawned[s.thread()]) {
      panic(ts, line, "thread " + tc.name() + " was already spawned (spawn each thread once)");
      return;
    }
    spawned[s.thread()] = true;
    int child = threads.size();
    clocks.ensureThread(child);
    clocks.fork(ts.id, child);
    lockOrder.forked(ts.id, child);
    for (Detector d : detectors) {
      d.forked(ts.id, child);
    }
    rec.event(new Event.Fork(ts.name, tc.name(), line));
    say("spawn " + tc.name());
    startThread(s.thread(), 0, tc.name(), args, step);
  }

  private void lock(ThreadState ts, int mutex, int line) {
    MutexState m = mutexes[mutex];
    lockOrder.acquiring(ts.id, ts.name, mutexKey(mutex), m.name(), true, line, held(ts.id), true);
    m.lock(ts.id, line, clocks);
    for (Detector d : detectors) {
      d.acquired(ts.id, mutex, false);
    }
    stepSync = mutexReleaseStep[mutex];
    rec.event(new Event.Acquire(ts.name, m.name(), false, line));
    say("lock " + m.name());
    if (m.poisoned()) {
      panic(
          ts,
          line,
          "PoisonError: " + m.name() + " was poisoned by a thread that panicked while holding it");
    }
  }

  private void unlock(ThreadState ts, int mutex) {
    MutexState m = mutexes[mutex];
    m.unlock(ts.id, clocks);
    notifyRelease(ts.id, mutex);
    mutexReleaseStep[mutex] = step;
    rec.event(new Event.Release(ts.name, m.name(), false, ts.line));
    say("unlock " + m.name());
  }

  private void notifyRelease(int thread, int mutex) {
    for (Detector d : detectors) {
      d.released(thread, mutex);
    }
  }

  private void rwUnlock(ThreadState ts, int rwlock, boolean write) {
    RwLockState rw = rwlocks[rwlock];
    rw.unlock(ts.id, write, clocks);
    rec.event(new Event.Release(ts.name, rw.name(), !write, ts.line));
    for (Detector d : detectors) {
      d.released(ts.id, rwLockId(rwlock), !write);
    }
    say((write ? "write" : "read") + "-unlock " + rw.name());
  }

  private int rwLockId(int rwlock) {
    return mutexes.length + rwlock;
  }

  private static String mutexKey(int mutex) {
    return "mutex:" + mutex;
  }

  private static String rwLockKey(int rwlock) {
    return "rwlock:" + rwlock;
  }

  /** The locks thread t holds now, for the lock-order graph. */
  private List<LockOrder.Held> held(int t) {
    List<LockOrder.Held> out = new ArrayList<>();
    for (int k = 0; k < mutexes.length; k++) {
      if (mutexes[k].owner() == t) {
        out.add(new LockOrder.Held(mutexKey(k), mutexes[k].name(), true, mutexes[k].lockLine()));
      }
    }
    for (int k = 0; k < rwlocks.length; k++) {
      RwLockState rw = rwlocks[k];
      if (rw.writer() == t || rw.heldBy(t, false)) {
        out.add(new LockOrder.Held(rwLockKey(k), rw.name(), rw.writer() == t, 0));
      }
    }
    return out;
  }

  /**
   * Adds to the lock-order graph the acquisitions that stuck threads wait for: in a schedule that
   * deadlocked, those are the edges that close the cycle.
   */
  private void stuckAcquisitions() {
    for (ThreadState ts : threads) {
      if (ts.done() || ts.pendingPanic != null || canMove(ts)) {
        continue;
      }
      Instr i = ts.current();
      int line = lineOf(ts.id);
      if (i instanceof Instr.Lock l) {
        lockOrder.acquiring(
            ts.id,
            ts.name,
            mutexKey(l.mutex()),
            mutexes[l.mutex()].name(),
            true,
            line,
            held(ts.id),
            false);
      } else if (i instanceof Instr.CondReacquire c && condvars[c.condvar()].isWoken(ts.id)) {
        lockOrder.acquiring(
            ts.id,
            ts.name,
            mutexKey(c.mutex()),
            mutexes[c.mutex()].name(),
            true,
            line,
            held(ts.id),
            false);
      } else if (i instanceof Instr.RwAcquire r) {
        lockOrder.acquiring(
            ts.id,
            ts.name,
            rwLockKey(r.rwlock()),
            rwlocks[r.rwlock()].name(),
            r.write(),
            line,
            held(ts.id),
            false);
      }
    }
  }

  /** Gives back a frame's resources, newest first; then its let locals go out of scope. */
  private void release(ThreadState ts, Frame f, boolean unwinding) {
    ts.releasing = f;
    List<Resource> rs = f.resources;
    for (int k = rs.size() - 1; k >= 0; k--) {
      Resource r = rs.get(k);
      if (r instanceof Guard g) {
        if (mutexes[g.mutex()].owner() == ts.id) {
          if (unwinding) {
            mutexes[g.mutex()].poison();
          }
          unlock(ts, g.mutex());
        }
      } else if (r instanceof RwGuard g) {
        if (rwlocks[g.rwlock()].heldBy(ts.id, g.write())) {
          rwUnlock(ts, g.rwlock(), g.write());
        }
      } else if (r instanceof StackSlot s) {
        MemoryOps.pop(this, ts, s.alloc(), ts.line, unwinding);
      } else if (r instanceof Owned o) {
        if (ownedValue(ts.slots[o.slot()])) {
          String owner = slotName(ts, o.slot());
          MemoryOps.drop(
              this,
              ts,
              o.slot(),
              owner,
              ts.line,
              unwinding
                  ? "was dropped while thread " + ts.name + " unwound from a panic"
                  : "was dropped when its owner `" + owner + "` went out of scope");
        }
      }
    }
    ts.releasing = null;
    ts.kill(f);
  }

  // ---------------------------------------------------------------- services for MemoryOps

  int step() {
    return step;
  }

  Atomics atomics() {
    return atomics;
  }

  Chooser chooser() {
    return chooser;
  }

  Dangling dangling() {
    return dangling;
  }

  Recorder recorder() {
    return rec;
  }

  boolean recording() {
    return recording;
  }

  List<ThreadState> threadStates() {
    return threads;
  }

  Site site(ThreadState ts, int line) {
    return new Site(ts.name, line);
  }

  void say(String what) {
    stepWhat = stepWhat.isEmpty() ? what : stepWhat + "; " + what;
  }

  void synchronisedWith(int fromStep) {
    stepSync = fromStep;
  }

  void accessed(int ledgerIndex) {
    if (stepAccess < 0) {
      stepAccess = ledgerIndex;
    }
  }

  void ub(ThreadState ts, UbKind kind, String location, String message, int access) {
    if (!recording) {
      return;
    }
    rec.ub(new Findings.Ub(kind, ts.name, ts.line, location, message, step, access));
  }

  void panicFrom(ThreadState ts, int line, String message) {
    panic(ts, line, message);
  }

  // ---------------------------------------------------------------- the end

  /** Collects the run's results; call once {@link #finished} or when no thread is enabled. */
  public Execution finish() {
    Findings.Deadlock deadlock = null;
    if (stepLimit == null && !finished()) {
      deadlock = Deadlocks.describe(this, threads, mutexes, rwlocks, channels, barriers, condvars);
    }
    stuckAcquisitions();
    List<Findings.Leak> leaks = new ArrayList<>();
    if (finished() && stepLimit == null) {
      java.util.Set<Integer> inChannels = boxesLeftInChannels();
      for (Allocation a : memory.allocations()) {
        if (a.live() && a.kind().heap() && !inChannels.contains(a.id())) {
          leaks.add(
              new Findings.Leak(
                  a.name(),
                  a.kind().label(),
                  a.size(),
                  a.allocated().thread(),
                  a.allocated().line(),
                  String.format(Locale.ROOT, "0x%x", a.base())));
        }
      }
    }
    notes.addAll(dangling.notes());
    Map<String, Long> stats = new LinkedHashMap<>();
    for (Detector d : detectors) {
      for (Map.Entry<String, Long> e : d.statistics().entrySet()) {
        stats.put(detectors.size() > 1 ? d.name() + "." + e.getKey() : e.getKey(), e.getValue());
      }
    }
    return new Execution(
        List.copyOf(threadNames),
        List.copyOf(rec.ledger()),
        rec.races(),
        List.copyOf(rec.ubs()),
        List.copyOf(panics),
        leaks,
        deadlock,
        stepLimit,
        List.copyOf(events),
        finalValues(),
        List.copyOf(notes),
        step,
        stats,
        Map.copyOf(rec.racingByDetector()),
        List.copyOf(rec.locations()),
        memoryAtFirstUb,
        rec.trace(),
        lockOrder.warnings(),
        spinSteps,
        blockedSteps);
  }

  /**
   * The Boxes still in channels when every thread has finished. Rust drops a channel's messages
   * with the channel, so they are freed, not leaked; a note says so.
   */
  private java.util.Set<Integer> boxesLeftInChannels() {
    java.util.Set<Integer> out = new java.util.HashSet<>();
    for (ChannelState<Message> ch : channels) {
      for (Message msg : ch.pending()) {
        if (msg.value() instanceof BoxValue b && b.owned()) {
          Allocation a = memory.target(b.pointer()).orElse(null);
          if (a != null && a.live()) {
            out.add(a.id());
            notes.add(
                String.format(
                    Locale.ROOT,
                    "%s still holds %s, sent at step %d and never received; it is dropped with the"
                        + " channel, not leaked",
                    ch.name(),
                    msg.value().display(),
                    msg.step()));
          }
        }
      }
    }
    return out;
  }

  private Map<String, String> finalValues() {
    Map<String, String> out = new LinkedHashMap<>();
    for (int v = 0; v < program.statics().size(); v++) {
      Program.StaticVar sv = program.statics().get(v);
      if (sv.pos().equals(org.racelab.scenario.Pos.NONE)) {
        // added by a strategy (its spin lock): not one of the scenario's locations
        continue;
      }
      if (sv.storage() == Decl.Storage.THREAD_LOCAL) {
        for (Map.Entry<Long, Allocation> e : threadLocals.entrySet()) {
          if ((e.getKey() >>> 40) == v) {
            Allocation a = e.getValue();
            out.put(sv.name() + "@" + a.owner(), render(a));
          }
        }
      } else {
        out.put(sv.name(), render(staticAllocs[v]));
      }
    }
    return out;
  }

  private String render(Allocation a) {
    if (!a.isArray()) {
      return memory.peek(a, 0).display();
    }
    StringBuilder sb = new StringBuilder("[");
    for (int c = 0; c < a.cells(); c++) {
      sb.append(c == 0 ? "" : ", ").append(memory.peek(a, c).display());
    }
    return sb.append(']').toString();
  }

  /**
   * Evaluates an {@code expect final} condition over the final memory, without recording anything.
   */
  public boolean evaluate(Program.ThreadCode condition) {
    boolean saved = recording;
    recording = false;
    try {
      ThreadState ts = new ThreadState(-1, "expect", -1, 0, condition);
      ts.frames.clear();
      ts.frames.push(new Frame());
      long budget = 1_000_000;
      while (ts.current() != null && budget-- > 0) {
        Instr i = ts.current();
        if (i instanceof Instr.Read r) {
          ts.pc++;
          Pointer p = (Pointer) ts.pop();
          ts.push(MemoryOps.peek(this, p, r.type()));
        } else {
          executeInvisible(ts, i);
        }
        if (ts.pendingPanic != null) {
          return false;
        }
      }
      return !ts.stack.isEmpty() && ((Scalar) ts.pop()).asBool();
    } finally {
      recording = saved;
    }
  }

  /** The statics, thread-locals and each thread's view, for memory maps. */
  MemoryMap snapshot() {
    return MemoryMap.capture(this);
  }

  /** Thread ids and slots, for memory maps. */
  List<ThreadState> threadsForMap() {
    return threads;
  }

  /** Applies an atomic location helper (used by MemoryOps). */
  @Nullable AtomicLocation atomicAt(Allocation a, int offset, Type t) {
    return memory.atomic(a, offset, t, atomics);
  }

  /** The ordering label used in ledger ops. */
  static String op(String what, Ordering o) {
    return what + " (" + o.display() + ")";
  }

  /** Exposes the detectors' access kinds to helpers without importing detect everywhere. */
  static int kindFor(boolean write, boolean atomic) {
    if (atomic) {
      return write ? AccessKind.ATOMIC_WRITE : AccessKind.ATOMIC_READ;
    }
    return write ? AccessKind.WRITE : AccessKind.READ;
  }

  /**
   * For RMW result computation. Addition wraps, as Rust's {@code fetch_add} does (no overflow
   * panic); max and min compare as the location's type is signed or not.
   */
  static long rmw(RmwOp op, long old, long operand, Type type) {
    boolean unsigned = type instanceof Prim p && p.isInteger() && !p.signed();
    long r =
        switch (op) {
          case SWAP -> operand;
          case ADD -> old + operand;
          case SUB -> old - operand;
          case AND -> old & operand;
          case OR -> old | operand;
          case XOR -> old ^ operand;
          case MAX ->
              (unsigned ? Long.compareUnsigned(old, operand) : Long.compare(old, operand)) >= 0
                  ? old
                  : operand;
          case MIN ->
              (unsigned ? Long.compareUnsigned(old, operand) : Long.compare(old, operand)) <= 0
                  ? old
                  : operand;
        };
    return type instanceof Prim p && p.isInteger() ? p.wrap(r) : r;
  }

  /** For load results. */
  static Value decode(Type t, LoadResult r) {
    return Memory.decode(t, r.bits(), r.provenance());
  }
}
