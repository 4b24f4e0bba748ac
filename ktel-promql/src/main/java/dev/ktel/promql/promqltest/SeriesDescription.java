package dev.ktel.promql.promqltest;

import dev.ktel.promql.parser.Lexer;
import dev.ktel.promql.parser.Token;
import dev.ktel.promql.parser.TokenType;
import dev.ktel.store.api.Labels;
import java.util.List;

/**
 * A series in load lines and expected results: {@code name}, {@code name{a="b"}}, {@code {__name__="x"}} or
 * {@code {}}. {@link #split} separates it from the values that follow.
 */
final class SeriesDescription {
  private SeriesDescription() {
  }

  /** Index just past the series description at the start of {@code line}. */
  static int end(String line) {
    int brace = line.indexOf('{');
    int ws = indexOfWhitespace(line);
    if (brace < 0 || (ws >= 0 && ws < brace)) {
      return ws < 0 ? line.length() : ws;
    }
    boolean inQuote = false;
    char quote = 0;
    for (int i = brace; i < line.length(); i++) {
      char c = line.charAt(i);
      if (inQuote) {
        if (c == '\\' && quote != '`') {
          i++;
        } else if (c == quote) {
          inQuote = false;
        }
      } else if (c == '"' || c == '\'' || c == '`') {
        inQuote = true;
        quote = c;
      } else if (c == '}') {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("unterminated label set in: " + line);
  }

  private static int indexOfWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  static Labels parse(String text) {
    List<Token> toks = Lexer.tokenize(text);
    Labels.Builder b = Labels.builder();
    int p = 0;
    if (toks.get(p).type() == TokenType.IDENT) {
      b.set(Labels.METRIC_NAME, toks.get(p++).text());
    }
    if (toks.get(p).type() == TokenType.LEFT_BRACE) {
      p++;
      while (toks.get(p).type() != TokenType.RIGHT_BRACE) {
        Token name = toks.get(p++);
        if (name.type() == TokenType.STRING
            && (toks.get(p).type() == TokenType.COMMA || toks.get(p).type() == TokenType.RIGHT_BRACE)) {
          b.set(Labels.METRIC_NAME, name.text());
        } else {
          if (toks.get(p++).type() != TokenType.ASSIGN) {
            throw new IllegalArgumentException("expected = after label " + name.text() + " in " + text);
          }
          Token value = toks.get(p++);
          if (value.type() != TokenType.STRING) {
            throw new IllegalArgumentException("expected a quoted value for label " + name.text() + " in " + text);
          }
          b.set(name.text(), value.text());
        }
        if (toks.get(p).type() == TokenType.COMMA) {
          p++;
        }
      }
      p++;
    }
    if (toks.get(p).type() != TokenType.EOF) {
      throw new IllegalArgumentException("unexpected " + toks.get(p) + " in series description " + text);
    }
    return b.build();
  }
}
