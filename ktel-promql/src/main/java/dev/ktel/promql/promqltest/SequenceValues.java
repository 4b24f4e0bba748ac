package dev.ktel.promql.promqltest;

import dev.ktel.store.api.StaleNaN;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands promqltest value notation into slots: a number, {@code a+bxN}, {@code a-bxN}, {@code axN}, {@code _},
 * {@code _xN}, {@code stale}. A null slot has no sample. Native histogram literals are reported, not expanded.
 */
final class SequenceValues {
  private static final String NUM =
      "[-+]?(?:[Ii][Nn][Ff]|[Nn][Aa][Nn]|0x[0-9a-fA-F]+|[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?|[0-9]+\\.)";
  private static final Pattern SERIES = Pattern.compile("^(" + NUM + ")([+-])(" + NUM + ")x([0-9]+)$");
  private static final Pattern REPEAT = Pattern.compile("^(" + NUM + ")x([0-9]+)$");
  private static final Pattern SINGLE = Pattern.compile("^" + NUM + "$");
  private static final Pattern BLANKS = Pattern.compile("^_x([0-9]+)$");

  private SequenceValues() {
  }

  static boolean hasHistogram(String values) {
    return values.contains("{{");
  }

  static List<Double> expand(String values) {
    List<Double> out = new ArrayList<>();
    for (String item : values.trim().split("\\s+")) {
      if (item.isEmpty()) {
        continue;
      }
      Matcher m;
      if (item.equals("_")) {
        out.add(null);
      } else if ((m = BLANKS.matcher(item)).matches()) {
        int n = Integer.parseInt(m.group(1));
        for (int i = 0; i < n; i++) {
          out.add(null);
        }
      } else if (item.equals("stale")) {
        out.add(StaleNaN.VALUE);
      } else if ((m = SERIES.matcher(item)).matches()) {
        double v = number(m.group(1));
        double step = number(m.group(3)) * (m.group(2).equals("-") ? -1 : 1);
        int n = Integer.parseInt(m.group(4));
        for (int i = 0; i <= n; i++) {
          out.add(v);
          v += step;
        }
      } else if ((m = REPEAT.matcher(item)).matches()) {
        double v = number(m.group(1));
        int n = Integer.parseInt(m.group(2));
        for (int i = 0; i <= n; i++) {
          out.add(v);
        }
      } else if (SINGLE.matcher(item).matches()) {
        out.add(number(item));
      } else {
        throw new IllegalArgumentException("bad value item \"" + item + "\"");
      }
    }
    return out;
  }

  static double number(String s) {
    String t = s.toLowerCase(java.util.Locale.ROOT);
    boolean neg = t.startsWith("-");
    String u = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
    double v = switch (u) {
      case "inf" -> Double.POSITIVE_INFINITY;
      case "nan" -> Double.NaN;
      default -> u.startsWith("0x") ? Long.parseLong(u.substring(2), 16) : Double.parseDouble(u);
    };
    return neg ? -v : v;
  }
}
