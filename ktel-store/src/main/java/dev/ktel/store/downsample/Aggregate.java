package dev.ktel.store.downsample;

/**
 * The aggregates kept per series and tier window. Each is stored as its own series: the raw labels plus
 * {@code __rollup__="<name>"}. {@link #AVG} is derived (sum / count) and not stored.
 */
public enum Aggregate {
  MIN, MAX, SUM, COUNT, LAST, AVG;

  /** Label that tells the stored aggregate series apart; the double underscore keeps it out of user label names. */
  public static final String LABEL = "__rollup__";

  /** The stored ones, in storage order. */
  static final Aggregate[] STORED = {MIN, MAX, SUM, COUNT, LAST};

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The aggregate that answers a PromQL range function over a tier: {@code min/max/sum/count/avg_over_time} map to
   * their aggregate; everything else ({@code rate}, {@code increase}, {@code last_over_time}, plain selectors) uses the
   * window's last value, which is the series' value at the end of the window.
   */
  public static Aggregate forFunction(String function) {
    return switch (function) {
      case "min_over_time" -> MIN;
      case "max_over_time" -> MAX;
      case "sum_over_time" -> SUM;
      case "count_over_time" -> COUNT;
      case "avg_over_time" -> AVG;
      default -> LAST;
    };
  }
}
