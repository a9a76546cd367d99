package org.racelab.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.racelab.exec.Compiler;
import org.racelab.experiment.Experiment;
import org.racelab.experiment.RunResult;
import org.racelab.scenario.Decl;
import org.racelab.scenario.Pos;
import org.racelab.scenario.Scenario;
import org.racelab.scenario.ScenarioException;
import org.racelab.scenario.ScenarioPrinter;
import org.racelab.scenario.Stmt;
import org.racelab.scenario.ThreadDecl;
import org.racelab.testing.Scenarios;

/** Each rewrite, as the program it prints, and each refusal, with its position. */
class StrategiesTest {

  private static final String WORKERS =
      """
      shared counter: i32 = 0
      shared a: [i32; 4] = 0
      shared i: i32 = 0
      atomic hits: i64 = 0
      thread_local mine: i32 = 0

      thread worker[2] {
          let n = 0
          local slot: i64 = 0
          while n < 3 {
              critical {
                  counter = counter + 1
                  a[i] = a[i + 1] * 2
                  let seen = counter
                  n = n + 1
                  slot = slot + seen
                  mine = mine + 1
                  hits.fetch_add(1, relaxed)
                  if counter > 10 {
                      break
                  }
              }
          }
          critical read {
              n = counter
          }
      }
      """;

  private static Scenario apply(String strategy, String source) throws ScenarioException {
    return Strategies.apply(strategy, Scenarios.parse(source));
  }

  private static String thread(Scenario s, int k) {
    return ScenarioPrinter.print(s.threads().get(k));
  }

  private static ScenarioException refused(String strategy, String source) {
    return assertThrows(ScenarioException.class, () -> apply(strategy, source));
  }

  @Test
  void theStrategiesAreListedInTheOrderComparisonsShowThem() {
    assertEquals(
        List.of(
            "none", "mutex", "rwlock", "spin", "channel", "atomic", "relaxed", "release-acquire"),
        Strategies.names());
  }

  @Test
  void noneRunsTheCriticalBlocksAsWritten() throws Exception {
    Scenario s = Scenarios.parse(WORKERS);
    assertSame(s, Strategies.apply("none", s));
  }

  @Test
  void mutexWrapsEveryCriticalBlockInOneMutexItAddsUnderAFreshName() throws Exception {
    Scenario s = apply("mutex", WORKERS);
    Decl lock = s.decls().get(s.decls().size() - 1);
    assertTrue(lock instanceof Decl.Mutex);
    assertEquals("critical_mutex", lock.name());
    assertEquals(Pos.NONE, lock.pos());
    assertEquals(
        """
        thread worker[2] {
            let n = 0
            local slot: i64 = 0
            while n < 3 {
                lock critical_mutex {
                    counter = counter + 1
                    a[i] = a[i + 1] * 2
                    let seen = counter
                    n = n + 1
                    slot = slot + seen
                    mine = mine + 1
                    hits.fetch_add(1, relaxed)
                    if counter > 10 {
                        break
                    }
                }
            }
            lock critical_mutex {
                n = counter
            }
        }
        """,
        thread(s, 0));
  }

  @Test
  void rwlockTakesTheWriteLockForCriticalAndTheReadLockForCriticalRead() throws Exception {
    Scenario s = apply("rwlock", WORKERS);
    Decl lock = s.decls().get(s.decls().size() - 1);
    assertTrue(lock instanceof Decl.RwLock);
    String t = thread(s, 0);
    assertTrue(t.contains("        write critical_rwlock {\n            counter = counter + 1"), t);
    assertTrue(t.contains("    read critical_rwlock {\n        n = counter\n    }"), t);
  }

  @Test
  void spinTakesATestAndSetLockAndReleasesItOnEveryWayOut() throws Exception {
    Scenario s = apply("spin", WORKERS);
    Decl.Var flag = (Decl.Var) s.decls().get(s.decls().size() - 1);
    assertEquals("critical_spin", flag.name());
    assertEquals(Decl.Storage.ATOMIC, flag.storage());
    assertEquals(
        """
        thread worker[2] {
            let n = 0
            local slot: i64 = 0
            while n < 3 {
                {
                    while !critical_spin.compare_exchange(false, true, acquire, relaxed) { }
                    {
                        counter = counter + 1
                        a[i] = a[i + 1] * 2
                        let seen = counter
                        n = n + 1
                        slot = slot + seen
                        mine = mine + 1
                        hits.fetch_add(1, relaxed)
                        if counter > 10 {
                            {
                                critical_spin.store(false, release)
                                break
                            }
                        }
                    }
                    critical_spin.store(false, release)
                }
            }
            {
                while !critical_spin.compare_exchange(false, true, acquire, relaxed) { }
                {
                    n = counter
                }
                critical_spin.store(false, release)
            }
        }
        """,
        thread(s, 0));
  }

  @Test
  void channelPassesATokenThroughACapacityOneChannelAndGivesItBackOnEveryWayOut() throws Exception {
    Scenario s = apply("channel", WORKERS);
    Decl.Channel token = (Decl.Channel) s.decls().get(s.decls().size() - 1);
    assertEquals("critical_token", token.name());
    assertEquals(1, token.capacity());
    assertEquals(Pos.NONE, token.pos());
    String t = thread(s, 0);
    assertTrue(
        t.contains(
            "        {\n            critical_token.send(true)\n            {\n"
                + "                counter = counter + 1\n"),
        t);
    assertTrue(
        t.contains(
            "                    {\n                        critical_token.recv()\n"
                + "                        break\n"),
        t);
    assertTrue(t.contains("            }\n            critical_token.recv()\n        }"), t);
  }

  @Test
  void channelMakesTheCounterRaceFreeAndExact() throws Exception {
    String counter =
        """
        shared count: i64 = 0
        thread w[3] {
            repeat 4 {
                critical { count = count + 1 }
            }
        }
        expect final count == 12
        expect no race
        """;
    RunResult r =
        Experiment.of(Scenarios.parse(counter))
            .withStrategy("channel")
            .withSchedules(30)
            .run(Experiment.Progress.NONE);
    assertTrue(r.allHeld(), () -> r.expectations().toString());
  }

  @Test
  void aBreakOfAForLoopInsideTheBlockKeepsTheTokenAndOneThatLeavesTheBlockGivesItBack()
      throws Exception {
    Scenario s =
        apply(
            "channel",
            """
            shared x: i32 = 0
            thread t {
                loop {
                    critical {
                        for i in 0..3 {
                            if i == 1 { break }
                        }
                        if x == 0 {
                            break
                        }
                    }
                }
            }
            """);
    String t = thread(s, 0);
    assertEquals(3, t.split("critical_token.recv\\(\\)", -1).length, t);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mutex", "spin", "channel", "atomic", "relaxed", "release-acquire"})
  void criticalBlocksInsideForLoopsAreProtectedAndTheLoopVariableStaysALocal(String strategy)
      throws Exception {
    String counter =
        """
        shared count: i64 = 0
        shared a: [i64; 4] = 0
        thread w[2] {
            for i in 0..4 {
                critical { a[i] = i
                           count = count + 1 }
            }
        }
        expect no race
        """;
    Scenario s = apply(strategy, counter);
    String t = thread(s, 0);
    assertTrue(t.startsWith("thread w[2] {\n    for i in 0..4 {\n"), t);
    assertTrue(!t.contains("critical {"), "the block inside the for loop was rewritten: " + t);
    assertTrue(!t.contains("i.load"), "the loop variable is a register, not memory: " + t);
    RunResult r =
        Experiment.of(Scenarios.parse(counter))
            .withStrategy(strategy)
            .withSchedules(10)
            .run(Experiment.Progress.NONE);
    assertTrue(r.allHeld(), () -> strategy + ": " + r.expectations());
  }

  @Test
  void spinLeavesABreakOfALoopInsideTheBlockAlone() throws Exception {
    Scenario s =
        apply(
            "spin",
            """
            shared x: i32 = 0
            thread t {
                critical {
                    loop {
                        x = x + 1
                        break
                    }
                }
            }
            """);
    assertTrue(
        thread(s, 0)
            .contains(
                "        {\n            loop {\n                x = x + 1\n"
                    + "                break\n            }\n        }"),
        thread(s, 0));
  }

  @Test
  void atomicMakesEverySharedReadASeqCstLoadAndEveryWriteASeqCstStore() throws Exception {
    Scenario s = apply("atomic", WORKERS);
    assertEquals(Scenarios.parse(WORKERS).decls(), s.decls());
    assertEquals(
        """
        thread worker[2] {
            let n = 0
            local slot: i64 = 0
            while n < 3 {
                {
                    counter.store(counter.load(seq_cst) + 1, seq_cst)
                    a[i.load(seq_cst)].store(a[i.load(seq_cst) + 1].load(seq_cst) * 2, seq_cst)
                    let seen = counter.load(seq_cst)
                    n = n + 1
                    slot = slot + seen
                    mine = mine + 1
                    hits.fetch_add(1, relaxed)
                    if counter.load(seq_cst) > 10 {
                        break
                    }
                }
            }
            {
                n = counter.load(seq_cst)
            }
        }
        """,
        thread(s, 0));
  }

  @Test
  void relaxedAndReleaseAcquireUseTheirOwnOrderings() throws Exception {
    assertTrue(
        thread(apply("relaxed", WORKERS), 0)
            .contains("counter.store(counter.load(relaxed) + 1, relaxed)"));
    assertTrue(
        thread(apply("release-acquire", WORKERS), 0)
            .contains("counter.store(counter.load(acquire) + 1, release)"));
  }

  @Test
  void atomicLoadsAPointerHeldInSharedMemoryBeforeFollowingIt() throws Exception {
    Scenario s =
        apply(
            "atomic",
            """
            shared p: ptr<i32> = null
            thread t {
                let mine = alloc i32
                critical {
                    p = mine
                    *p = 5
                    let q = p
                    *q = *p + 1
                    mine[0] = 3
                }
                free mine
            }
            """);
    assertEquals(
        """
        thread t {
            let mine = alloc i32
            {
                p.store(mine, seq_cst)
                (*p.load(seq_cst)).store(5, seq_cst)
                let q = p.load(seq_cst)
                (*q).store((*p.load(seq_cst)).load(seq_cst) + 1, seq_cst)
                mine[0].store(3, seq_cst)
            }
            free mine
        }
        """,
        thread(s, 0));
  }

  @Test
  void atomicMakesHeapAccessesThroughABoxOrAVecAtomicButNotStackSlots() throws Exception {
    Scenario s =
        apply(
            "atomic",
            """
            thread t {
                let b = box [i32; 2] = 0
                let v = vec i32 cap 2
                v.push(1)
                local buf: [i32; 2] = 0
                critical {
                    b[1] = v[0] + buf[1]
                    buf[0] = v.len() as i32
                }
            }
            """);
    String t = thread(s, 0);
    assertTrue(t.contains("b[1].store(v[0].load(seq_cst) + buf[1], seq_cst)"), t);
    assertTrue(t.contains("buf[0] = v.len() as i32"), t);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"mutex", "rwlock", "spin", "channel", "atomic", "relaxed", "release-acquire"})
  void codeOutsideCriticalBlocksIsNeverTouched(String strategy) throws Exception {
    Scenario before = Scenarios.parse(WORKERS);
    Scenario after = Strategies.apply(strategy, before);
    Stmt.Block b = before.threads().get(0).body();
    Stmt.Block a = after.threads().get(0).body();
    // let n, local slot: the same objects; the loop and the last block hold critical blocks
    assertSame(b.body().get(0), a.body().get(0));
    assertSame(b.body().get(1), a.body().get(1));
    assertSame(((Stmt.While) b.body().get(2)).cond(), ((Stmt.While) a.body().get(2)).cond());
    assertSame(before.expectations(), after.expectations());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "none",
        "mutex",
        "rwlock",
        "spin",
        "channel",
        "atomic",
        "relaxed",
        "release-acquire"
      })
  void aScenarioWithoutCriticalBlocksComesBackUnchanged(String strategy) throws Exception {
    Scenario s = Scenarios.parse("shared x: i32 = 0\nthread t { x = 1 }\n");
    assertSame(s, Strategies.apply(strategy, s));
    assertTrue(!Strategies.hasCritical(s));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "none",
        "mutex",
        "rwlock",
        "spin",
        "channel",
        "atomic",
        "relaxed",
        "release-acquire"
      })
  void everyRewriteOfTheWorkersCompiles(String strategy) throws Exception {
    Compiler.compile(apply(strategy, WORKERS));
  }

  @Test
  void theAddedLockTakesANameTheScenarioDoesNotUse() throws Exception {
    Scenario s =
        apply(
            "mutex",
            """
            shared critical_mutex: i32 = 0
            thread t {
                let critical_mutex_2 = 1  # a local name is taken too
                critical { critical_mutex = 1 }
            }
            """);
    assertEquals("critical_mutex_3", s.decls().get(1).name());
  }

  @Test
  void atomicRefusesAnF64AtTheAccessAndSaysWhy() {
    ScenarioException e =
        refused(
            "atomic",
            """
            shared total: f64 = 0.0
            thread t {
                critical {
                    total = total + 1.5
                }
            }
            """);
    assertEquals(
        "test.race:4:9: strategy atomic cannot make this write of total atomic: it is f64, and"
            + " atomics hold integers, bool, char and thin pointers only; protect this block with a"
            + " lock strategy (mutex, rwlock, spin, channel) instead",
        e.getMessage());
  }

  @Test
  void atomicRefusesAVecPush() {
    ScenarioException e =
        refused(
            "relaxed",
            """
            thread t {
                let v = vec i32 cap 1
                critical {
                    v.push(1)
                }
            }
            """);
    assertTrue(
        e.getMessage()
            .startsWith("test.race:4:11: strategy relaxed cannot make v.push(...)" + " atomic"),
        e.getMessage());
  }

  @Test
  void anAccessWhoseTypeOnlyTheCompilerKnowsIsCheckedByCompilingTheRewrite() {
    ScenarioException e =
        refused(
            "atomic",
            """
            shared total: f64 = 0.0
            thread t {
                let p = &total + 0
                critical {
                    *p = 2.5
                }
            }
            """);
    assertTrue(
        e.getMessage().startsWith("test.race:5:9: strategy atomic cannot rewrite this access:"),
        e.getMessage());
    assertTrue(e.getMessage().contains("f64"), e.getMessage());
  }

  @Test
  void aScenarioThatDoesNotCompileAnywayIsReportedWithoutBlamingTheStrategy() {
    ScenarioException e =
        refused(
            "atomic",
            """
            shared x: i32 = 0
            thread t {
                critical {
                    x = y
                }
            }
            """);
    assertEquals("test.race:4:13: 'y' is not declared", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"mutex", "rwlock", "spin"})
  void lockStrategiesRefuseACriticalBlockInsideACriticalBlock(String strategy) {
    ScenarioException e =
        refused(
            strategy,
            """
            shared x: i32 = 0
            thread t {
                critical {
                    critical read {
                        x = 1
                    }
                }
            }
            """);
    assertEquals(
        "test.race:4:9: strategy "
            + strategy
            + " cannot protect the critical block at line 3: it enters another critical block"
            + " while holding the critical lock, and every critical block takes the same lock, so"
            + " this thread would wait for itself (deadlock); merge the two blocks into one",
        e.getMessage());
  }

  @Test
  void atomicStrategiesAcceptNestedCriticalBlocks() throws Exception {
    Scenario s =
        apply(
            "atomic",
            """
            shared x: i32 = 0
            thread t {
                critical {
                    critical read {
                        x = 1
                    }
                }
            }
            """);
    assertTrue(thread(s, 0).contains("x.store(1, seq_cst)"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "lock m { }",
        "m.lock()",
        "read rw { }",
        "let v = ch.recv()",
        "bounded.send(1)",
        "b.wait()",
        "cv.wait(m)",
        "join helper"
      })
  void lockStrategiesRefuseToWaitWhileHoldingTheCriticalLock(String waiting) {
    ScenarioException e =
        refused(
            "mutex",
            String.format(
                Locale.ROOT,
                """
            mutex m
            rwlock rw
            channel ch: i32
            channel bounded: i32 cap 1
            barrier b(2)
            condvar cv
            shared x: i32 = 0
            thread t {
                spawn helper
                critical {
                    x = 1
                    %s
                }
            }
            thread helper spawned {
                critical { x = 2 }
            }
            """,
                waiting));
    assertTrue(
        e.getMessage().startsWith("test.race:12:")
            && e.getMessage()
                .contains("strategy mutex cannot protect the critical block at line 10: "),
        e.getMessage());
  }

  @Test
  void lockStrategiesAllowWhatNeverWaits() throws Exception {
    Scenario s =
        apply(
            "spin",
            """
            channel ch: i32
            condvar cv
            shared x: i32 = 0
            thread t {
                critical {
                    spawn helper
                    ch.send(1)
                    cv.notify_all()
                    yield
                    join other
                }
            }
            thread helper spawned { let v = ch.recv() }
            thread other { x = 1 }
            """);
    Compiler.compile(s);
  }

  @Test
  void aJoinIsRefusedWhenTheJoinedThreadWaitsForOneThatNeedsTheLock() {
    ScenarioException e =
        refused(
            "mutex",
            """
            shared x: i32 = 0
            thread t {
                critical {
                    join middle
                }
            }
            thread middle { join last }
            thread last { critical { x = 1 } }
            """);
    assertTrue(e.getMessage().contains("it joins thread middle"), e.getMessage());
  }

  @Test
  void anUnknownStrategyNamesTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Strategies.get("lockfree"));
    assertEquals(
        "unknown strategy 'lockfree' (strategies: none, mutex, rwlock, spin, channel, atomic, relaxed,"
            + " release-acquire)",
        e.getMessage());
  }

  @Test
  void everyStrategySaysWhatItDoes() {
    for (Strategy s : Strategies.all()) {
      assertTrue(s.description().length() > 20, s.name());
    }
    assertEquals(Strategy.Kind.LOCK, Strategies.get("spin").kind());
    assertEquals(Strategy.Kind.ATOMIC, Strategies.get("release-acquire").kind());
    assertEquals(Strategy.Kind.NONE, Strategies.get("none").kind());
  }

  @Test
  void threadsKeepTheirDeclarations() throws Exception {
    Scenario s = apply("atomic", WORKERS);
    ThreadDecl t = s.threads().get(0);
    assertEquals("worker", t.name());
    assertEquals(2, t.instances());
  }
}
