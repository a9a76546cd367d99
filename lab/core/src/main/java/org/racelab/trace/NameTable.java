package org.racelab.trace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Interns names given as byte slices to dense ids, in first-appearance order, without creating a
 * String (or any object) per lookup: the bytes of each distinct name are copied once into an arena,
 * and an open-addressing table of ids (linear probing, power-of-two size, at most half full) finds
 * them again by hash and byte comparison (names of up to seven bytes by one {@code long} comparison
 * in a table of their own). Names are decoded as UTF-8 only when asked for; invalid UTF-8 is kept
 * as bytes for identity and shown with replacement characters.
 */
final class NameTable implements Names {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] arena = new byte[4096];
  private int used;
  private int[] offsets = new int[64];
  private int[] lengths = new int[64];
  private int[] hashes = new int[64];
  private long[] shortKeys = new long[128]; // names of up to 7 bytes; 0 = free
  private int[] shortIds = new int[128];
  private int shortMask = 127;
  private int shortCount;
  private String[] decoded = new String[64];
  private int size;
  private int[] slots = new int[128]; // id + 1, 0 = empty
  private int mask = 127;
  private int longCount;

  /** The id of the name in {@code b[off, off+len)}, adding it if new. */
  int intern(byte[] b, int off, int len) {
    if (len <= 7) {
      return internShort(b, off, len);
    }
    int h = hash(b, off, len);
    int i = h & mask;
    while (true) {
      int s = slots[i];
      if (s == 0) {
        return add(b, off, len, h, i);
      }
      int id = s - 1;
      if (hashes[id] == h && lengths[id] == len && same(id, b, off, len)) {
        return id;
      }
      i = (i + 1) & mask;
    }
  }

  /**
   * Names of up to seven bytes (thread, lock and variable names mostly are: {@code T3}, {@code
   * S1234}, {@code T3.x17}) are keyed by one long: the bytes little-endian, loaded in one go when
   * the buffer has eight bytes there, with the length in the top byte (so keys are never 0, which
   * marks a free slot). The key and the id sit in their own table, so a hit costs one probe.
   */
  private int internShort(byte[] b, int off, int len) {
    long key;
    if (off + 8 <= b.length) {
      key = (long) LONGS.get(b, off) & ((1L << (len << 3)) - 1);
    } else {
      key = 0;
      for (int k = len - 1; k >= 0; k--) {
        key = (key << 8) | (b[off + k] & 0xff);
      }
    }
    key |= (long) len << 56;
    long m = key * 0x9E37_79B9_7F4A_7C15L;
    int i = (int) (m >>> 40) & shortMask;
    while (true) {
      long k = shortKeys[i];
      if (k == key) {
        return shortIds[i];
      }
      if (k == 0) {
        int id = add(b, off, len, 0, -1);
        shortKeys[i] = key;
        shortIds[i] = id;
        if (++shortCount * 2 > shortKeys.length) {
          rehashShort();
        }
        return id;
      }
      i = (i + 1) & shortMask;
    }
  }

  private void rehashShort() {
    long[] oldKeys = shortKeys;
    int[] oldIds = shortIds;
    shortKeys = new long[oldKeys.length * 2];
    shortIds = new int[oldKeys.length * 2];
    shortMask = shortKeys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      long key = oldKeys[j];
      if (key != 0) {
        int i = (int) ((key * 0x9E37_79B9_7F4A_7C15L) >>> 40) & shortMask;
        while (shortKeys[i] != 0) {
          i = (i + 1) & shortMask;
        }
        shortKeys[i] = key;
        shortIds[i] = oldIds[j];
      }
    }
  }

  private boolean same(int id, byte[] b, int off, int len) {
    int o = offsets[id];
    for (int k = 0; k < len; k++) {
      if (arena[o + k] != b[off + k]) {
        return false;
      }
    }
    return true;
  }

  private static int hash(byte[] b, int off, int len) {
    int h = len;
    for (int k = off, end = off + len; k < end; k++) {
      h = 31 * h + b[k];
    }
    return h ^ (h >>> 15) ^ (h >>> 7);
  }

  private int add(byte[] b, int off, int len, int h, int slot) {
    int id = size;
    if (id == offsets.length) {
      int n = id * 2;
      offsets = Arrays.copyOf(offsets, n);
      lengths = Arrays.copyOf(lengths, n);
      hashes = Arrays.copyOf(hashes, n);
      decoded = Arrays.copyOf(decoded, n);
    }
    if (used + len > arena.length) {
      arena = Arrays.copyOf(arena, Math.max(arena.length * 2, used + len));
    }
    System.arraycopy(b, off, arena, used, len);
    offsets[id] = used;
    lengths[id] = len;
    hashes[id] = h;
    used += len;
    size++;
    if (slot >= 0) {
      slots[slot] = id + 1;
      if (++longCount * 2 > slots.length) {
        rehash();
      }
    }
    return id;
  }

  private void rehash() {
    slots = new int[slots.length * 2];
    mask = slots.length - 1;
    for (int id = 0; id < size; id++) {
      if (lengths[id] <= 7) {
        continue; // in the short table
      }
      int i = hashes[id] & mask;
      while (slots[i] != 0) {
        i = (i + 1) & mask;
      }
      slots[i] = id + 1;
    }
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public String name(int id) {
    if (id < 0 || id >= size) {
      throw new IndexOutOfBoundsException("no name with id " + id);
    }
    String s = decoded[id];
    if (s == null) {
      s = new String(arena, offsets[id], lengths[id], StandardCharsets.UTF_8);
      decoded[id] = s;
    }
    return s;
  }
}
