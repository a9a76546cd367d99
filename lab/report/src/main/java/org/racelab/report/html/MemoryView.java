package org.racelab.report.html;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.racelab.exec.MemoryMap;

/**
 * A picture of memory at the first UB, laid out for inline SVG the way the Rust book draws it: on
 * the left the statics and each thread's stack (its locals that hold addresses, a Vec as a small
 * {@code ptr | len | cap} table, and its {@code local} slots), on the right the heap with every
 * allocation, live or freed; pointers are arrows from the slot that holds them to the block they
 * point into, and an arrow into freed memory is a dashed "dangling" arrow.
 *
 * @param caption when the picture was taken, in words
 * @param width the SVG width
 * @param height the SVG height
 * @param regions the statics, each thread's stack, the heap
 * @param boxes locals and allocations
 * @param arrows pointers
 * @param description the picture in words, for screen readers
 */
public record MemoryView(
    String caption,
    int width,
    int height,
    List<Region> regions,
    List<Box> boxes,
    List<Arrow> arrows,
    String description) {

  /** Whether some thread holds a Vec (the picture then explains its ptr, len and cap). */
  public boolean anyVec() {
    return boxes.stream().anyMatch(b -> b.css().equals("local") && b.subtitle().startsWith("Vec"));
  }

  /** Whether some block was freed (the picture then explains hatching and dangling arrows). */
  public boolean anyFreed() {
    return boxes.stream().anyMatch(b -> b.css().equals("freed"));
  }

  static final int BOX_W = 240;

  /** Where a row's value column starts, from the box's left edge. */
  public static final int NAME_W = 96;

  /** The height of a row. */
  public static final int ROW_H = 20;

  static final int HEAD_H = 36;
  static final int STATUS_H = 15;
  static final int PAD = 12;
  static final int REGION_TITLE = 26;
  static final int GAP = 14;
  static final int ARROW_ROOM = 150;
  static final int MAX_ROWS = 12;
  private static final int VALUE_CHARS = 19;
  private static final int NAME_CHARS = 12;
  private static final int STATUS_CHARS = 36;

  /**
   * An area of memory.
   *
   * @param title its name ("Heap", "thread main · stack")
   * @param x left
   * @param y top
   * @param w width
   * @param h height
   * @param css {@code statics}, {@code stack} or {@code heap}
   */
  public record Region(String title, int x, int y, int w, int h, String css) {}

  /**
   * A local or an allocation.
   *
   * @param id its anchor in the picture
   * @param x left
   * @param y top
   * @param w width
   * @param h height
   * @param headH the height of its heading
   * @param title its name
   * @param subtitle its kind, address and size
   * @param status why it is no longer live, in lines (empty when live)
   * @param css {@code local}, {@code live} or {@code freed}
   * @param rows its cells or fields
   * @param tooltip the whole box in words
   */
  public record Box(
      String id,
      int x,
      int y,
      int w,
      int h,
      int headH,
      String title,
      String subtitle,
      List<String> status,
      String css,
      List<Row> rows,
      String tooltip) {}

  /**
   * A cell of an allocation or a field of a local.
   *
   * @param y its top
   * @param name its name (shortened to fit)
   * @param value its value (shortened to fit)
   * @param full the name and the whole value
   * @param pointer whether an arrow starts here
   */
  public record Row(int y, String name, String value, String full, boolean pointer) {}

  /**
   * A pointer.
   *
   * @param d its path
   * @param css {@code ptr} or {@code dangling}
   * @param label {@code dangling} or empty
   * @param labelX where the label goes
   * @param labelY where the label goes
   * @param startX the dot at its start
   * @param startY the dot at its start
   * @param title what it points to, in words
   */
  public record Arrow(
      String d,
      String css,
      String label,
      int labelX,
      int labelY,
      int startX,
      int startY,
      String title) {}

  private record Source(Box box, int row, int target, String what) {}

  /** Lays out {@code map}; {@code threads} orders the stacks. */
  static MemoryView of(MemoryMap map, List<String> threads, String caption) {
    int leftX = PAD;
    int regionW = BOX_W + 2 * PAD;
    int rightX = leftX + regionW + ARROW_ROOM;
    List<Region> regions = new ArrayList<>();
    List<Box> boxes = new ArrayList<>();
    List<Source> sources = new ArrayList<>();
    Map<Integer, Box> byBlock = new HashMap<>();
    Map<Integer, MemoryMap.Block> blocks = new HashMap<>();
    for (MemoryMap.Block b : map.blocks()) {
      blocks.put(b.id(), b);
    }

    // left column: statics, then one stack per thread
    int y = PAD;
    List<MemoryMap.Block> statics = new ArrayList<>();
    for (MemoryMap.Block b : map.blocks()) {
      if (b.kind().equals("static")) {
        statics.add(b);
      }
    }
    if (!statics.isEmpty()) {
      int top = y;
      y += REGION_TITLE;
      for (MemoryMap.Block b : statics) {
        Box box = block(b, leftX + PAD, y, sources);
        boxes.add(box);
        byBlock.put(b.id(), box);
        y += box.h() + GAP;
      }
      regions.add(new Region("Statics", leftX, top, regionW, y - top - GAP + PAD, "statics"));
      y += PAD + GAP;
    }
    List<String> order = new ArrayList<>(threads);
    for (MemoryMap.LocalValue l : map.locals()) {
      if (!order.contains(l.thread())) {
        order.add(l.thread());
      }
    }
    for (MemoryMap.Block b : map.blocks()) {
      if (isStackSide(b) && !order.contains(b.owner())) {
        order.add(b.owner());
      }
    }
    for (String t : order) {
      List<MemoryMap.LocalValue> locals = new ArrayList<>();
      for (MemoryMap.LocalValue l : map.locals()) {
        if (l.thread().equals(t)) {
          locals.add(l);
        }
      }
      List<MemoryMap.Block> slots = new ArrayList<>();
      for (MemoryMap.Block b : map.blocks()) {
        if (isStackSide(b) && b.owner().equals(t)) {
          slots.add(b);
        }
      }
      if (locals.isEmpty() && slots.isEmpty()) {
        continue;
      }
      int top = y;
      y += REGION_TITLE;
      for (MemoryMap.LocalValue l : locals) {
        Box box = local(l, leftX + PAD, y, boxes.size(), sources, blocks);
        boxes.add(box);
        y += box.h() + GAP;
      }
      for (MemoryMap.Block b : slots) {
        Box box = block(b, leftX + PAD, y, sources);
        boxes.add(box);
        byBlock.put(b.id(), box);
        y += box.h() + GAP;
      }
      regions.add(
          new Region(
              "thread " + t + " · stack", leftX, top, regionW, y - top - GAP + PAD, "stack"));
      y += PAD + GAP;
    }
    int leftBottom = y;

    // right column: the heap
    y = PAD;
    int heapTop = y;
    y += REGION_TITLE;
    int heapCount = 0;
    for (MemoryMap.Block b : map.blocks()) {
      if (b.kind().equals("static") || isStackSide(b)) {
        continue;
      }
      Box box = block(b, rightX + PAD, y, sources);
      boxes.add(box);
      byBlock.put(b.id(), box);
      y += box.h() + GAP;
      heapCount++;
    }
    if (heapCount == 0) {
      y += ROW_H + GAP;
    }
    regions.add(
        new Region(
            heapCount == 0 ? "Heap (empty)" : "Heap",
            rightX,
            heapTop,
            regionW,
            y - heapTop - GAP + PAD,
            "heap"));
    y += PAD + GAP;
    int height = Math.max(leftBottom, y);

    // arrows
    List<Arrow> arrows = new ArrayList<>();
    int loop = 0;
    for (Source s : sources) {
      Box target = byBlock.get(s.target());
      MemoryMap.Block tb = blocks.get(s.target());
      if (target == null || tb == null) {
        continue;
      }
      Row row = s.box().rows().get(s.row());
      int sx = s.box().x() + s.box().w();
      int sy = row.y() + ROW_H / 2;
      int ty = target.y() + target.headH() / 2;
      boolean dangling = !tb.live();
      String d;
      int lx;
      int ly;
      if (target.x() > s.box().x()) {
        int tx = target.x();
        int bend = Math.max(40, (tx - sx) / 2);
        d =
            String.format(
                Locale.ROOT,
                "M%d %d C%d %d %d %d %d %d",
                sx,
                sy,
                sx + bend,
                sy,
                tx - bend,
                ty,
                tx - 2,
                ty);
        lx = (sx + tx) / 2;
        ly = (sy + ty) / 2 - 6;
      } else {
        int tx = target.x() + target.w();
        int bulge = PAD + 28 + 14 * (loop++ % 6);
        d =
            String.format(
                Locale.ROOT,
                "M%d %d C%d %d %d %d %d %d",
                sx,
                sy,
                sx + bulge,
                sy,
                tx + bulge,
                ty,
                tx + 2,
                ty);
        lx = Math.max(sx, tx) + bulge - 8;
        ly = (sy + ty) / 2;
      }
      arrows.add(
          new Arrow(
              d,
              dangling ? "dangling" : "ptr",
              dangling ? "dangling" : "",
              lx,
              ly,
              sx,
              sy,
              s.what()
                  + " points into "
                  + tb.name()
                  + " ("
                  + tb.kind()
                  + " at "
                  + tb.address()
                  + ")"
                  + (dangling ? ", which is freed: the pointer dangles" : "")));
    }

    int width = rightX + regionW + 3 * PAD + 40 + 14 * 6;
    return new MemoryView(
        caption,
        width,
        height,
        List.copyOf(regions),
        List.copyOf(boxes),
        List.copyOf(arrows),
        describe(map, blocks));
  }

  private static boolean isStackSide(MemoryMap.Block b) {
    return b.kind().equals("stack") || b.kind().equals("thread-local");
  }

  private static Box local(
      MemoryMap.LocalValue l,
      int x,
      int y,
      int index,
      List<Source> sources,
      Map<Integer, MemoryMap.Block> blocks) {
    List<Row> rows = new ArrayList<>();
    int ry = y + HEAD_H;
    int pointerRow = -1;
    for (MemoryMap.Field f : l.fields()) {
      boolean pointer = f.name().equals("ptr") && l.pointsTo() != 0;
      if (pointer && pointerRow < 0) {
        pointerRow = rows.size();
      }
      rows.add(
          new Row(
              ry, f.name(), fit(f.value(), VALUE_CHARS), f.name() + " = " + f.value(), pointer));
      ry += ROW_H;
    }
    String subtitle = l.kind() + (l.owned() ? "" : " · not owned (moved or dropped)");
    Box box =
        new Box(
            "local-" + index,
            x,
            y,
            BOX_W,
            HEAD_H + rows.size() * ROW_H,
            HEAD_H,
            fit(l.name(), 30),
            subtitle,
            List.of(),
            "local",
            List.copyOf(rows),
            l.name() + " (" + l.kind() + ", thread " + l.thread() + ") = " + l.value());
    if (pointerRow >= 0 && blocks.containsKey(l.pointsTo())) {
      sources.add(new Source(box, pointerRow, l.pointsTo(), l.name()));
    }
    return box;
  }

  private static Box block(MemoryMap.Block b, int x, int y, List<Source> sources) {
    List<String> status = b.live() ? List.of() : wrap("freed: " + b.freed(), STATUS_CHARS, 3);
    int headH = HEAD_H + status.size() * STATUS_H;
    List<Row> rows = new ArrayList<>();
    int ry = y + headH;
    List<Integer> pointerRows = new ArrayList<>();
    int shown = Math.min(b.cells().size(), MAX_ROWS);
    if (b.cells().size() > MAX_ROWS) {
      shown = MAX_ROWS - 1;
    }
    for (int i = 0; i < shown; i++) {
      MemoryMap.Cell c = b.cells().get(i);
      boolean pointer = c.pointsTo() != 0;
      if (pointer) {
        pointerRows.add(rows.size());
      }
      rows.add(
          new Row(
              ry,
              fit(c.name(), NAME_CHARS),
              fit(c.value(), VALUE_CHARS),
              c.name() + " = " + c.value(),
              pointer));
      ry += ROW_H;
    }
    int hidden = b.cells().size() - shown;
    if (hidden > 0) {
      // the engine captures at most 64 cells of a block: say "or more" when it may have cut
      String more = hidden + (b.cells().size() >= 64 ? " or more cells" : " more cells");
      rows.add(new Row(ry, "…", more, "not drawn: " + more, false));
      ry += ROW_H;
    }
    String subtitle =
        String.format(Locale.ROOT, "%s · %s · %d B", b.kind(), b.address(), b.bytes());
    Box box =
        new Box(
            "block-" + b.id(),
            x,
            y,
            BOX_W,
            ry - y,
            headH,
            fit(b.name(), 30),
            subtitle,
            status,
            b.live() ? "live" : "freed",
            List.copyOf(rows),
            b.name()
                + " ("
                + subtitle
                + (b.live() ? ", live" : ", " + String.join(" ", status))
                + ")");
    for (int r : pointerRows) {
      sources.add(new Source(box, r, b.cells().get(r).pointsTo(), b.cells().get(r).name()));
    }
    return box;
  }

  private static String describe(MemoryMap map, Map<Integer, MemoryMap.Block> blocks) {
    StringBuilder sb = new StringBuilder();
    for (MemoryMap.LocalValue l : map.locals()) {
      sb.append("Thread ")
          .append(l.thread())
          .append(" holds ")
          .append(l.name())
          .append(" = ")
          .append(l.value());
      MemoryMap.Block t = blocks.get(l.pointsTo());
      if (t != null) {
        sb.append(", pointing into ")
            .append(t.name())
            .append(t.live() ? " (live)" : " (freed: it dangles)");
      }
      sb.append(". ");
    }
    for (MemoryMap.Block b : map.blocks()) {
      sb.append(b.kind())
          .append(' ')
          .append(b.name())
          .append(" at ")
          .append(b.address())
          .append(", ")
          .append(b.bytes())
          .append(" bytes, ")
          .append(b.live() ? "live" : "freed: " + b.freed())
          .append(". ");
    }
    return sb.toString().trim();
  }

  static String fit(String s, int chars) {
    return s.length() <= chars ? s : s.substring(0, chars - 1) + "…";
  }

  /** Word-wraps {@code s} into at most {@code max} lines of {@code width} characters. */
  static List<String> wrap(String s, int width, int max) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : s.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    if (lines.size() > max) {
      List<String> cut = new ArrayList<>(lines.subList(0, max));
      cut.set(max - 1, cut.get(max - 1) + " …");
      return List.copyOf(cut);
    }
    return List.copyOf(lines);
  }
}
