package dev.ktel.promql.parser;

/** Converts char offsets of a query to Prometheus' 1-based "line:column" notation. */
public final class Positions {
  private Positions() {
  }

  public static String lineCol(String query, int pos) {
    int line = 1, col = 1;
    for (int i = 0; i < Math.min(pos, query.length()); i++) {
      if (query.charAt(i) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return line + ":" + col;
  }
}
