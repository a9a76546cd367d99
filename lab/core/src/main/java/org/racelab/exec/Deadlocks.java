package org.racelab.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.racelab.sync.BarrierState;
import org.racelab.sync.ChannelState;
import org.racelab.sync.CondvarState;
import org.racelab.sync.MutexState;
import org.racelab.sync.RwLockState;

/**
 * Explains why no thread can move: what each blocked thread waits for and who holds it, and the
 * cycle in the wait-for graph when there is one (the classic deadlock: each thread holds what the
 * next one wants).
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
    Map<Integer, Integer> waitsOn = new HashMap<>();
    for (ThreadState ts : threads) {
      if (ts.done()) {
        continue;
      }
      Instr i = ts.current();
      String what = "something";
      int holder = -1;
      if (i instanceof Instr.Lock l) {
        MutexState mu = mutexes[l.mutex()];
        holder = mu.owner();
        what =
            "mutex "
                + mu.name()
                + (holder == ts.id
                    ? ", which it already holds (a mutex is not re-entrant)"
                    : holder >= 0 ? ", held since line " + mu.lockLine() : "");
      } else if (i instanceof Instr.CondReacquire c) {
        CondvarState cv = condvars[c.condvar()];
        if (cv.isWoken(ts.id)) {
          MutexState mu = mutexes[c.mutex()];
          holder = mu.owner();
          what = "mutex " + mu.name() + " (to return from " + cv.name() + ".wait)";
        } else {
          what =
              "a notification on "
                  + cv.name()
                  + " (if it was sent before this thread waited, it was lost)";
        }
      } else if (i instanceof Instr.RwAcquire r) {
        RwLockState rw = rwlocks[r.rwlock()];
        holder = rw.writer();
        if (holder < 0) {
          for (int reader : rw.readers()) {
            holder = reader;
            break;
          }
        }
        what = "rwlock " + rw.name() + " for " + (r.write() ? "writing" : "reading");
      } else if (i instanceof Instr.Join j) {
        Program.ThreadCode tc = m.program().threads().get(j.thread());
        ThreadState target = null;
        for (ThreadState t : threads) {
          if (t.decl == j.thread() && !t.done()) {
            target = t;
            break;
          }
        }
        if (target != null) {
          holder = target.id;
          what = "thread " + target.name + " to finish";
        } else {
          what = "thread " + tc.name() + " to finish, but it was never spawned";
        }
      } else if (i instanceof Instr.Recv r) {
        what = "a message on " + channels.get(r.channel()).name() + " (it is empty)";
      } else if (i instanceof Instr.Send s) {
        what = "room in " + channels.get(s.channel()).name() + " (it is full)";
      } else if (i instanceof Instr.BarrierDepart b) {
        BarrierState bs = barriers[b.barrier()];
        what =
            "barrier "
                + bs.name()
                + " ("
                + bs.arrived()
                + " of "
                + bs.parties()
                + " threads have arrived)";
      }
      if (holder >= 0) {
        waitsOn.put(ts.id, holder);
      }
      blocked.add(
          new Findings.Blocked(
              ts.name, m.lineOf(ts.id), what, holder >= 0 ? threads.get(holder).name : null));
    }
    return new Findings.Deadlock(List.copyOf(blocked), cycle(waitsOn, threads));
  }

  private static List<String> cycle(Map<Integer, Integer> waitsOn, List<ThreadState> threads) {
    for (int start : waitsOn.keySet()) {
      List<Integer> path = new ArrayList<>();
      @Nullable Integer t = start;
      while (t != null && !path.contains(t)) {
        path.add(t);
        t = waitsOn.get(t);
      }
      if (t != null) {
        List<String> names = new ArrayList<>();
        for (int k = path.indexOf(t); k < path.size(); k++) {
          names.add(threads.get(path.get(k)).name);
        }
        return names;
      }
    }
    return List.of();
  }
}
