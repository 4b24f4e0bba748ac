package dev.ktel.promql.eval;

/** Kahan-Babuska (Neumaier) compensated summation, as Prometheus uses for sum, avg and *_over_time. */
final class KahanSum {
  private double sum;
  private double c;

  void add(double v) {
    double t = sum + v;
    if (Double.isInfinite(t)) {
      c = 0;
    } else if (Math.abs(sum) >= Math.abs(v)) {
      c += (sum - t) + v;
    } else {
      c += (v - t) + sum;
    }
    sum = t;
  }

  double value() {
    if (Double.isInfinite(sum)) {
      return sum;
    }
    return sum + c;
  }
}
