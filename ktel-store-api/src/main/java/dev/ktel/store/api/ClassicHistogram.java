package dev.ktel.store.api;

import java.util.Arrays;

/**
 * A classic (bucketed) histogram observation: cumulative counts per upper bound, plus sum and count. The last upper
 * bound should be +Inf; when it is missing, {@link Appender#appendHistogram} adds it with the total count.
 */
public record ClassicHistogram(double[] upperBounds, double[] cumulativeCounts, double sum, double count) {
  public ClassicHistogram {
    if (upperBounds.length != cumulativeCounts.length) {
      throw new IllegalArgumentException("histogram: " + upperBounds.length + " upper bounds but "
          + cumulativeCounts.length + " bucket counts");
    }
    for (int i = 1; i < upperBounds.length; i++) {
      if (!(upperBounds[i] > upperBounds[i - 1])) {
        throw new IllegalArgumentException("histogram: upper bounds not increasing at index " + i + ": "
            + Arrays.toString(upperBounds));
      }
    }
  }

  /**
   * Formats a bucket bound the way Prometheus clients write {@code le}: shortest representation, {@code +Inf},
   * integral values without a fraction ({@code 1}, not {@code 1.0}).
   */
  public static String formatBound(double le) {
    if (le == Double.POSITIVE_INFINITY) {
      return "+Inf";
    }
    if (le == Double.NEGATIVE_INFINITY) {
      return "-Inf";
    }
    if (le == Math.rint(le) && Math.abs(le) < 1e15) {
      return Long.toString((long) le);
    }
    return Double.toString(le);
  }
}
