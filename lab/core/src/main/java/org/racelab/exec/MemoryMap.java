package org.racelab.exec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.racelab.memory.Allocation;
import org.racelab.memory.Memory;
import org.racelab.value.BoxValue;
import org.racelab.value.Pointer;
import org.racelab.value.Value;
import org.racelab.value.VecValue;

/**
 * A picture of memory at one moment (the first UB): every block with its cells, and every thread's
 * locals that hold pointers, Boxes or Vecs, so a report can draw pointers as arrows. (With OS
 * threads, the locals of threads that were running their own private instructions at that moment
 * are left out: reading them would race with the thread.)
 *
 * @param blocks every allocation, live or not
 * @param locals per thread, the locals holding addresses
 */
public record MemoryMap(List<Block> blocks, List<LocalValue> locals) {

  /**
   * One allocation.
   *
   * @param id its id (the provenance of pointers into it)
   * @param name the binding that named it
   * @param kind static, thread-local, stack, heap, box, vec buffer
   * @param owner the owning thread for stack slots and thread-locals
   * @param address its first address, in hex
   * @param bytes its size
   * @param live whether it is still allocated
   * @param freed where it died, if it did
   * @param cells its cells
   */
  public record Block(
      int id,
      String name,
      String kind,
      String owner,
      String address,
      int bytes,
      boolean live,
      String freed,
      List<Cell> cells) {}

  /**
   * One cell.
   *
   * @param name the cell's name
   * @param value its value, or {@code uninit}
   * @param pointsTo the id of the block a pointer value points into, or 0
   */
  public record Cell(String name, String value, int pointsTo) {}

  /**
   * A thread's local holding an address.
   *
   * @param thread the thread
   * @param name the local
   * @param value how it is drawn: {@code ptr}, {@code ptr + len}, {@code ptr + len + cap}
   * @param pointsTo the block it points into, or 0
   * @param kind {@code ptr}, {@code slice} (a fat pointer), {@code Box} or {@code Vec}
   * @param fields its parts, as a picture of the value draws them: {@code ptr}, then {@code len}
   *     and {@code cap} where the value has them
   * @param owned whether a Box or Vec still owns its buffer (always true for raw pointers)
   */
  public record LocalValue(
      String thread,
      String name,
      String value,
      int pointsTo,
      String kind,
      List<Field> fields,
      boolean owned) {}

  /**
   * One part of a local's value.
   *
   * @param name {@code ptr}, {@code len} or {@code cap}
   * @param value the address or the number
   */
  public record Field(String name, String value) {}

  static MemoryMap capture(Machine m) {
    Memory mem = m.memory();
    List<Block> blocks = new ArrayList<>();
    for (Allocation a : mem.allocations()) {
      List<Cell> cells = new ArrayList<>();
      int shown = Math.min(a.cells(), 64);
      for (int c = 0; c < shown; c++) {
        boolean init = mem.initialised(a, c);
        Value v = mem.peek(a, c);
        int target = v instanceof Pointer p && init ? targetOf(mem, p) : 0;
        cells.add(new Cell(a.cellName(c), init ? v.display() : "uninit", target));
      }
      blocks.add(
          new Block(
              a.id(),
              a.name(),
              a.kind().label(),
              a.owner(),
              String.format(Locale.ROOT, "0x%x", a.base()),
              a.size(),
              a.live(),
              a.live() ? "" : a.death(),
              cells));
    }
    List<LocalValue> locals = new ArrayList<>();
    for (ThreadState ts : m.threadsForMap()) {
      if (ts.away) {
        continue; // OS-threads mode: running on its own thread; its locals cannot be read now
      }
      Set<Integer> stackSlots = new HashSet<>();
      for (Instr i : ts.code.code()) {
        if (i instanceof Instr.LocalAlloc l) {
          stackSlots.add(l.slot());
        }
      }
      for (int s = 0; s < ts.slots.length; s++) {
        Value v = ts.slots[s];
        List<String> names = ts.code.slotNames();
        String name = s < names.size() ? names.get(s) : "";
        // a `local` is a block of its own (drawn with the blocks), not a pointer variable
        if (name.isEmpty() || v == null || stackSlots.contains(s)) {
          continue;
        }
        if (v instanceof Pointer p) {
          locals.add(
              new LocalValue(
                  ts.name,
                  name,
                  p.display(),
                  targetOf(mem, p),
                  p.fat() ? "slice" : "ptr",
                  p.fat()
                      ? List.of(new Field("ptr", address(p)), new Field("len", "" + p.length()))
                      : List.of(new Field("ptr", address(p))),
                  true));
        } else if (v instanceof BoxValue b) {
          locals.add(
              new LocalValue(
                  ts.name,
                  name,
                  "Box " + b.pointer().display() + (b.owned() ? "" : " (not owned)"),
                  targetOf(mem, b.pointer()),
                  "Box",
                  List.of(new Field("ptr", address(b.pointer()))),
                  b.owned()));
        } else if (v instanceof VecValue vv) {
          locals.add(
              new LocalValue(
                  ts.name,
                  name,
                  vv.display(),
                  targetOf(mem, vv.buffer()),
                  "Vec",
                  List.of(
                      new Field("ptr", address(vv.buffer())),
                      new Field("len", "" + vv.length()),
                      new Field("cap", "" + vv.capacity())),
                  vv.owned()));
        }
      }
    }
    return new MemoryMap(List.copyOf(blocks), List.copyOf(locals));
  }

  private static String address(Pointer p) {
    return p.isNull() ? "null" : String.format(Locale.ROOT, "0x%x", p.address());
  }

  private static int targetOf(Memory mem, Pointer p) {
    return p.isNull() ? 0 : mem.target(p).map(Allocation::id).orElse(0);
  }
}
