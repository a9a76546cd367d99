package org.racelab.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.racelab.experiment.RunResult;
import org.racelab.testing.Scenarios;

/**
 * No false alarms: correct programs that mix Boxes, Vecs, stack slots and raw pointers across
 * properly synchronised threads must come out clean (no race, no UB, no panic, no leak) in every
 * schedule tried.
 */
class CorrectProgramsAreCleanTest {

  record Program(String name, String source) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Program> programs() {
    return Stream.of(
        new Program(
            "a heap block published with release/acquire and freed by the consumer",
            """
            scenario "t"
            atomic slot: ptr<i32> = null
            thread producer {
                let p = alloc i32
                *p = 5
                slot.store(p, release)
            }
            thread consumer {
                let q: ptr<i32> = null
                while q == null { q = slot.load(acquire) }
                assert *q == 5
                free q
            }
            """),
        new Program(
            "Vec elements and a stack counter lent to workers until they are joined",
            """
            scenario "t"
            mutex m
            thread main {
                let v = vec i64 cap 1
                v.push(10)
                v.push(20)
                local acc: i64 = 0
                spawn w1(&v[0], &acc)
                spawn w2(&v[1], &acc)
                join w1
                join w2
                assert acc == 2
                assert v[0] == 11 && v[1] == 21
            }
            thread w1(e: ptr<i64>, acc: ptr<i64>) spawned {
                *e = *e + 1
                lock m { *acc = *acc + 1 }
            }
            thread w2(e: ptr<i64>, acc: ptr<i64>) spawned {
                *e = *e + 1
                lock m { *acc = *acc + 1 }
            }
            """),
        new Program(
            "Boxes sent through a channel, each freed by the receiver",
            """
            scenario "t"
            channel ch: box<i64> cap 1
            thread producer {
                let i = 0
                while i < 3 {
                    let b = box i64 = i
                    ch.send(b)
                    i = i + 1
                }
            }
            thread consumer {
                let sum = 0
                repeat 3 {
                    let b = ch.recv()
                    sum = sum + *b
                }
                assert sum == 3
            }
            """),
        new Program(
            "raw pointers through a channel, freed by the receiver after the sender is done",
            """
            scenario "t"
            channel ch: ptr<i32>
            thread producer {
                repeat 2 {
                    let p = alloc [i32; 2]
                    p[0] = 1
                    p[1] = 2
                    ch.send(p)
                }
            }
            thread consumer {
                repeat 2 {
                    let p = ch.recv()
                    assert p[0] + p[1] == 3
                    free p
                }
            }
            """),
        new Program(
            "an atomic counter in a heap cell shared by a thread array",
            """
            scenario "t"
            shared counter: ptr<i64> = null
            thread main {
                let c = box i64 = 0
                counter = c
                spawn a()
                spawn b()
                join a
                join b
                assert *c == 2
            }
            thread a() spawned { let p = counter
                p[0].fetch_add(1, relaxed) }
            thread b() spawned { let p = counter
                p[0].fetch_add(1, relaxed) }
            """),
        new Program(
            "a Box moved into a worker that reports back over a channel",
            """
            scenario "t"
            channel result: i64
            thread main {
                let b = box [i64; 3] = [1, 2, 3]
                spawn worker(b)
                assert result.recv() == 6
                join worker
            }
            thread worker(data: box<[i64; 3]>) spawned {
                result.send(data[0] + data[1] + data[2])
            }
            """),
        new Program(
            "a stack array whose halves are written by two threads between barriers",
            """
            scenario "t"
            barrier bar(3)
            channel ch: ptr<i32>
            thread main {
                local buf: [i32; 4] = 0
                ch.send(&buf[0])
                ch.send(&buf[2])
                bar.wait()
                bar.wait()
                assert buf[0] + buf[1] + buf[2] + buf[3] == 4
            }
            thread half[2] {
                let p = ch.recv()
                bar.wait()
                p[0] = 1
                p[1] = 1
                bar.wait()
            }
            """),
        new Program(
            "pointers compared after their target was freed, never dereferenced",
            """
            scenario "t"
            thread main {
                let p = alloc i32
                let q = p
                free p
                let r = alloc i32
                let same = q == r
                free r
            }
            """),
        new Program(
            "a Vec that grows while no pointer into it is kept",
            """
            scenario "t"
            thread main {
                let v = vec u8 cap 0
                let i = 0
                while i < 20 {
                    v.push(i as u8)
                    i = i + 1
                }
                assert v.len() == 20
                assert v[19] == 19
                let s = &v[5..10]
                assert s[4] == 9
            }
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("programs")
  void aCorrectProgramIsCleanInEverySchedule(Program p) {
    RunResult r = Scenarios.run(p.source(), 30);
    assertEquals(List.of(), MemoryRuns.ub(r), p.name());
    assertEquals(List.of(), r.races(), p.name());
    assertEquals(List.of(), r.panics(), p.name());
    assertEquals(List.of(), r.leaks(), p.name());
    assertNull(r.deadlock(), p.name());
    assertNull(r.stepLimit(), p.name());
    assertTrue(r.explored() == 30);
  }
}
