package org.racelab.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.racelab.clock.VectorClock;
import org.racelab.detect.AccessKind;
import org.racelab.memory.Allocation;
import org.racelab.trace.Event;
import org.racelab.trace.TraceFormat;

/**
 * Exports a run as a trace whose offline happens-before analysis sees the simulation's
 * happens-before: every access line gets exactly the verdict (racing or not) that the simulator
 * gave its access.
 *
 * <h2>What the trace contains</h2>
 *
 * <p>Accesses, one line per cell (an access to an array range or a whole block, such as an
 * allocation, is one ledger entry but one line per cell, named as the ledger names cells: {@code
 * data}, {@code a[2]}, {@code *p}, {@code count@main}; a name that two different cells share, such
 * as the locals {@code x} of two threads or two Boxes made at one line, gets the allocation's id
 * appended to the later one: {@code x#7}). Allocation and deallocation are writes of every cell of
 * the block (Miri's rule): {@code alloc}/{@code free} lines in RaceLab's own format, {@code w} in
 * STD. Lock acquire and release (read locks as {@code racq}/{@code rrel}; a mutex released while
 * its owner unwinds from a panic included), fork at {@code spawn}, join at {@code join}. Condvars
 * appear as what they are: the unlock and the relock of their mutex.
 *
 * <h2>Edges that no lock carries</h2>
 *
 * <p>Channels, barriers, atomics and fences synchronise without a lock. Rather than re-implement
 * each primitive's rules here (Miri's release sequences, fences and SC order in {@code
 * sync.Atomics}, a bounded channel's freed slots, ...), the export reads the result: the clock the
 * simulator gave each thread at each access and after each step that may have acquired one ({@link
 * RunTrace.Settle}). It replays the lines it writes with the trace's own rules and, wherever a
 * thread's simulated clock knows more than the lines so far give it, adds edges until the two
 * agree.
 *
 * <p>Knowledge is compared by counting accesses, so that clock values, which tick differently in
 * the simulator and in the trace, do not matter: the simulated clock C of thread t knows the first
 * k access lines of thread u, where k is the number of u's accesses whose own clock entry is at
 * most {@code C[u]}. For each u where t knows fewer lines in the trace than in the simulation, one
 * edge runs from the point right after u's k-th access line to t's current position. That point is
 * exact: every clock the simulator publishes (a release store, a send, an arrival, an unlock) is a
 * snapshot of the publisher immediately followed by a tick, so the accesses of u it covers are
 * exactly the first k, and u's clock just after the k-th of them is contained in what t acquired.
 * An edge from u therefore brings no more than the simulation's edge, and one edge per thread with
 * something missing brings all of it: the two agree again. When several threads are missing, the
 * edge from the latest source is added first, since its knowledge often covers the others (a
 * release sequence, a chain of messages).
 *
 * <p>In RaceLab's own format an edge is {@code send(X)} at the source and {@code recv(X)} at the
 * destination, one object X per source point and label, shared by every destination that needs that
 * source (so a barrier departure receives the objects of the other parties' arrivals, and a message
 * is one object). Objects are named after what synchronised: the channel, barrier or atomic
 * location, {@code fence}, a lock (STD's read locks, below), or {@code hb} when the difference is
 * only noticed at an access; then {@code #n}. In STD each edge is a private <em>pair lock</em>
 * {@code X/n} used by exactly its two ends, {@code acq rel} at the source and {@code acq rel} at
 * the destination, which adds no edge beyond the one it stands for.
 *
 * <h2>STD</h2>
 *
 * <p>STD has no atomics: atomic accesses are left out (their synchronisation is kept as edges), so
 * races between an atomic and a plain access are lost, and a plain access that raced only with
 * atomic ones is not racy in the STD file. Read-lock lines are left out too, and the edges they
 * give (a writer's unlock to later readers, readers' unlocks to the next writer) are written as
 * pair locks named after the lock; write-lock lines stay. So, unlike {@link
 * org.racelab.trace.StdTraceWriter}'s stand-alone rule, readers are not ordered with each other.
 *
 * <h2>Approximations</h2>
 *
 * <p>None are known: the catalogue tests check that every scenario's own-format export gives each
 * access the simulator's verdict under DJIT+ and FastTrack, and that STD does so for every plain
 * access. Should the trace's rules ever order more than the simulation did (a new primitive whose
 * lines say more than its clocks), the export cannot take knowledge away; it then lists the place
 * in {@link ExportedTrace#approximations()} (written as comments into the own format) instead of
 * failing, and the analysis may miss races there, never report false ones.
 */
public final class TraceExport {
  private static final int MAX_NOTES = 20;

  private final boolean std;
  private final List<String> names;
  private final int n;
  private final List<Event> out = new ArrayList<>();
  private final Map<Integer, List<Event>> after = new HashMap<>();
  private final List<Integer> accessLedger = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private int moreNotes;
  // per thread: its access lines' simulated epochs (own clock entry); the points where an edge
  // may start (after each access line and at each step that synchronised), in order; and which
  // point each access line made
  private final IntList[] epochs;
  private final List<List<Point>> points = new ArrayList<>();
  private final IntList[] accessPoint;
  // the trace's happens-before, in accesses known per thread
  private final int[][] know;
  private final Map<String, int[]> lockClock = new HashMap<>();
  private final Map<String, int[]> readersClock = new HashMap<>();
  private final Map<String, String> objects = new HashMap<>();
  private final Map<String, Integer> labelCount = new HashMap<>();
  private final Map<String, Integer> pairLocks = new HashMap<>();
  private final Map<Integer, String> varNames = new HashMap<>();
  private final Map<String, Integer> nameOwner = new HashMap<>();
  private int edges;
  private long omitted;

  private TraceExport(List<String> names, boolean std) {
    this.std = std;
    this.names = names;
    this.n = names.size();
    this.epochs = new IntList[n];
    this.accessPoint = new IntList[n];
    this.know = new int[n][n];
    for (int t = 0; t < n; t++) {
      epochs[t] = new IntList();
      accessPoint[t] = new IntList();
      points.add(new ArrayList<>());
    }
  }

  /** Exports a finished run in the given format. */
  public static ExportedTrace export(Execution run, TraceFormat format) {
    TraceExport x = new TraceExport(run.threads(), format == TraceFormat.STD);
    for (RunTrace.Item item : run.trace().items()) {
      if (item instanceof RunTrace.Access a) {
        x.access(a);
      } else if (item instanceof RunTrace.Sync s) {
        x.sync(s);
      } else {
        RunTrace.Settle s = (RunTrace.Settle) item;
        x.enforce(s.thread(), s.clock(), s.label(), s.site(), true);
      }
    }
    return x.result(format);
  }

  private ExportedTrace result(TraceFormat format) {
    List<Event> events = new ArrayList<>(out.size() + edges * 4);
    for (int i = 0; i < out.size(); i++) {
      events.add(out.get(i));
      List<Event> more = after.get(i);
      if (more != null) {
        events.addAll(more);
      }
    }
    if (moreNotes > 0) {
      notes.add(moreNotes + " more");
    }
    return new ExportedTrace(format, events, accessLedger, edges, objects.size(), omitted, notes);
  }

  // ------------------------------------------------------------------ items

  private void access(RunTrace.Access a) {
    int t = a.thread();
    if (std && AccessKind.isAtomic(a.kind())) {
      omitted += a.last() - a.first() + 1;
      return;
    }
    enforce(t, a.clock(), "hb", a.site(), false);
    String thread = names.get(t);
    for (int c = a.first(); c <= a.last(); c++) {
      String var = varName(a.alloc(), c);
      Event e;
      if (a.flavour() == RunTrace.Flavour.ACCESS || std) {
        e = new Event.Access(thread, op(a.kind()), var, a.site());
      } else if (a.flavour() == RunTrace.Flavour.ALLOC) {
        e = new Event.Alloc(thread, var, a.alloc().cellType().size(), a.site());
      } else {
        e = new Event.Free(thread, var, a.site());
      }
      out.add(e);
      accessLedger.add(a.ledger());
      know[t][t]++;
      epochs[t].add(a.clock().get(t));
      accessPoint[t].add(points.get(t).size());
      points.get(t).add(new Point(out.size() - 1, a.site(), know[t].clone()));
    }
  }

  private void sync(RunTrace.Sync s) {
    int t = s.thread();
    Event e = s.event();
    if (e instanceof Event.Acquire a) {
      if (!a.shared()) {
        out.add(e);
        joinInto(know[t], lockClock.get(a.lock()));
        if (!std) {
          joinInto(know[t], readersClock.get(a.lock()));
        }
      } else if (!std) {
        out.add(e);
        joinInto(know[t], lockClock.get(a.lock()));
      }
      enforce(t, s.clock(), a.lock(), a.site(), true);
    } else if (e instanceof Event.Release r) {
      enforce(t, s.clock(), "hb", r.site(), true);
      if (!r.shared()) {
        out.add(e);
        lockClock.put(r.lock(), know[t].clone());
      } else if (!std) {
        out.add(e);
        joinInto(readersClock.computeIfAbsent(r.lock(), k -> new int[n]), know[t]);
      }
    } else if (e instanceof Event.Fork f) {
      enforce(t, s.clock(), "hb", f.site(), true);
      out.add(e);
      joinInto(know[thread(f.child())], know[t]);
    } else if (e instanceof Event.Join j) {
      out.add(e);
      joinInto(know[t], know[thread(j.child())]);
      enforce(t, s.clock(), "hb", j.site(), true);
    } else {
      throw new IllegalArgumentException("not a synchronisation event of a run: " + e);
    }
  }

  // ------------------------------------------------------------------ edges

  /**
   * Makes thread t's trace knowledge equal to what its simulated clock knows, adding edges for what
   * is missing; notes an approximation where the trace already knows more. With {@code point}, the
   * place becomes one where later edges from t may start (a synchronisation step, not an access,
   * whose own line is such a place already).
   */
  private void enforce(int t, VectorClock clock, String label, int site, boolean point) {
    int[] target = new int[n];
    for (int u = 0; u < n; u++) {
      target[u] = u == t ? know[t][t] : epochs[u].countAtMost(clock.get(u));
    }
    while (true) {
      int best = -1;
      int bestPosition = -1;
      for (int u = 0; u < n; u++) {
        if (u != t && target[u] > know[t][u]) {
          int p = points.get(u).get(source(u, target)).position;
          if (p > bestPosition) {
            best = u;
            bestPosition = p;
          }
        }
      }
      if (best < 0) {
        break;
      }
      int from = source(best, target);
      joinInto(know[t], points.get(best).get(from).know);
      edge(best, from, t, label, site);
    }
    for (int u = 0; u < n; u++) {
      if (know[t][u] > target[u]) {
        note(
            String.format(
                Locale.ROOT,
                "at line %d of %s the trace orders %d access(es) of %s before %s that the"
                    + " simulation does not",
                site,
                names.get(t),
                know[t][u] - target[u],
                names.get(u),
                names.get(t)));
        break;
      }
    }
    List<Point> mine = points.get(t);
    if (point && know[t][t] > 0) {
      Point last = mine.get(mine.size() - 1);
      if (last.position != out.size() - 1
          || last.site != site
          || !Arrays.equals(last.know, know[t])) {
        mine.add(new Point(out.size() - 1, site, know[t].clone()));
      }
    }
  }

  /**
   * Where an edge from thread u to a thread whose simulated clock knows {@code target} starts: the
   * latest point of u after its {@code target[u]}-th access line (and before the next) whose trace
   * knowledge the target covers, so that the send sits where u published (a channel send, a barrier
   * arrival, a release store) rather than at the access before it. The point right after the access
   * line always qualifies.
   */
  private int source(int u, int[] target) {
    int count = target[u];
    List<Point> mine = points.get(u);
    int first = accessPoint[u].get(count - 1);
    int last = count < accessPoint[u].size() ? accessPoint[u].get(count) - 1 : mine.size() - 1;
    for (int p = last; p > first; p--) {
      if (covered(mine.get(p).know, target)) {
        return p;
      }
    }
    return first;
  }

  private static boolean covered(int[] know, int[] target) {
    for (int u = 0; u < know.length; u++) {
      if (know[u] > target[u]) {
        return false;
      }
    }
    return true;
  }

  /** One edge from thread u's point k to thread t's current position. */
  private void edge(int u, int k, int t, String label, int site) {
    edges++;
    Point point = points.get(u).get(k);
    int source = point.position;
    String key = u + ":" + k + ":" + label;
    String object = objects.get(key);
    boolean fresh = object == null;
    if (fresh) {
      int count = labelCount.merge(label, 1, Integer::sum);
      object = label + "#" + count;
      objects.put(key, object);
    }
    List<Event> there = after.computeIfAbsent(source, i -> new ArrayList<>());
    String from = names.get(u);
    int fromSite = point.site;
    String to = names.get(t);
    if (std) {
      String lock = object + "/" + pairLocks.merge(object, 1, Integer::sum);
      there.add(new Event.Acquire(from, lock, false, fromSite));
      there.add(new Event.Release(from, lock, false, fromSite));
      out.add(new Event.Acquire(to, lock, false, site));
      out.add(new Event.Release(to, lock, false, site));
    } else {
      if (fresh) {
        there.add(new Event.Send(from, object, fromSite));
      }
      out.add(new Event.Receive(to, object, site));
    }
  }

  private void note(String text) {
    if (notes.size() < MAX_NOTES) {
      notes.add(text);
    } else {
      moreNotes++;
    }
  }

  // ------------------------------------------------------------------ names

  private int thread(String name) {
    int t = names.indexOf(name);
    if (t < 0) {
      throw new IllegalArgumentException("unknown thread " + name);
    }
    return t;
  }

  /** A cell's name in the trace: the ledger's, made unique per detector variable. */
  private String varName(Allocation a, int cell) {
    int var = a.varBase() + cell;
    String name = varNames.get(var);
    if (name == null) {
      name = a.cellName(cell);
      Integer owner = nameOwner.putIfAbsent(name, var);
      if (owner != null && owner != var) {
        name = name + "#" + a.id();
        nameOwner.put(name, var);
      }
      varNames.put(var, name);
    }
    return name;
  }

  private static Event.AccessOp op(int kind) {
    return switch (kind) {
      case AccessKind.READ -> Event.AccessOp.READ;
      case AccessKind.WRITE -> Event.AccessOp.WRITE;
      case AccessKind.ATOMIC_READ -> Event.AccessOp.ATOMIC_READ;
      default -> Event.AccessOp.ATOMIC_WRITE;
    };
  }

  private static void joinInto(int[] into, int @Nullable [] from) {
    if (from == null) {
      return;
    }
    for (int u = 0; u < into.length; u++) {
      if (from[u] > into[u]) {
        into[u] = from[u];
      }
    }
  }

  /**
   * A place in thread u's history where an edge may start: {@code position} is the index in {@code
   * out} after which the edge's first line goes, {@code site} the source line to give that line,
   * {@code know} u's trace knowledge there (never changed after construction; a class rather than a
   * record, since a record would compare the array by identity).
   */
  private static final class Point {
    final int position;
    final int site;
    final int[] know;

    Point(int position, int site, int[] know) {
      this.position = position;
      this.site = site;
      this.know = know;
    }
  }

  /** A growable list of non-decreasing ints (epochs) or positions. */
  private static final class IntList {
    private int[] values = new int[16];
    private int size;

    int size() {
      return size;
    }

    void add(int v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    int get(int i) {
      return values[i];
    }

    /** How many values are at most v (the list must be sorted). */
    int countAtMost(int v) {
      int lo = 0;
      int hi = size;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (values[mid] <= v) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }
}
