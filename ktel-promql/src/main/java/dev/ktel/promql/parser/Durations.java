package dev.ktel.promql.parser;

/** Prometheus duration strings ({@code 1h30m}, {@code 10s53ms}, {@code 2y}) to milliseconds. */
public final class Durations {
  private Durations() {
  }

  public static long parseMillis(String s) {
    if (s.equals("0")) {
      return 0;
    }
    long total = 0;
    int i = 0;
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty duration string");
    }
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
      if (start == i) {
        throw new IllegalArgumentException("not a valid duration string: \"" + s + "\"");
      }
      long n = Long.parseLong(s.substring(start, i));
      long unit;
      if (s.startsWith("ms", i)) {
        unit = 1;
        i += 2;
      } else if (i < s.length()) {
        unit = switch (s.charAt(i)) {
          case 's' -> 1000L;
          case 'm' -> 60_000L;
          case 'h' -> 3_600_000L;
          case 'd' -> 86_400_000L;
          case 'w' -> 7 * 86_400_000L;
          case 'y' -> 365 * 86_400_000L;
          default -> throw new IllegalArgumentException("not a valid duration string: \"" + s + "\"");
        };
        i++;
      } else {
        throw new IllegalArgumentException("not a valid duration string: \"" + s + "\"");
      }
      total += n * unit;
    }
    return total;
  }

  /** Prometheus' compact rendering: 1h30m, 5m, 10s, 0s. */
  public static String format(long ms) {
    if (ms == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    if (ms < 0) {
      sb.append('-');
      ms = -ms;
    }
    long[] units = {365 * 86_400_000L, 7 * 86_400_000L, 86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
    String[] names = {"y", "w", "d", "h", "m", "s", "ms"};
    for (int k = 0; k < units.length; k++) {
      if (ms >= units[k]) {
        sb.append(ms / units[k]).append(names[k]);
        ms %= units[k];
      }
    }
    return sb.toString();
  }
}
