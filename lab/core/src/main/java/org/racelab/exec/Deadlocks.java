package org.racelab.exec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.racelab.sync.BarrierState;
import org.racelab.sync.ChannelState;
import org.racelab.sync.CondvarState;
import org.racelab.sync.MutexState;
import org.racelab.sync.RwLockState;

/**
 * Explains why no thread can move: what each blocked thread waits for, who holds it, and the cycle
 * in the wait-for graph when there is one (the classic deadlock: each thread holds what the next
 * one wants).
 *
 * <p>The wait-for graph has an edge from a blocked thread to every thread that holds what it waits
 * for: the owner of a mutex, the writer or every reader of an rwlock, the thread it joins.
 * Channels, barriers and condvars are not held by anyone, so a thread waiting for them has no
 * outgoing edge; the report says instead why nothing will come (the channel is empty and every
 * other thread is stuck or finished, the barrier is short of parties, the notification was lost). A
 * thread that waits for itself (re-locking a mutex it holds) is a cycle of one.
 */
final class Deadlocks {
  private Deadlocks() {}

  static Findings.Deadlock describe(
      Machine m,
      List<ThreadState> threads,
      MutexState[] mutexes,
      RwLockState[] rwlocks,
      List<? extends ChannelState<?>> channels,
      BarrierState[] barriers,
      CondvarState[] condvars) {
    List<Findings.Blocked> blocked = new ArrayList<>();
    Map<Integer, List<Integer>> waitsOn = new LinkedHashMap<>();
    for (ThreadState ts : threads) {
      if (ts.done()) {
        continue;
      }
      Instr i = ts.current();
      String what = "something";
      List<Integer> holders = new ArrayList<>();
      boolean holdsIt = true; // false: the edge is a wait for a thread, which holds nothing
      if (i instanceof Instr.Lock l) {
        MutexState mu = mutexes[l.mutex()];
        what = "mutex " + mu.name() + mutexHeld(mu, ts, threads);
        if (mu.owner() >= 0) {
          holders.add(mu.owner());
        }
      } else if (i instanceof Instr.CondReacquire c) {
        CondvarState cv = condvars[c.condvar()];
        MutexState mu = mutexes[c.mutex()];
        if (cv.isWoken(ts.id)) {
          what =
              "mutex "
                  + mu.name()
                  + " to return from "
                  + cv.name()
                  + ".wait"
                  + mutexHeld(mu, ts, threads);
          if (mu.owner() >= 0) {
            holders.add(mu.owner());
          }
        } else {
          CondvarState.Lost lost = cv.lastLost();
          what =
              "a notification on "
                  + cv.name()
                  + (lost == null
                      ? " (no thread notified it while this thread waited)"
                      : " (the notification by "
                          + lost.thread()
                          + " at line "
                          + lost.line()
                          + " came when nobody was waiting and was lost: check the condition"
                          + " under the mutex before waiting, in a while loop)");
        }
      } else if (i instanceof Instr.RwAcquire r) {
        RwLockState rw = rwlocks[r.rwlock()];
        what = "rwlock " + rw.name() + " for " + (r.write() ? "writing" : "reading");
        if (rw.writer() >= 0) {
          holders.add(rw.writer());
          what += rw.writer() == ts.id ? ", which it already holds for writing" : "";
        } else {
          holders.addAll(rw.readers());
          if (rw.readers().contains(ts.id)) {
            what += ", which it already holds for reading (a read lock cannot be upgraded)";
          }
        }
        what += finishedHolder(holders, ts, threads);
      } else if (i instanceof Instr.Join j) {
        Program.ThreadCode tc = m.program().threads().get(j.thread());
        ThreadState target = null;
        boolean missing = false;
        for (ThreadState t : m.joinTargets(ts, j)) {
          if (t == null) {
            missing = true;
          } else if (!t.done() && target == null) {
            target = t;
          }
        }
        if (target != null) {
          holders.add(target.id);
          holdsIt = false;
          what = "thread " + target.name + " to finish";
        } else if (missing) {
          what = "thread " + tc.name() + " to finish, but no thread spawned it";
        }
      } else if (i instanceof Instr.Recv r) {
        what =
            "a message on "
                + channels.get(r.channel()).name()
                + " (it is empty, and every other thread is finished or stuck, so none will come)";
      } else if (i instanceof Instr.Send s) {
        ChannelState<?> ch = channels.get(s.channel());
        what =
            "room in "
                + ch.name()
                + " (it is full, "
                + ch.size()
                + " of "
                + ch.capacity()
                + " messages, and nobody will receive)";
      } else if (i instanceof Instr.BarrierDepart b) {
        BarrierState bs = barriers[b.barrier()];
        List<String> there = new ArrayList<>();
        for (ThreadState t : threads) {
          if (!t.done()
              && t.current() instanceof Instr.BarrierDepart d
              && d.barrier() == b.barrier()
              && !bs.complete(t.barrierPhase)) {
            there.add(t.name);
          }
        }
        int missingParties = bs.parties() - bs.arrived();
        what =
            "barrier "
                + bs.name()
                + " ("
                + bs.arrived()
                + " of "
                + bs.parties()
                + " threads have arrived: "
                + String.join(", ", there)
                + "; it waits for "
                + missingParties
                + " more, which will never come)";
      }
      waitsOn.put(ts.id, holders);
      List<String> names = new ArrayList<>();
      for (int h : holders) {
        if (holdsIt) {
          names.add(threads.get(h).name);
        }
      }
      blocked.add(
          new Findings.Blocked(
              ts.name, m.lineOf(ts.id), what, names.isEmpty() ? null : String.join(", ", names)));
    }
    return new Findings.Deadlock(List.copyOf(blocked), cycle(waitsOn, threads));
  }

  private static String mutexHeld(MutexState mu, ThreadState ts, List<ThreadState> threads) {
    int owner = mu.owner();
    if (owner < 0) {
      return "";
    }
    if (owner == ts.id) {
      return ", which it already holds since line "
          + mu.lockLine()
          + " (a mutex is not re-entrant: the thread waits for itself)";
    }
    return ", held since line " + mu.lockLine() + finishedHolder(List.of(owner), ts, threads);
  }

  private static String finishedHolder(
      List<Integer> holders, ThreadState ts, List<ThreadState> threads) {
    for (int h : holders) {
      if (h != ts.id && threads.get(h).done()) {
        return " (" + threads.get(h).name + " finished without unlocking it)";
      }
    }
    return "";
  }

  /** A cycle of the wait-for graph, found by depth-first search, as thread names; or empty. */
  private static List<String> cycle(
      Map<Integer, List<Integer>> waitsOn, List<ThreadState> threads) {
    Set<Integer> explored = new HashSet<>();
    for (int start : waitsOn.keySet()) {
      List<Integer> path = new ArrayList<>();
      List<Integer> found = dfs(start, waitsOn, path, explored);
      if (found != null) {
        List<String> names = new ArrayList<>();
        for (int t : found) {
          names.add(threads.get(t).name);
        }
        return names;
      }
    }
    return List.of();
  }

  private static @Nullable List<Integer> dfs(
      int t, Map<Integer, List<Integer>> waitsOn, List<Integer> path, Set<Integer> explored) {
    int at = path.indexOf(t);
    if (at >= 0) {
      return new ArrayList<>(path.subList(at, path.size()));
    }
    List<Integer> next = waitsOn.get(t);
    if (next == null || explored.contains(t)) {
      return null; // t can move, finished, or waits for nobody in particular
    }
    path.add(t);
    for (int u : next) {
      List<Integer> c = dfs(u, waitsOn, path, explored);
      if (c != null) {
        return c;
      }
    }
    path.remove(path.size() - 1);
    explored.add(t); // no cycle through t: do not search from it again
    return null;
  }
}
