package org.racelab.scenario;

/**
 * A token of the scenario language.
 *
 * @param kind what sort of token
 * @param text the token's text (for strings and chars: the decoded value)
 * @param value the numeric value of integer and char literals
 * @param pos where it starts
 */
public record Token(Kind kind, String text, long value, Pos pos) {

  /** Token kinds. Punctuation kinds carry their spelling for messages. */
  public enum Kind {
    IDENT("a name"),
    INT("a number"),
    FLOAT("a number"),
    STRING("a string"),
    CHAR("a character literal"),
    NEWLINE("end of line"),
    EOF("end of file"),
    LBRACE("'{'"),
    RBRACE("'}'"),
    LPAREN("'('"),
    RPAREN("')'"),
    LBRACKET("'['"),
    RBRACKET("']'"),
    COMMA("','"),
    SEMI("';'"),
    COLON("':'"),
    ASSIGN("'='"),
    EQ("'=='"),
    NE("'!='"),
    LT("'<'"),
    LE("'<='"),
    GT("'>'"),
    GE("'>='"),
    PLUS("'+'"),
    MINUS("'-'"),
    STAR("'*'"),
    SLASH("'/'"),
    PERCENT("'%'"),
    AMP("'&'"),
    AMPAMP("'&&'"),
    PIPE("'|'"),
    PIPEPIPE("'||'"),
    CARET("'^'"),
    BANG("'!'"),
    DOT("'.'"),
    DOTDOT("'..'"),
    AT("'@'");

    private final String describe;

    Kind(String describe) {
      this.describe = describe;
    }

    /** How a message names this kind of token. */
    public String describe() {
      return describe;
    }
  }

  /** Whether this is the identifier (or keyword) {@code word}. */
  public boolean is(String word) {
    return kind == Kind.IDENT && text.equals(word);
  }

  /** How an error message shows what was found. */
  public String found() {
    return switch (kind) {
      case IDENT -> "'" + text + "'";
      case INT, FLOAT -> "number " + text;
      case STRING -> "a string";
      case CHAR -> "a character literal";
      case NEWLINE -> "end of line";
      case EOF -> "end of file";
      default -> kind.describe();
    };
  }
}
