package dev.ktel.promql.eval;

import java.util.Arrays;
import java.util.List;

/** Statistics shared by aggregations and *_over_time functions. */
final class Stats {
  private Stats() {
  }

  /** Prometheus' quantile: linear interpolation between closest ranks; q outside [0,1] gives ±Inf. */
  static double quantile(double q, double[] values) {
    if (values.length == 0 || Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    double[] v = values.clone();
    sortNaNFirst(v);
    double n = v.length;
    double rank = q * (n - 1);
    double lower = Math.max(0, Math.floor(rank));
    double upper = Math.min(n - 1, lower + 1);
    double weight = rank - Math.floor(rank);
    return v[(int) lower] * (1 - weight) + v[(int) upper] * weight;
  }

  /** Go's sort of float samples puts NaN first (Less: a < b || isNaN(a)). */
  static void sortNaNFirst(double[] v) {
    Arrays.sort(v);
    int nan = 0;
    for (double d : v) {
      if (Double.isNaN(d)) {
        nan++;
      }
    }
    if (nan > 0) {
      System.arraycopy(v, 0, v, nan, v.length - nan);
      Arrays.fill(v, 0, nan, Double.NaN);
    }
  }

  /** Population variance with Welford's algorithm and compensated sums. */
  static double variance(List<Double> vals) {
    double[] d = new double[vals.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = vals.get(i);
    }
    return variance(d, 0, d.length);
  }

  static double variance(double[] v, int from, int to) {
    double count = 0;
    KahanSum mean = new KahanSum();
    KahanSum m2 = new KahanSum();
    double meanV = 0;
    for (int i = from; i < to; i++) {
      count++;
      double delta = v[i] - meanV;
      mean.add(delta / count);
      meanV = mean.value();
      m2.add(delta * (v[i] - meanV));
    }
    return m2.value() / count;
  }
}
