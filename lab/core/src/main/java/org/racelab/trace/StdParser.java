package org.racelab.trace;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * One pass of {@link StdTraceReader} over one input: the byte-level line parser, the name tables
 * and the lock and thread validation state. Lines are parsed in place in a large byte buffer; a
 * line cut by the buffer's end is moved to its start before the next read.
 */
final class StdParser {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** The largest buffer, so the longest line accepted. */
  static final int MAX_BUFFER = 1 << 24;

  // operations; the access kinds are AccessKind's values (READ 0, WRITE 1, ATOMIC_READ 2, ...)
  private static final int R = 0;
  private static final int W = 1;
  private static final int AR = 2;
  private static final int AW = 3;
  private static final int ACQ = 4;
  private static final int REL = 5;
  private static final int RACQ = 6;
  private static final int RREL = 7;
  private static final int FORK = 8;
  private static final int JOIN = 9;
  private static final int BEGIN = 10;
  private static final int END = 11;
  private static final int ALLOC = 12;
  private static final int FREE = 13;
  private static final int SEND = 14;
  private static final int RECV = 15;
  private static final String[] OP_NAMES = {
    "r", "w", "ar", "aw", "acq", "rel", "racq", "rrel", "fork", "join", "begin", "end", "alloc",
    "free", "send", "recv"
  };

  private static final byte[] ACQ_BYTES = {'a', 'c', 'q'};
  private static final byte[] REL_BYTES = {'r', 'e', 'l'};
  private static final byte[] END_BYTES = {'e', 'n', 'd'};
  private static final byte[] FORK_BYTES = {'f', 'o', 'r', 'k'};
  private static final byte[] JOIN_BYTES = {'j', 'o', 'i', 'n'};
  private static final byte[] RACQ_BYTES = {'r', 'a', 'c', 'q'};
  private static final byte[] RREL_BYTES = {'r', 'r', 'e', 'l'};
  private static final byte[] FREE_BYTES = {'f', 'r', 'e', 'e'};
  private static final byte[] SEND_BYTES = {'s', 'e', 'n', 'd'};
  private static final byte[] RECV_BYTES = {'r', 'e', 'c', 'v'};
  private static final byte[] BEGIN_BYTES = {'b', 'e', 'g', 'i', 'n'};
  private static final byte[] ALLOC_BYTES = {'a', 'l', 'l', 'o', 'c'};

  // thread states
  private static final byte UNSEEN = 0;
  private static final byte FORKED = 1;
  private static final byte RAN = 2;
  private static final byte JOINED = 3;

  private final String file;
  private final @Nullable TraceFormat requested;
  private final TraceHandler handler;
  private final @Nullable LongConsumer progress;
  private boolean raceLab;

  private byte[] buf;
  private int limit;
  private boolean eof;
  private long consumed; // bytes of the input before buf[0]
  private long line;
  private long events;

  private final NameTable threads = new NameTable();
  private final NameTable variables = new NameTable();
  private final NameTable locks = new NameTable();
  private final NameTable objects = new NameTable();

  private byte[] threadState = new byte[16];
  private long[] threadLine = new long[16]; // where a thread was forked or joined
  private int[] writer = new int[16]; // thread + 1, 0 = free
  private int[] writeDepth = new int[16];
  private long[] writeSince = new long[16];
  private int[] readers = new int[16];
  private int[][] readHolds = new int[16][];

  StdParser(
      String file,
      @Nullable TraceFormat requested,
      TraceHandler handler,
      @Nullable LongConsumer progress,
      int bufferSize) {
    this.buf = new byte[Math.min(bufferSize, MAX_BUFFER)];
    this.file = file;
    this.requested = requested;
    this.handler = handler;
    this.progress = progress;
    this.raceLab = requested == TraceFormat.RACELAB;
  }

  TraceSummary run(ReadableByteChannel ch) throws IOException, TraceFormatException {
    int pos = 0;
    while (true) {
      byte[] b = buf;
      int lim = limit;
      int e = newline(b, pos, lim);
      if (e == lim && !eof) {
        pos = refill(ch, pos);
        continue;
      }
      if (pos >= lim && eof) {
        break;
      }
      line++;
      parseLine(pos, e);
      pos = e + 1;
    }
    return new TraceSummary(
        raceLab ? TraceFormat.RACELAB : TraceFormat.STD,
        events,
        threads,
        variables,
        locks,
        objects);
  }

  /**
   * The index of the first {@code \n} in {@code b[from, lim)}, or {@code lim}. Eight bytes at a
   * time (SWAR: a byte equal to '\n' becomes zero after the xor, and the lowest zero byte is found
   * exactly with the borrow trick), since every byte of the trace passes through here.
   */
  private static int newline(byte[] b, int from, int lim) {
    int e = from;
    while (e + 8 <= lim) {
      long x = (long) LONGS.get(b, e) ^ 0x0A0A_0A0A_0A0A_0A0AL;
      long zero = (x - 0x0101_0101_0101_0101L) & ~x & 0x8080_8080_8080_8080L;
      if (zero != 0) {
        return e + (Long.numberOfTrailingZeros(zero) >>> 3);
      }
      e += 8;
    }
    while (e < lim && b[e] != '\n') {
      e++;
    }
    return e;
  }

  private int refill(ReadableByteChannel ch, int pos) throws IOException, TraceFormatException {
    int rest = limit - pos;
    if (rest == buf.length) {
      if (buf.length >= MAX_BUFFER) {
        throw new TraceFormatException(
            file, line + 1, 1, "line longer than " + MAX_BUFFER + " bytes");
      }
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    System.arraycopy(buf, pos, buf, 0, rest);
    consumed += pos;
    limit = rest;
    ByteBuffer bb = ByteBuffer.wrap(buf, limit, buf.length - limit);
    while (bb.hasRemaining()) {
      int n = ch.read(bb);
      if (n < 0) {
        eof = true;
        break;
      }
      if (n == 0 && bb.position() > limit) {
        break;
      }
    }
    limit = bb.position();
    if (progress != null) {
      progress.accept(consumed);
    }
    return 0;
  }

  private TraceFormatException error(int column, String reason) {
    return new TraceFormatException(file, line, column, reason);
  }

  private void parseLine(int s, int e) throws TraceFormatException {
    byte[] b = buf;
    int end = e > s && b[e - 1] == '\r' ? e - 1 : e;
    if (end == s) {
      return;
    }
    if (b[s] == '#') {
      if (line == 1) {
        header(s, end);
      }
      return;
    }
    // THREAD
    int p = s;
    while (p < end && b[p] != '|') {
      p++;
    }
    if (p == end) {
      throw error(p - s + 1, "expected THREAD|OP(NAME)|LOCATION, found no '|'");
    }
    if (p == s) {
      throw error(1, "empty thread name");
    }
    int te = p++;
    // OP
    int os = p;
    byte c;
    while (p < end && (c = b[p]) != '(' && c != '|') {
      p++;
    }
    int op = opCode(b, os, p - os);
    if (op < 0) {
      throw error(
          os - s + 1,
          p == os ? "missing operation" : "unknown operation '" + text(os, p - os) + "'");
    }
    if (op != R && op != W && !stdOp(op) && !raceLab) {
      throw error(
          os - s + 1,
          "operation '"
              + OP_NAMES[op]
              + "' belongs to RaceLab's own format: start the file with '"
              + TraceFormat.HEADER
              + "' or pass --format racelab");
    }
    int ds = 0;
    int de = 0;
    if (p < end && b[p] == '(') {
      ds = p + 1;
      int q = ds;
      int space = -1;
      while (q < end && (c = b[q]) != '|') {
        if (c <= ' ' && c >= 0 && space < 0) {
          space = q;
        }
        q++;
      }
      if (q == end) {
        throw error(q - s + 1, "expected THREAD|OP(NAME)|LOCATION, found only two fields");
      }
      if (q - 1 < ds || b[q - 1] != ')') {
        throw error(q - s + 1, "missing ')' before '|'");
      }
      de = q - 1;
      if (de == ds) {
        throw error(ds - s + 1, "empty name in '" + OP_NAMES[op] + "()'");
      }
      if (space >= 0 && space < de) {
        throw error(space - s + 1, "whitespace in a name");
      }
      p = q;
    } else if (op != BEGIN && op != END) {
      throw error(p - s + 1, "missing '(' after '" + OP_NAMES[op] + "'");
    }
    if (p == end) {
      throw error(p - s + 1, "expected THREAD|OP(NAME)|LOCATION, found only two fields");
    }
    p++; // the '|'
    // LOCATION
    int ls = p;
    boolean negative = false;
    if (p < end && (b[p] == '-' || b[p] == '+')) {
      negative = b[p] == '-';
      p++;
    }
    long v = 0;
    int digits = p;
    while (p < end && (c = b[p]) >= '0' && c <= '9') {
      v = v * 10 + (c - '0');
      if (v > 2_147_483_648L) {
        throw error(ls - s + 1, "location out of the int range");
      }
      p++;
    }
    if (p < end) {
      throw error(
          p - s + 1,
          b[p] == '|'
              ? "expected THREAD|OP(NAME)|LOCATION, found a fourth field"
              : "location is not an integer");
    }
    if (p == digits) {
      throw error(ls - s + 1, "location is not an integer");
    }
    if (!negative && v > Integer.MAX_VALUE) {
      throw error(ls - s + 1, "location out of the int range");
    }
    int site = (int) (negative ? -v : v);
    dispatch(op, s, te, ds, de, site);
  }

  private static boolean stdOp(int op) {
    return op == ACQ || op == REL || op == FORK || op == JOIN || op == BEGIN || op == END;
  }

  private void dispatch(int op, int s, int te, int ds, int de, int site)
      throws TraceFormatException {
    int t = threads.intern(buf, s, te - s);
    if (t >= threadState.length) {
      growThreads(t);
    }
    byte state = threadState[t];
    if (state != RAN) {
      if (state == JOINED) {
        throw error(
            1,
            "event of thread "
                + threads.name(t)
                + " after it was joined (line "
                + threadLine[t]
                + ")");
      }
      threadState[t] = RAN;
    }
    int col = te - s + 2;
    switch (op) {
      case R, W, AR, AW -> handler.access(t, variables.intern(buf, ds, de - ds), op, site);
      case ALLOC, FREE -> handler.access(t, variables.intern(buf, ds, de - ds), W, site);
      case ACQ, RACQ -> {
        int l = lock(ds, de);
        acquire(t, l, op == RACQ, col);
        handler.acquire(t, l, op == RACQ, site);
      }
      case REL, RREL -> {
        int l = lock(ds, de);
        release(t, l, op == RREL, col);
        handler.release(t, l, op == RREL, site);
      }
      case FORK -> {
        int u = threads.intern(buf, ds, de - ds);
        if (u >= threadState.length) {
          growThreads(u);
        }
        if (u == t) {
          throw error(col, "thread " + threads.name(t) + " forks itself");
        }
        if (threadState[u] != UNSEEN) {
          throw error(
              col,
              "fork of thread "
                  + threads.name(u)
                  + ", which has already "
                  + (threadState[u] == FORKED
                      ? "been forked (line " + threadLine[u] + ")"
                      : "run"));
        }
        threadState[u] = FORKED;
        threadLine[u] = line;
        handler.fork(t, u, site);
      }
      case JOIN -> {
        int u = threads.intern(buf, ds, de - ds);
        if (u >= threadState.length) {
          growThreads(u);
        }
        if (u == t) {
          throw error(col, "thread " + threads.name(t) + " joins itself");
        }
        if (threadState[u] != JOINED) {
          threadState[u] = JOINED;
          threadLine[u] = line;
        }
        handler.join(t, u, site);
      }
      case SEND -> handler.send(t, objects.intern(buf, ds, de - ds), site);
      case RECV -> handler.receive(t, objects.intern(buf, ds, de - ds), site);
      case BEGIN -> handler.begin(t, site);
      default -> handler.end(t, site);
    }
    events++;
  }

  private int lock(int ds, int de) {
    int l = locks.intern(buf, ds, de - ds);
    if (l >= writer.length) {
      int n = Math.max(l + 1, writer.length * 2);
      writer = Arrays.copyOf(writer, n);
      writeDepth = Arrays.copyOf(writeDepth, n);
      writeSince = Arrays.copyOf(writeSince, n);
      readers = Arrays.copyOf(readers, n);
      readHolds = Arrays.copyOf(readHolds, n);
    }
    return l;
  }

  private void acquire(int t, int l, boolean shared, int col) throws TraceFormatException {
    int w = writer[l];
    String op = shared ? "racq" : "acq";
    if (w != 0 && w != t + 1) {
      throw error(
          col,
          String.format(
              Locale.ROOT,
              "%s(%s) while thread %s holds it (since line %d)",
              op,
              locks.name(l),
              threads.name(w - 1),
              writeSince[l]));
    }
    if (shared) {
      int[] holds = readHolds(l, t);
      holds[t]++;
      readers[l]++;
      return;
    }
    int mine = readHolds[l] == null || t >= readHolds[l].length ? 0 : readHolds[l][t];
    if (readers[l] > 0 && (w == 0 || readers[l] > mine)) {
      throw error(
          col,
          String.format(
              Locale.ROOT,
              "acq(%s) while it is held for reading%s",
              locks.name(l),
              mine > 0 ? " (also by this thread)" : " by another thread"));
    }
    if (writeDepth[l]++ == 0) {
      writer[l] = t + 1;
      writeSince[l] = line;
    }
  }

  private void release(int t, int l, boolean shared, int col) throws TraceFormatException {
    if (shared) {
      int[] holds = readHolds(l, t);
      if (holds[t] == 0) {
        throw error(
            col,
            String.format(
                Locale.ROOT,
                "rrel(%s) but thread %s does not hold it for reading",
                locks.name(l),
                threads.name(t)));
      }
      holds[t]--;
      readers[l]--;
      return;
    }
    if (writer[l] != t + 1) {
      throw error(
          col,
          String.format(
              Locale.ROOT,
              "rel(%s) but thread %s does not hold it%s",
              locks.name(l),
              threads.name(t),
              writer[l] == 0 ? "" : " (thread " + threads.name(writer[l] - 1) + " does)"));
    }
    if (--writeDepth[l] == 0) {
      writer[l] = 0;
    }
  }

  private int[] readHolds(int l, int t) {
    int[] holds = readHolds[l];
    if (holds == null || t >= holds.length) {
      holds = holds == null ? new int[Math.max(8, t + 1)] : Arrays.copyOf(holds, t + 1 + t / 2);
      readHolds[l] = holds;
    }
    return holds;
  }

  private void growThreads(int t) {
    int n = Math.max(t + 1, threadState.length * 2);
    threadState = Arrays.copyOf(threadState, n);
    threadLine = Arrays.copyOf(threadLine, n);
  }

  private void header(int s, int end) throws TraceFormatException {
    String text = text(s, end - s).strip();
    String prefix = "# racelab-trace ";
    if (!text.startsWith(prefix)) {
      return;
    }
    if (!text.equals(TraceFormat.HEADER)) {
      throw error(
          prefix.length() + 1,
          "unsupported racelab-trace version '" + text.substring(prefix.length()) + "'");
    }
    if (requested == null) {
      raceLab = true;
    }
  }

  private String text(int off, int len) {
    return new String(buf, off, len, StandardCharsets.UTF_8);
  }

  private static int opCode(byte[] b, int o, int len) {
    switch (len) {
      case 1:
        return b[o] == 'r' ? R : b[o] == 'w' ? W : -1;
      case 2:
        if (b[o] == 'a') {
          return b[o + 1] == 'r' ? AR : b[o + 1] == 'w' ? AW : -1;
        }
        return -1;
      case 3:
        if (is(b, o, ACQ_BYTES)) {
          return ACQ;
        }
        if (is(b, o, REL_BYTES)) {
          return REL;
        }
        return is(b, o, END_BYTES) ? END : -1;
      case 4:
        if (is(b, o, FORK_BYTES)) {
          return FORK;
        }
        if (is(b, o, JOIN_BYTES)) {
          return JOIN;
        }
        if (is(b, o, RACQ_BYTES)) {
          return RACQ;
        }
        if (is(b, o, RREL_BYTES)) {
          return RREL;
        }
        if (is(b, o, SEND_BYTES)) {
          return SEND;
        }
        if (is(b, o, RECV_BYTES)) {
          return RECV;
        }
        return is(b, o, FREE_BYTES) ? FREE : -1;
      case 5:
        if (is(b, o, BEGIN_BYTES)) {
          return BEGIN;
        }
        return is(b, o, ALLOC_BYTES) ? ALLOC : -1;
      default:
        return -1;
    }
  }

  private static boolean is(byte[] b, int o, byte[] word) {
    for (int i = 0; i < word.length; i++) {
      if (b[o + i] != word[i]) {
        return false;
      }
    }
    return true;
  }
}
