package dev.ktel.promql.parser;

/** One token: kind, source text (unescaped value for strings) and the char offset where it starts. */
public record Token(TokenType type, String text, int pos) {
  @Override
  public String toString() {
    return switch (type) {
      case EOF -> "end of input";
      case STRING -> "string \"" + text + "\"";
      case NUMBER -> "number \"" + text + "\"";
      case DURATION -> "duration \"" + text + "\"";
      case IDENT -> "identifier \"" + text + "\"";
      default -> "\"" + text + "\"";
    };
  }
}
