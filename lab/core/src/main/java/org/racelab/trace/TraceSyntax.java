package org.racelab.trace;

import java.nio.charset.StandardCharsets;

/**
 * The name rules shared by the trace writers. RAPID's parser splits a line at {@code |} and reads
 * an operation as {@code op(name)} with a name of non-whitespace characters, so a name must not
 * contain {@code |}, {@code (}, {@code )} or whitespace; a line starting with {@code #} would be
 * skipped as a comment by RaceLab's reader. Names are therefore percent-encoded: every byte of the
 * name's UTF-8 form that is one of {@code | ( ) %}, a control character, a space or DEL, and a
 * leading {@code #}, becomes {@code %XX} (upper-case hex). The encoding is deterministic and
 * injective (distinct names stay distinct) and leaves ordinary names such as {@code a[2]}, {@code
 * count@main} or {@code T1.x3} untouched. Readers do not decode: the escaped form is the name.
 */
final class TraceSyntax {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private TraceSyntax() {}

  /** The name as it may appear in a trace line. */
  static String sanitize(String name) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a trace name must not be empty");
    }
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    boolean clean = true;
    for (int i = 0; i < bytes.length && clean; i++) {
      clean = !mustEscape(bytes[i], i);
    }
    if (clean) {
      return name;
    }
    StringBuilder sb = new StringBuilder(bytes.length + 8);
    for (int i = 0; i < bytes.length; i++) {
      byte b = bytes[i];
      if (mustEscape(b, i)) {
        sb.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
      } else if (b >= 0) {
        sb.append((char) b);
      } else {
        int start = i;
        while (i + 1 < bytes.length && bytes[i + 1] < 0 && (bytes[i + 1] & 0xC0) == 0x80) {
          i++;
        }
        sb.append(new String(bytes, start, i - start + 1, StandardCharsets.UTF_8));
      }
    }
    return sb.toString();
  }

  private static boolean mustEscape(byte b, int index) {
    return b == '|'
        || b == '('
        || b == ')'
        || b == '%'
        || (b >= 0 && b <= ' ')
        || b == 0x7f
        || (b == '#' && index == 0);
  }
}
