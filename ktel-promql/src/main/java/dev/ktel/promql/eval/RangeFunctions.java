package dev.ktel.promql.eval;

import java.util.Arrays;

/**
 * Functions over one series' window of samples t[lo..hi), v[lo..hi). A null result means "no output sample", as
 * when Prometheus needs two samples and the window has one.
 */
final class RangeFunctions {
  private RangeFunctions() {
  }

  /** rate/increase/delta with Prometheus' extrapolation to the window edges; null when fewer than 2 samples. */
  static Double extrapolatedRate(long[] t, double[] v, int lo, int hi, long rangeStart, long rangeEnd,
      boolean isCounter, boolean isRate) {
    int n = hi - lo;
    if (n < 2) {
      return null;
    }
    double first = v[lo], last = v[hi - 1];
    double result = last - first;
    if (isCounter) {
      double prev = first;
      for (int i = lo + 1; i < hi; i++) {
        if (v[i] < prev) {
          result += prev;
        }
        prev = v[i];
      }
    }
    double durationToStart = (t[lo] - rangeStart) / 1000.0;
    double durationToEnd = (rangeEnd - t[hi - 1]) / 1000.0;
    double sampledInterval = (t[hi - 1] - t[lo]) / 1000.0;
    double avg = sampledInterval / (n - 1);
    double threshold = avg * 1.1;
    if (durationToStart >= threshold) {
      durationToStart = avg / 2;
    }
    if (isCounter && result > 0 && first >= 0) {
      double durationToZero = sampledInterval * (first / result);
      if (durationToZero < durationToStart) {
        durationToStart = durationToZero;
      }
    }
    if (durationToEnd >= threshold) {
      durationToEnd = avg / 2;
    }
    double factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
    if (isRate) {
      factor /= (rangeEnd - rangeStart) / 1000.0;
    }
    return result * factor;
  }

  static Double instantValue(long[] t, double[] v, int lo, int hi, boolean isRate) {
    if (hi - lo < 2) {
      return null;
    }
    double last = v[hi - 1], prev = v[hi - 2];
    double result = isRate && last < prev ? last : last - prev;
    if (!isRate) {
      return result;
    }
    long dt = t[hi - 1] - t[hi - 2];
    if (dt == 0) {
      return null;
    }
    return result / (dt / 1000.0);
  }

  /** Least-squares fit; returns {slope, intercept} at interceptTime. */
  static double[] linearRegression(long[] t, double[] v, int lo, int hi, long interceptTime) {
    double n = 0;
    KahanSum sumX = new KahanSum(), sumY = new KahanSum(), sumXY = new KahanSum(), sumX2 = new KahanSum();
    double initY = v[lo];
    boolean constY = true;
    for (int i = lo; i < hi; i++) {
      if (i > lo && v[i] != v[i - 1]) {
        constY = false;
      }
      n++;
      double x = (t[i] - interceptTime) / 1e3;
      sumX.add(x);
      sumY.add(v[i]);
      sumXY.add(x * v[i]);
      sumX2.add(x * x);
    }
    if (constY) {
      if (Double.isInfinite(initY)) {
        return new double[] {Double.NaN, Double.NaN};
      }
      return new double[] {0, initY};
    }
    double sx = sumX.value(), sy = sumY.value();
    double covXY = sumXY.value() - sx * sy / n;
    double varX = sumX2.value() - sx * sx / n;
    double slope = covXY / varX;
    double intercept = sy / n - slope * sx / n;
    return new double[] {slope, intercept};
  }

  static double avg(double[] v, int lo, int hi) {
    KahanSum s = new KahanSum();
    for (int i = lo; i < hi; i++) {
      s.add(v[i]);
    }
    double sum = s.value();
    if (!Double.isInfinite(sum)) {
      return sum / (hi - lo);
    }
    for (int i = lo; i < hi; i++) {
      if (Double.isInfinite(v[i])) {
        return sum / (hi - lo);
      }
    }
    double mean = 0;
    int n = 0;
    for (int i = lo; i < hi; i++) {
      n++;
      mean += v[i] / n - mean / n;
    }
    return mean;
  }

  static double sum(double[] v, int lo, int hi) {
    KahanSum s = new KahanSum();
    for (int i = lo; i < hi; i++) {
      s.add(v[i]);
    }
    return s.value();
  }

  static double min(double[] v, int lo, int hi) {
    double m = v[lo];
    for (int i = lo + 1; i < hi; i++) {
      if (v[i] < m || Double.isNaN(m)) {
        m = v[i];
      }
    }
    return m;
  }

  static double max(double[] v, int lo, int hi) {
    double m = v[lo];
    for (int i = lo + 1; i < hi; i++) {
      if (v[i] > m || Double.isNaN(m)) {
        m = v[i];
      }
    }
    return m;
  }

  static long tsOfMin(long[] t, double[] v, int lo, int hi, boolean max) {
    double m = v[lo];
    long ts = t[lo];
    for (int i = lo + 1; i < hi; i++) {
      boolean better = max ? v[i] >= m : v[i] <= m;
      if (better || Double.isNaN(m)) {
        m = v[i];
        ts = t[i];
      }
    }
    return ts;
  }

  static double mad(double[] v, int lo, int hi) {
    double[] w = Arrays.copyOfRange(v, lo, hi);
    for (double d : w) {
      if (Double.isNaN(d)) {
        return Double.NaN;
      }
    }
    double median = Stats.quantile(0.5, w);
    for (int i = 0; i < w.length; i++) {
      w[i] = Math.abs(w[i] - median);
    }
    return Stats.quantile(0.5, w);
  }

  static double changes(double[] v, int lo, int hi) {
    int c = 0;
    for (int i = lo + 1; i < hi; i++) {
      if (v[i] != v[i - 1] && !(Double.isNaN(v[i]) && Double.isNaN(v[i - 1]))) {
        c++;
      }
    }
    return c;
  }

  static double resets(double[] v, int lo, int hi) {
    int c = 0;
    for (int i = lo + 1; i < hi; i++) {
      if (v[i] < v[i - 1]) {
        c++;
      }
    }
    return c;
  }

  /** Holt's linear (double exponential) smoothing; null with fewer than 2 samples. */
  static Double doubleExponentialSmoothing(double[] v, int lo, int hi, double sf, double tf) {
    int n = hi - lo;
    if (n < 2) {
      return null;
    }
    double s0 = 0, s1 = v[lo], b = v[lo + 1] - v[lo];
    for (int i = 1; i < n; i++) {
      double x = sf * v[lo + i];
      if (i > 1) {
        b = tf * (s1 - s0) + (1 - tf) * b;
      }
      double y = (1 - sf) * (s1 + b);
      s0 = s1;
      s1 = x + y;
    }
    return s1;
  }
}
