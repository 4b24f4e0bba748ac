package dev.ktel.promql.eval;

import dev.ktel.store.api.Labels;

/** Renders values the way Go's Prometheus does in error and annotation texts. */
final class GoFormat {
  private GoFormat() {
  }

  /** labels.Labels.String(): {a="b", c="d"} with every label, __name__ included. */
  static String labels(Labels l) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < l.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(l.name(i)).append('=').append(quote(l.value(i)));
    }
    return sb.append('}').toString();
  }

  /** strconv.Quote; chars U+DC80..U+DCFF stand for invalid UTF-8 bytes and print as \xNN. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c >= 0xDC80 && c <= 0xDCFF) {
            sb.append(String.format("\\x%02x", c - 0xDC00));
          } else if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** strconv.FormatFloat(f, 'f', -1, 64)-like shortest representation (count_values label values). */
  static String floatValue(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e21) {
      return new java.math.BigDecimal(v).toPlainString();
    }
    return new java.math.BigDecimal(Double.toString(v)).toPlainString();
  }

  /** %g-ish formatting Go uses for floats in messages (e.g. "got NaN"). */
  static String g(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e21) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
