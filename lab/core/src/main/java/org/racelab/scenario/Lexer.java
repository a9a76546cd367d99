package org.racelab.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.racelab.scenario.Token.Kind;

/**
 * Turns scenario text into tokens. Newlines are significant (they end statements) except inside
 * parentheses and brackets, so a long expression may be wrapped inside {@code ( )}. Comments run
 * from {@code #} or {@code //} to the end of the line.
 */
public final class Lexer {
  private final String file;
  private final String src;
  private int i;
  private int line = 1;
  private int lineStart;
  private int depth; // open ( and [
  private final List<Token> out = new ArrayList<>();

  private Lexer(String file, String src) {
    this.file = file;
    this.src = src;
  }

  /** Tokenises a whole file; the list ends with an EOF token. */
  public static List<Token> tokenize(String file, String source) throws ScenarioException {
    Lexer lx = new Lexer(file, source.startsWith("\uFEFF") ? source.substring(1) : source);
    lx.run();
    return lx.out;
  }

  private Pos here() {
    return new Pos(line, i - lineStart + 1);
  }

  private ScenarioException error(Pos pos, String msg) {
    return new ScenarioException(file, pos, msg);
  }

  private void run() throws ScenarioException {
    while (i < src.length()) {
      char c = src.charAt(i);
      if (c == '\n') {
        if (depth == 0) {
          out.add(new Token(Kind.NEWLINE, "\n", 0, here()));
        }
        newline();
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r') {
        i++;
        continue;
      }
      if (c == '#' || (c == '/' && peek(1) == '/')) {
        while (i < src.length() && src.charAt(i) != '\n') {
          i++;
        }
        continue;
      }
      Pos pos = here();
      if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < src.length()
            && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) {
          i++;
        }
        out.add(new Token(Kind.IDENT, src.substring(start, i), 0, pos));
      } else if (Character.isDigit(c)) {
        number(pos);
      } else if (c == '"') {
        string(pos);
      } else if (c == '\'') {
        character(pos);
      } else {
        punctuation(c, pos);
      }
    }
    out.add(new Token(Kind.NEWLINE, "\n", 0, here()));
    out.add(new Token(Kind.EOF, "", 0, here()));
  }

  private void newline() {
    i++;
    line++;
    lineStart = i;
  }

  private char peek(int ahead) {
    int j = i + ahead;
    return j < src.length() ? src.charAt(j) : '\0';
  }

  private void number(Pos pos) throws ScenarioException {
    int start = i;
    int radix =
        src.charAt(i) != '0'
            ? 10
            : switch (peek(1)) {
              case 'x', 'X' -> 16;
              case 'b', 'B' -> 2;
              case 'o', 'O' -> 8;
              default -> 10;
            };
    if (radix != 10) {
      String prefix = src.substring(i, i + 2);
      i += 2;
      int digits = i;
      while (i < src.length()
          && (Character.digit(src.charAt(i), 16) >= 0 || src.charAt(i) == '_')) {
        i++;
      }
      String body = src.substring(digits, i).replace("_", "");
      long value;
      try {
        value = Long.parseUnsignedLong(body, radix); // rejects other digits and overflow
      } catch (NumberFormatException e) {
        String what = radix == 16 ? "hexadecimal" : radix == 8 ? "octal" : "binary";
        throw error(
            pos, "expected a " + what + " number of at most 64 bits after '" + prefix + "'");
      }
      out.add(new Token(Kind.INT, src.substring(start, i), value, pos));
      return;
    }
    while (i < src.length() && (Character.isDigit(src.charAt(i)) || src.charAt(i) == '_')) {
      i++;
    }
    if (i < src.length() && src.charAt(i) == '.' && Character.isDigit(peek(1))) {
      i++;
      while (i < src.length() && Character.isDigit(src.charAt(i))) {
        i++;
      }
      String text = src.substring(start, i).replace("_", "");
      out.add(
          new Token(Kind.FLOAT, text, Double.doubleToRawLongBits(Double.parseDouble(text)), pos));
      return;
    }
    String text = src.substring(start, i).replace("_", "");
    try {
      out.add(new Token(Kind.INT, text, Long.parseLong(text), pos));
    } catch (NumberFormatException e) {
      try {
        out.add(new Token(Kind.INT, text, Long.parseUnsignedLong(text), pos));
      } catch (NumberFormatException e2) {
        throw error(pos, "number " + text + " is too large (at most 64 bits)");
      }
    }
  }

  private void string(Pos pos) throws ScenarioException {
    if (src.startsWith("\"\"\"", i)) {
      int end = src.indexOf("\"\"\"", i + 3);
      if (end < 0) {
        throw error(pos, "this \"\"\" text block is never closed");
      }
      String body = src.substring(i + 3, end);
      for (int k = i; k < end + 3; k++) {
        if (src.charAt(k) == '\n') {
          line++;
          lineStart = k + 1;
        }
      }
      i = end + 3;
      out.add(new Token(Kind.STRING, dedent(body), 0, pos));
      return;
    }
    StringBuilder sb = new StringBuilder();
    i++;
    while (true) {
      if (i >= src.length() || src.charAt(i) == '\n') {
        throw error(pos, "this string is never closed (strings end on the same line with '\"')");
      }
      char c = src.charAt(i);
      if (c == '"') {
        i++;
        break;
      }
      if (c == '\\') {
        sb.appendCodePoint(escape());
      } else {
        sb.append(c);
        i++;
      }
    }
    out.add(new Token(Kind.STRING, sb.toString(), 0, pos));
  }

  /** Removes the indentation common to every non-blank line and the blank first and last lines. */
  static String dedent(String body) {
    String[] lines = body.split("\n", -1);
    int common = Integer.MAX_VALUE;
    for (String l : lines) {
      if (!l.isBlank()) {
        int n = 0;
        while (n < l.length() && (l.charAt(n) == ' ' || l.charAt(n) == '\t')) {
          n++;
        }
        common = Math.min(common, n);
      }
    }
    if (common == Integer.MAX_VALUE) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      String stripped = l.isBlank() ? "" : l.substring(common).stripTrailing();
      sb.append(stripped).append('\n');
    }
    return sb.toString().strip();
  }

  private int escape() throws ScenarioException {
    Pos pos = here();
    i++; // backslash
    if (i >= src.length()) {
      throw error(pos, "unfinished escape sequence");
    }
    char c = src.charAt(i++);
    return switch (c) {
      case 'n' -> '\n';
      case 't' -> '\t';
      case 'r' -> '\r';
      case '0' -> 0;
      case '\\' -> '\\';
      case '\'' -> '\'';
      case '"' -> '"';
      case 'u' -> unicodeEscape(pos);
      default ->
          throw error(
              pos, "unknown escape '\\" + c + "' (known: \\n \\t \\r \\0 \\\\ \\' \\\" \\u{...})");
    };
  }

  private int unicodeEscape(Pos pos) throws ScenarioException {
    if (i >= src.length() || src.charAt(i) != '{') {
      throw error(pos, "expected '{' after \\u, as in \\u{1F600}");
    }
    int close = src.indexOf('}', i);
    if (close < 0 || close - i - 1 < 1 || close - i - 1 > 6) {
      throw error(pos, "expected 1 to 6 hexadecimal digits in \\u{...}");
    }
    String hex = src.substring(i + 1, close);
    i = close + 1;
    try {
      return Integer.parseInt(hex, 16);
    } catch (NumberFormatException e) {
      throw error(pos, "'" + hex + "' is not hexadecimal");
    }
  }

  private void character(Pos pos) throws ScenarioException {
    i++;
    if (i >= src.length() || src.charAt(i) == '\n' || src.charAt(i) == '\'') {
      throw error(pos, "expected one character between quotes, as in 'a'");
    }
    int cp;
    if (src.charAt(i) == '\\') {
      cp = escape();
    } else {
      cp = src.codePointAt(i);
      i += Character.charCount(cp);
    }
    if (i >= src.length() || src.charAt(i) != '\'') {
      throw error(pos, "a character literal holds exactly one character and ends with '");
    }
    i++;
    out.add(new Token(Kind.CHAR, new String(Character.toChars(Math.min(cp, 0x10FFFF))), cp, pos));
  }

  private void punctuation(char c, Pos pos) throws ScenarioException {
    char n = peek(1);
    Kind k;
    int len = 1;
    switch (c) {
      case '{' -> k = Kind.LBRACE;
      case '}' -> k = Kind.RBRACE;
      case '(' -> {
        k = Kind.LPAREN;
        depth++;
      }
      case ')' -> {
        k = Kind.RPAREN;
        depth = Math.max(0, depth - 1);
      }
      case '[' -> {
        k = Kind.LBRACKET;
        depth++;
      }
      case ']' -> {
        k = Kind.RBRACKET;
        depth = Math.max(0, depth - 1);
      }
      case ',' -> k = Kind.COMMA;
      case ';' -> k = Kind.SEMI;
      case ':' -> k = Kind.COLON;
      case '@' -> k = Kind.AT;
      case '+' -> k = Kind.PLUS;
      case '-' -> k = Kind.MINUS;
      case '*' -> k = Kind.STAR;
      case '/' -> k = Kind.SLASH;
      case '%' -> k = Kind.PERCENT;
      case '^' -> k = Kind.CARET;
      case '.' -> {
        k = n == '.' ? Kind.DOTDOT : Kind.DOT;
        len = n == '.' ? 2 : 1;
      }
      case '=' -> {
        k = n == '=' ? Kind.EQ : Kind.ASSIGN;
        len = n == '=' ? 2 : 1;
      }
      case '!' -> {
        k = n == '=' ? Kind.NE : Kind.BANG;
        len = n == '=' ? 2 : 1;
      }
      case '<' -> {
        k = n == '=' ? Kind.LE : Kind.LT;
        len = n == '=' ? 2 : 1;
      }
      case '>' -> {
        k = n == '=' ? Kind.GE : Kind.GT;
        len = n == '=' ? 2 : 1;
      }
      case '&' -> {
        k = n == '&' ? Kind.AMPAMP : Kind.AMP;
        len = n == '&' ? 2 : 1;
      }
      case '|' -> {
        k = n == '|' ? Kind.PIPEPIPE : Kind.PIPE;
        len = n == '|' ? 2 : 1;
      }
      default ->
          throw error(
              pos,
              String.format(
                  Locale.ROOT,
                  "unexpected character '%s' (U+%04X)",
                  new String(Character.toChars(src.codePointAt(i))),
                  src.codePointAt(i)));
    }
    out.add(new Token(k, src.substring(i, i + len), 0, pos));
    i += len;
  }
}
