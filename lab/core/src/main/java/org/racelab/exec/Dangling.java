package org.racelab.exec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.racelab.memory.Allocation;
import org.racelab.memory.Memory;
import org.racelab.value.Pointer;
import org.racelab.value.Value;

/**
 * Finds the pointers that outlive what they point to, for the run's notes: holding, copying and
 * comparing a dangling pointer is allowed in Rust; only an access through it is UB.
 *
 * <p>When a block dies (freed, popped, dropped, moved by a Vec), every <em>live</em> holder of a
 * pointer into it becomes a dangling holder: a let local of a running thread whose scope is still
 * open, or a pointer cell of a live block. Excluded are the local that was just passed to {@code
 * free} (that it dangles afterwards is the point of freeing) and the locals of a scope that is
 * ending in the same moment (they die with the block). A dangling pointer copied later into a local
 * or a cell makes its destination a holder too. Holders are identified by provenance; a pointer
 * made from an integer has none and is not followed.
 *
 * <p>A note is kept only for blocks that were never used after their death: once a dangling pointer
 * is used, the UB report tells that story and a note saying "holding it is allowed" would only blur
 * it.
 */
final class Dangling {
  private record Key(String holder, int alloc) {}

  private final Map<Key, String> notes = new LinkedHashMap<>();
  private final Set<Integer> used = new HashSet<>();

  /**
   * Records the live holders of pointers into {@code dead}, which has just died.
   *
   * @param threads every thread of the run
   * @param memory the memory (for pointer cells)
   * @param by the thread that killed the block
   * @param dead the block
   * @param operand what was passed to {@code free} (a local, or a location such as {@code g} or
   *     {@code h[0]}), which is not noted, or null
   */
  void died(
      List<ThreadState> threads,
      Memory memory,
      ThreadState by,
      Allocation dead,
      @Nullable String operand) {
    for (ThreadState t : threads) {
      if (t.done()) {
        continue;
      }
      int skip = t == by && operand != null ? innermostLive(t, operand) : -1;
      for (int s = 0; s < t.slots.length; s++) {
        if (s == skip || t.dying(s) || !(t.slots[s] instanceof Pointer p) || !into(p, dead)) {
          continue;
        }
        String holder = slotName(t, s) + " (thread " + t.name + ")";
        add(holder, dead, dangles(holder, dead));
      }
    }
    ThreadState.Frame closing = by.releasing;
    for (Allocation holder : memory.livePointerBlocks()) {
      if (closing != null && closing.resources.contains(new ThreadState.StackSlot(holder))) {
        continue;
      }
      for (int c = 0; c < holder.cells(); c++) {
        if (memory.initialised(holder, c)
            && memory.peek(holder, c) instanceof Pointer p
            && into(p, dead)
            && !holder.cellName(c).equals(operand)) {
          add(holder.cellName(c), dead, dangles(holder.cellName(c), dead));
        }
      }
    }
  }

  /** A pointer value was copied into {@code holder} at {@code line}: note it if it dangles. */
  void copied(Memory memory, String holder, Value v, int line) {
    if (!(v instanceof Pointer p) || p.isNull() || p.provenance() == 0) {
      return;
    }
    Allocation a = memory.byId(p.provenance()).orElse(null);
    if (a == null || a.live()) {
      return;
    }
    add(
        holder,
        a,
        String.format(
            Locale.ROOT,
            "%s holds a copy of a dangling pointer since line %d: `%s` %s; copying or comparing"
                + " it is allowed, using it would be UB",
            holder,
            line,
            a.name(),
            a.death()));
  }

  /** A dangling pointer into this block was used: the UB report explains it, not a note. */
  void used(int allocId) {
    used.add(allocId);
  }

  /** The notes, in the order the pointers started to dangle. */
  List<String> notes() {
    List<String> out = new ArrayList<>();
    for (Map.Entry<Key, String> e : notes.entrySet()) {
      if (!used.contains(e.getKey().alloc())) {
        out.add(e.getValue());
      }
    }
    return out;
  }

  private void add(String holder, Allocation a, String text) {
    Key k = new Key(holder, a.id());
    notes.putIfAbsent(k, text);
  }

  private static String dangles(String holder, Allocation a) {
    return String.format(
        Locale.ROOT,
        "%s dangles since %s: `%s` %s; holding it is allowed, using it would be UB",
        holder,
        a.freed(),
        a.name(),
        a.freedHow());
  }

  private static boolean into(Pointer p, Allocation a) {
    return !p.isNull() && p.provenance() == a.id();
  }

  private static int innermostLive(ThreadState t, String name) {
    List<String> names = t.code.slotNames();
    for (int s = Math.min(names.size(), t.slots.length) - 1; s >= 0; s--) {
      if (names.get(s).equals(name) && t.slots[s] != null && !t.dying(s)) {
        return s;
      }
    }
    return -1;
  }

  static String slotName(ThreadState t, int slot) {
    List<String> names = t.code.slotNames();
    return slot < names.size() && !names.get(slot).isEmpty() ? names.get(slot) : "#" + slot;
  }
}
