package dev.ktel.promql.parser;

import dev.ktel.promql.PromqlException;
import java.util.ArrayList;
import java.util.List;

/** Splits a PromQL query into tokens; comments (# to end of line) and whitespace are skipped. */
public final class Lexer {
  private final String q;
  private int i;

  private Lexer(String q) {
    this.q = q;
  }

  public static List<Token> tokenize(String query) {
    Lexer lx = new Lexer(query);
    List<Token> out = new ArrayList<>();
    Token t;
    do {
      t = lx.next();
      out.add(t);
    } while (t.type() != TokenType.EOF);
    return out;
  }

  private PromqlException error(int pos, String msg) {
    return PromqlException.badData(Positions.lineCol(q, pos) + ": parse error: " + msg);
  }

  private Token next() {
    while (i < q.length()) {
      char c = q.charAt(i);
      if (c == '#') {
        while (i < q.length() && q.charAt(i) != '\n') {
          i++;
        }
      } else if (Character.isWhitespace(c)) {
        i++;
      } else {
        break;
      }
    }
    if (i >= q.length()) {
      return new Token(TokenType.EOF, "", q.length());
    }
    int start = i;
    char c = q.charAt(i);
    char n = i + 1 < q.length() ? q.charAt(i + 1) : 0;
    switch (c) {
      case '(': i++; return tok(TokenType.LEFT_PAREN, start);
      case ')': i++; return tok(TokenType.RIGHT_PAREN, start);
      case '{': i++; return tok(TokenType.LEFT_BRACE, start);
      case '}': i++; return tok(TokenType.RIGHT_BRACE, start);
      case '[': i++; return tok(TokenType.LEFT_BRACKET, start);
      case ']': i++; return tok(TokenType.RIGHT_BRACKET, start);
      case ',': i++; return tok(TokenType.COMMA, start);
      case ':': i++; return tok(TokenType.COLON, start);
      case '@': i++; return tok(TokenType.AT, start);
      case '+': i++; return tok(TokenType.ADD, start);
      case '-': i++; return tok(TokenType.SUB, start);
      case '*': i++; return tok(TokenType.MUL, start);
      case '/': i++; return tok(TokenType.DIV, start);
      case '%': i++; return tok(TokenType.MOD, start);
      case '^': i++; return tok(TokenType.POW, start);
      case '=':
        if (n == '=') { i += 2; return tok(TokenType.EQL, start); }
        if (n == '~') { i += 2; return tok(TokenType.EQL_REGEX, start); }
        i++;
        return tok(TokenType.ASSIGN, start);
      case '!':
        if (n == '=') { i += 2; return tok(TokenType.NEQ, start); }
        if (n == '~') { i += 2; return tok(TokenType.NEQ_REGEX, start); }
        throw error(start, "unexpected character after '!': " + describe(n));
      case '<':
        if (n == '=') { i += 2; return tok(TokenType.LTE, start); }
        i++;
        return tok(TokenType.LSS, start);
      case '>':
        if (n == '=') { i += 2; return tok(TokenType.GTE, start); }
        i++;
        return tok(TokenType.GTR, start);
      case '"', '\'', '`':
        return string(c);
      default:
        break;
    }
    if (Character.isDigit(c) || (c == '.' && Character.isDigit(n))) {
      return number();
    }
    if (isIdentStart(c)) {
      while (i < q.length() && isIdentChar(q.charAt(i))) {
        i++;
      }
      return new Token(TokenType.IDENT, q.substring(start, i), start);
    }
    throw error(start, "unexpected character: " + describe(c));
  }

  private static String describe(char c) {
    return c == 0 ? "end of input" : "'" + c + "'";
  }

  private Token tok(TokenType t, int start) {
    return new Token(t, q.substring(start, i), start);
  }

  static boolean isIdentStart(char c) {
    return Character.isLetter(c) && c < 128 || c == '_' || c == ':';
  }

  static boolean isIdentChar(char c) {
    return isIdentStart(c) || (c >= '0' && c <= '9');
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private Token number() {
    int start = i;
    if (q.startsWith("0x", i) || q.startsWith("0X", i)) {
      i += 2;
      while (i < q.length() && Character.digit(q.charAt(i), 16) >= 0) {
        i++;
      }
      return checkEnd(new Token(TokenType.NUMBER, q.substring(start, i), start));
    }
    // Duration: digits followed by a unit, repeated (1h30m, 10s53ms).
    int j = i;
    boolean duration = false;
    while (true) {
      int k = j;
      while (k < q.length() && Character.isDigit(q.charAt(k))) {
        k++;
      }
      if (k == j) {
        break;
      }
      int u = unitLength(k);
      if (u == 0) {
        break;
      }
      j = k + u;
      duration = true;
    }
    if (duration && (j >= q.length() || !isWordChar(q.charAt(j)) && q.charAt(j) != '.')) {
      i = j;
      return new Token(TokenType.DURATION, q.substring(start, i), start);
    }
    while (i < q.length() && Character.isDigit(q.charAt(i))) {
      i++;
    }
    if (i < q.length() && q.charAt(i) == '.') {
      i++;
      while (i < q.length() && Character.isDigit(q.charAt(i))) {
        i++;
      }
    }
    if (i < q.length() && (q.charAt(i) == 'e' || q.charAt(i) == 'E')) {
      int save = i;
      i++;
      if (i < q.length() && (q.charAt(i) == '+' || q.charAt(i) == '-')) {
        i++;
      }
      if (i < q.length() && Character.isDigit(q.charAt(i))) {
        while (i < q.length() && Character.isDigit(q.charAt(i))) {
          i++;
        }
      } else {
        i = save;
      }
    }
    return checkEnd(new Token(TokenType.NUMBER, q.substring(start, i), start));
  }

  private Token checkEnd(Token t) {
    if (i < q.length() && isWordChar(q.charAt(i))) {
      throw error(t.pos(), "bad number or duration syntax: \"" + q.substring(t.pos(), i + 1) + "\"");
    }
    return t;
  }

  private int unitLength(int k) {
    if (k >= q.length()) {
      return 0;
    }
    if (q.startsWith("ms", k)) {
      return 2;
    }
    char c = q.charAt(k);
    return switch (c) {
      case 's', 'm', 'h', 'd', 'w', 'y' -> 1;
      default -> 0;
    };
  }

  private Token string(char quote) {
    int start = i;
    i++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (i >= q.length()) {
        throw error(start, "unterminated quoted string");
      }
      char c = q.charAt(i);
      if (c == quote) {
        i++;
        return new Token(TokenType.STRING, sb.toString(), start);
      }
      if (quote != '`' && c == '\n') {
        throw error(start, "unterminated quoted string");
      }
      if (c == '\\' && quote != '`') {
        i++;
        if (i >= q.length()) {
          throw error(start, "unterminated quoted string");
        }
        char e = q.charAt(i);
        switch (e) {
          case 'a' -> { sb.append((char) 7); i++; }
          case 'b' -> { sb.append('\b'); i++; }
          case 'f' -> { sb.append('\f'); i++; }
          case 'n' -> { sb.append('\n'); i++; }
          case 'r' -> { sb.append('\r'); i++; }
          case 't' -> { sb.append('\t'); i++; }
          case 'v' -> { sb.append((char) 11); i++; }
          case '\\', '"', '\'' -> { sb.append(e); i++; }
          case 'x' -> { appendBytes(sb, hex(i + 1, 2), start); }
          case 'u' -> { sb.appendCodePoint(hex(i + 1, 4)); i += 5; }
          case 'U' -> { sb.appendCodePoint(hex(i + 1, 8)); i += 9; }
          default -> {
            if (e >= '0' && e <= '7') {
              appendBytes(sb, -1, start);
            } else {
              throw error(i - 1, "unknown escape sequence '\\" + e + "'");
            }
          }
        }
        continue;
      }
      sb.append(c);
      i++;
    }
  }

  /** \xNN and octal escapes are raw bytes in Go; collect a run of them and decode as UTF-8 (invalid → U+FFFD). */
  private void appendBytes(StringBuilder sb, int ignored, int start) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    while (i < q.length() && q.charAt(i - 1) == '\\') {
      char e = q.charAt(i);
      if (e == 'x') {
        bytes.write(hex(i + 1, 2));
        i += 3;
      } else if (e >= '0' && e <= '7') {
        if (i + 2 >= q.length()) {
          throw error(start, "invalid octal escape");
        }
        bytes.write(Integer.parseInt(q.substring(i, i + 3), 8));
        i += 3;
      } else {
        break;
      }
      if (i + 1 < q.length() && q.charAt(i) == '\\' && (q.charAt(i + 1) == 'x' || Character.isDigit(q.charAt(i + 1)))) {
        i++;
      } else {
        break;
      }
    }
    byte[] b = bytes.toByteArray();
    if (validUtf8(b)) {
      sb.append(new String(b, java.nio.charset.StandardCharsets.UTF_8));
    } else {
      // Keep invalid bytes recoverable (Python's surrogateescape) so errors can quote them as Go does.
      for (byte x : b) {
        sb.append(x >= 0 ? (char) x : (char) (0xDC00 + (x & 0xFF)));
      }
    }
  }

  private static boolean validUtf8(byte[] b) {
    try {
      java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  private int hex(int from, int len) {
    if (from + len > q.length()) {
      throw error(from, "invalid escape sequence");
    }
    try {
      return Integer.parseInt(q.substring(from, from + len), 16);
    } catch (NumberFormatException e) {
      throw error(from, "invalid escape sequence");
    }
  }
}
