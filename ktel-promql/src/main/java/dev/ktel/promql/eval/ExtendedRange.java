package dev.ktel.promql.eval;

/**
 * The anchored and smoothed range-selector modifiers (experimental in Prometheus 3). Anchored adds the last sample
 * at or before the window start (within the lookback delta); smoothed also adds the first sample after the window
 * end and interpolates linearly at both edges. rate/increase/delta then take the difference between the edge
 * values, correcting counter resets inside; changes/resets count over the anchored samples.
 */
final class ExtendedRange {
  private ExtendedRange() {
  }

  static Double eval(String name, RangeArg ra, RangeSeries s, long te, int lo, int hi, QueryContext ctx) {
    long lookback = ctx.options.lookbackDelta().toMillis();
    long rangeStart = te - ra.rangeMs();
    long[] t = s.t();
    double[] v = s.v();
    int a = lo;
    if (lo > 0 && t[lo - 1] > rangeStart - lookback) {
      a = lo - 1;
    }
    int b = hi;
    if (ra.smoothed() && hi < t.length && t[hi] <= te + lookback) {
      b = hi + 1;
    }
    if (b <= a) {
      return null;
    }
    return switch (name) {
      case "rate" -> rate(t, v, a, b, rangeStart, te, ra.smoothed(), true, true, ra.rangeMs());
      case "increase" -> rate(t, v, a, b, rangeStart, te, ra.smoothed(), true, false, ra.rangeMs());
      case "delta" -> rate(t, v, a, b, rangeStart, te, ra.smoothed(), false, false, ra.rangeMs());
      case "changes" -> hi > lo ? RangeFunctions.changes(v, a, b) : null;
      case "resets" -> hi > lo ? RangeFunctions.resets(v, a, b) : null;
      default -> null;
    };
  }

  private static Double rate(long[] t, double[] v, int a, int b, long rangeStart, long rangeEnd, boolean smoothed,
      boolean isCounter, boolean isRate, long rangeMs) {
    int last = b - 1;
    int first = a;
    while (first + 1 < last && t[first + 1] <= rangeStart) {
      first++;
    }
    if (first < last && t[first] > rangeStart) {
      first = a;
    }
    if (smoothed) {
      int k = a;
      while (k < last && t[k] < rangeEnd) {
        k++;
      }
      last = k;
    }
    if (t[last] <= rangeStart || t[a] > rangeEnd) {
      return null;
    }
    double left = smoothed && t[first] < rangeStart && first + 1 <= b - 1
        ? interpolate(t[first], v[first], t[first + 1], v[first + 1], rangeStart, isCounter, true) : v[first];
    double right = smoothed && last > a && t[last] > rangeEnd
        ? interpolate(t[last - 1], v[last - 1], t[last], v[last], rangeEnd, isCounter, false) : v[last];
    double result = right - left;
    if (isCounter) {
      int from = t[first] <= rangeStart ? first + 1 : first;
      int to = t[last] >= rangeEnd ? last - 1 : last;
      double prev = left;
      for (int i = from; i <= to; i++) {
        if (v[i] < prev) {
          result += prev;
        }
        prev = v[i];
      }
      if (right < prev) {
        result += prev;
      }
    }
    if (isRate) {
      result /= rangeMs / 1000.0;
    }
    return result;
  }

  private static double interpolate(long t1, double y1, long t2, double y2, long t, boolean isCounter,
      boolean leftEdge) {
    if (isCounter && y2 < y1) {
      // Across a reset the counter restarted from zero somewhere in between: interpolate from zero.
      y1 = 0;
    }
    return y1 + (y2 - y1) * (t - t1) / (double) (t2 - t1);
  }
}
