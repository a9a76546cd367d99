package org.racelab.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.racelab.exec.Machine;

/**
 * The reduced search must reach every Mazurkiewicz trace that the unreduced search (every enabled
 * thread tried in every state) reaches: the same set of trace signatures, on hand-picked programs
 * that exercise each kind of step and on seeded random ones (30, or {@code
 * racelab.explore.programs}; 1000 under {@code -Pstress}); random programs whose unreduced search
 * exceeds 20,000 schedules are skipped. It must also never run more schedules than the unreduced
 * search, nor two schedules of the same trace.
 */
class ExplorerOracleTest {
  private static final Explorer.Bounds BOUNDS = new Explorer.Bounds(20_000, -1, 1);

  static Stream<Arguments> programs() {
    List<Arguments> out = new ArrayList<>();
    out.add(
        Arguments.of(
            "spawn and join",
            "shared x: i32 = 0\nthread main { spawn h(1)\n x = 1\n join h\n x = 3 }\n"
                + "thread h(n: i64) spawned { x = 2 }"));
    out.add(
        Arguments.of(
            "an earlier race whose reversal a sleep set would hide",
            // reversing only the last race per step (Flanagan & Godefroid's original) together with
            // sleep sets never runs t2's load before the CAS while t1's comes after it
            "atomic a: i32 = 0\nshared y: i32 = 0\n"
                + "thread t0 { let v0 = a.compare_exchange(0, 1, acq_rel, relaxed) }\n"
                + "thread t1 { let v0 = y\n let v1 = a.load(acquire) }\n"
                + "thread t2 { let v0 = y\n let v1 = a.load(acquire)\n fence(seq_cst) }"));
    out.add(
        Arguments.of(
            "joins of two children",
            "shared x: i32 = 0\nshared y: i32 = 0\n"
                + "thread main { spawn a(0)\n spawn b(0)\n join a\n let v = x\n y = 1\n join b\n"
                + " let w = x }\n"
                + "thread a(n: i64) spawned { x = 1 }\nthread b(n: i64) spawned { let u = y\n x = 2 }"));
    out.add(
        Arguments.of(
            "condvar",
            "shared ready: bool = false\nmutex m\ncondvar cv\n"
                + "thread w { lock m { while !ready { cv.wait(m) } } }\n"
                + "thread s { lock m { ready = true }\n cv.notify_one() }"));
    out.add(
        Arguments.of(
            "channel",
            "channel ch: i32\nshared x: i32 = 0\nthread p[2] { x = tid\n ch.send(tid) }\n"
                + "thread c { let a = ch.recv()\n let b = ch.recv()\n let v = x }"));
    out.add(
        Arguments.of(
            "barrier",
            "barrier b(2)\nshared x: [i32; 2] = 0\nshared y: i32 = 0\n"
                + "thread w[2] { x[tid] = 1\n b.wait()\n let v = x[1 - tid]\n y = tid }"));
    out.add(
        Arguments.of(
            "rwlock",
            "rwlock rw\nshared x: i32 = 0\nthread r[2] { read rw { let v = x } }\n"
                + "thread w { write rw { x = 1 } }"));
    out.add(
        Arguments.of(
            "lock inversion",
            "mutex a\nmutex b\nshared x: i32 = 0\nthread t1 { lock a { lock b { x = 1 } } }\n"
                + "thread t2 { lock b { lock a { x = 2 } } }"));
    out.add(
        Arguments.of(
            "seq_cst",
            "atomic x: i32 = 0\natomic y: i32 = 0\nshared r: [i32; 2] = 0\n"
                + "thread a { x.store(1, seq_cst)\n r[0] = y.load(seq_cst) }\n"
                + "thread b { y.store(1, seq_cst)\n fence(seq_cst)\n r[1] = x.load(relaxed) }"));
    out.add(
        Arguments.of(
            "heap handover",
            "shared p: ptr<i32> = null\nshared done: bool = false\nmutex m\n"
                + "thread a { let q = alloc i32\n *q = 1\n lock m { p = q } }\n"
                + "thread b { let q: ptr<i32> = null\n lock m { q = p }\n"
                + " if q != null { *q = 2\n free q } }"));
    out.add(
        Arguments.of(
            "boxes and stack slots",
            "shared x: i32 = 0\nthread w[2] { local s: i32 = 1\n let b = box i32 = 2\n"
                + " x = *b + s }"));
    out.add(
        Arguments.of(
            "spin lock",
            "atomic l: bool = false\nshared c: i32 = 0\n"
                + "thread w[2] { while l.swap(true, acquire) { }\n c = c + 1\n"
                + " l.store(false, release) }"));
    out.add(
        Arguments.of(
            "compare-exchange",
            "atomic a: i32 = 0\nshared x: i32 = 0\n"
                + "thread w[2] { let ok = a.compare_exchange(0, tid + 1, acq_rel, relaxed)\n"
                + " if ok { x = tid } }"));
    SplittableRandom random = new SplittableRandom(20261124);
    int n = Integer.getInteger("racelab.explore.programs", 30);
    for (int i = 0; i < n; i++) {
      out.add(Arguments.of("random " + i, randomProgram(random)));
    }
    return out.stream();
  }

  private static String randomProgram(SplittableRandom random) {
    StringBuilder sb =
        new StringBuilder(
            "shared x: i32 = 0\nshared y: i32 = 0\natomic a: i32 = 0\nmutex m\nrwlock rw\n");
    int threads = 2 + random.nextInt(2);
    for (int t = 0; t < threads; t++) {
      sb.append("thread t").append(t).append(" {\n");
      int ops = 1 + random.nextInt(threads == 2 ? 3 : 2);
      for (int k = 0; k < ops; k++) {
        String v = "v" + k;
        int value = 1 + t;
        String op =
            switch (random.nextInt(15)) {
              case 12 -> "read rw { let " + v + " = x }";
              case 13 -> "write rw { x = " + value + " }";
              case 14 -> "lock m { y = y + 1 }";
              case 0 -> "x = " + value;
              case 1 -> "let " + v + " = x";
              case 2 -> "x = x + 1";
              case 3 -> "y = " + value;
              case 4 -> "let " + v + " = y";
              case 5 -> "lock m { x = x + 1 }";
              case 6 ->
                  "a.store(" + value + ", " + (random.nextBoolean() ? "relaxed" : "release") + ")";
              case 7 ->
                  "let " + v + " = a.load(" + (random.nextBoolean() ? "relaxed" : "acquire") + ")";
              case 8 -> "a.fetch_add(1, relaxed)";
              case 9 -> "yield";
              case 10 -> "let " + v + " = a.compare_exchange(0, " + value + ", acq_rel, relaxed)";
              default ->
                  random.nextBoolean() ? "fence(seq_cst)" : "let " + v + " = a.load(seq_cst)";
            };
        sb.append("  ").append(op).append('\n');
      }
      sb.append("}\n");
    }
    return sb.toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("programs")
  void reducedSearchReachesEveryTraceTheFullSearchReaches(String name, String body) {
    String src = String.format(Locale.ROOT, "scenario \"%s\"\n%s\nexpect no race\n", name, body);
    Explorations.Outcome full = Explorations.explore(src, BOUNDS, false);
    Assumptions.assumeTrue(full.explorer().complete(), "the full search is too large");
    Explorations.Outcome reduced = Explorations.explore(src, BOUNDS, true);
    assertTrue(reduced.explorer().complete());
    Set<String> missing = new HashSet<>(full.classes());
    missing.removeAll(reduced.classes());
    assertEquals(Set.of(), missing, "traces the reduction missed in:\n" + body);
    assertEquals(full.classes(), reduced.classes());
    assertTrue(reduced.runs() <= full.runs());
    // sleep sets never run two schedules of one trace to the end (Godefroid 1996)
    assertEquals(reduced.classes().size(), reduced.runs());
  }

  @Test
  void reducedSearchWithSpuriousWakeUpsAgreesToo() {
    String src =
        "scenario \"t\"\nshared ready: bool = false\nmutex m\ncondvar cv\n"
            + "thread w[2] { lock m { while !ready { cv.wait(m) } } }\n"
            + "thread s { lock m { ready = true }\n cv.notify_all() }\nexpect no race\n";
    Machine.Options spurious = new Machine.Options(100_000, 20_000_000L, true);
    Explorations.Outcome full =
        Explorations.explore(Explorations.compile(src), BOUNDS, false, spurious);
    Explorations.Outcome reduced =
        Explorations.explore(Explorations.compile(src), BOUNDS, true, spurious);
    assertTrue(full.explorer().complete());
    assertEquals(full.classes(), reduced.classes());
  }
}
