package dev.ktel.promql;

import dev.ktel.promql.ast.Expr;
import dev.ktel.promql.parser.Parser;

/** Public parser entry point: query text to AST; errors are bad_data {@link PromqlException}s with a position. */
public final class PromqlParser {
  private PromqlParser() {
  }

  public static Expr parse(String query) {
    return Parser.parse(query);
  }
}
