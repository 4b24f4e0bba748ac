package dev.ktel.promql.eval;

import dev.ktel.promql.PromqlException;
import dev.ktel.promql.ast.Call;
import dev.ktel.store.api.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** histogram_quantile(s), histogram_fraction over classic histograms (series with an {@code le} label). */
final class HistogramFunctions {
  private HistogramFunctions() {
  }

  /** Buckets of one classic histogram at one step. */
  private static final class Buckets {
    final List<double[]> b = new ArrayList<>();
    String name;
    boolean dropName;
    long t;
  }

  private static Map<Labels, Buckets> group(Evaluator ev, List<Elem> in, int pos) {
    Map<Labels, Buckets> groups = new LinkedHashMap<>();
    for (Elem e : in) {
      String le = e.labels().get("le");
      double ub;
      try {
        ub = parseLe(le);
      } catch (NumberFormatException ex) {
        ev.ctx.warn("bucket label \"le\" is missing or has a malformed value of " + GoFormat.quote(le)
            + " for metric name " + GoFormat.quote(e.labels().metricName()), pos);
        continue;
      }
      // The name stays in the key and is dropped at the end (delayed removal): two histograms of different
      // names but equal other labels then collide as in Prometheus.
      Labels key = e.labels().toBuilder().remove("le").build();
      Buckets bs = groups.computeIfAbsent(key, k -> new Buckets());
      bs.b.add(new double[] {ub, e.v()});
      bs.name = e.labels().metricName();
      bs.t = e.t();
    }
    return groups;
  }

  private static double parseLe(String le) {
    if (le.isEmpty()) {
      throw new NumberFormatException("empty");
    }
    return switch (le.toLowerCase(java.util.Locale.ROOT)) {
      case "+inf", "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      case "nan" -> Double.NaN;
      default -> Double.parseDouble(le);
    };
  }

  static Vecs quantile(Evaluator ev, Call c, Grid g) {
    double[] q = ev.scalar(c.args().get(0), g);
    Vecs in = ev.vector(c.args().get(1), g);
    warnQuantile(ev, q, c.args().get(0).pos());
    Vecs out = new Vecs(g.size());
    for (int i = 0; i < g.size(); i++) {
      for (Map.Entry<Labels, Buckets> en : group(ev, in.at(i), c.args().get(1).pos()).entrySet()) {
        Buckets bs = en.getValue();
        double[] r = bucketQuantile(q[i], bs.b);
        if (r[1] > 0) {
          ev.ctx.info("input to histogram_quantile needed to be fixed for monotonicity (see "
              + "https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile) for metric name "
              + GoFormat.quote(bs.name), c.args().get(1).pos());
        }
        out.add(i, new Elem(en.getKey(), r[0], g.time(i), true));
      }
      LabelFunctions.checkUnique(out.at(i));
    }
    return out;
  }

  static Vecs quantiles(Evaluator ev, Call c, Grid g) {
    Vecs in = ev.vector(c.args().get(0), g);
    String label = (String) ev.eval(c.args().get(1), g);
    List<double[]> qs = new ArrayList<>();
    for (int k = 2; k < c.args().size(); k++) {
      double[] q = ev.scalar(c.args().get(k), g);
      warnQuantile(ev, q, c.args().get(k).pos());
      qs.add(q);
    }
    Vecs out = new Vecs(g.size());
    for (int i = 0; i < g.size(); i++) {
      for (Map.Entry<Labels, Buckets> en : group(ev, in.at(i), c.args().get(0).pos()).entrySet()) {
        if (!en.getKey().get(label).isEmpty()) {
          throw PromqlException.execution("label " + GoFormat.quote(label) + " already exists on the input series");
        }
        for (double[] q : qs) {
          List<double[]> copy = new ArrayList<>();
          for (double[] b : en.getValue().b) {
            copy.add(b.clone());
          }
          double[] r = bucketQuantile(q[i], copy);
          if (r[1] > 0) {
            ev.ctx.info("input to histogram_quantile needed to be fixed for monotonicity (see "
                + "https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile) for metric name "
                + GoFormat.quote(en.getValue().name), c.args().get(0).pos());
          }
          String qLabel = q[i] == Math.rint(q[i]) && !Double.isInfinite(q[i]) ? String.format("%.1f", q[i])
              : GoFormat.floatValue(q[i]);
          Labels l = en.getKey().toBuilder().set(label, qLabel).build();
          out.add(i, new Elem(l, r[0], g.time(i), true));
        }
      }
      LabelFunctions.checkUnique(out.at(i));
    }
    return out;
  }

  private static void warnQuantile(Evaluator ev, double[] q, int pos) {
    for (double v : q) {
      if (Double.isNaN(v) || v < 0 || v > 1) {
        ev.ctx.warn("quantile value should be between 0 and 1, got " + GoFormat.g(v), pos);
        return;
      }
    }
  }

  /** Returns {value, forcedMonotonic ? 1 : 0}. */
  static double[] bucketQuantile(double q, List<double[]> buckets) {
    if (Double.isNaN(q)) {
      return new double[] {Double.NaN, 0};
    }
    if (q < 0) {
      return new double[] {Double.NEGATIVE_INFINITY, 0};
    }
    if (q > 1) {
      return new double[] {Double.POSITIVE_INFINITY, 0};
    }
    buckets.sort((a, b) -> Double.compare(a[0], b[0]));
    if (buckets.isEmpty() || buckets.get(buckets.size() - 1)[0] != Double.POSITIVE_INFINITY) {
      return new double[] {Double.NaN, 0};
    }
    List<double[]> bs = coalesce(buckets);
    correctPrecision(bs, 1e-12);
    boolean forced = ensureMonotonic(bs);
    if (bs.size() < 2) {
      return new double[] {Double.NaN, 0};
    }
    double observations = bs.get(bs.size() - 1)[1];
    if (observations == 0) {
      return new double[] {Double.NaN, 0};
    }
    double rank = q * observations;
    int b = 0;
    while (b < bs.size() - 1 && !(bs.get(b)[1] >= rank)) {
      b++;
    }
    int f = forced ? 1 : 0;
    if (b == bs.size() - 1) {
      return new double[] {bs.get(bs.size() - 2)[0], f};
    }
    if (b == 0 && bs.get(0)[0] <= 0) {
      return new double[] {bs.get(0)[0], f};
    }
    double start = 0, end = bs.get(b)[0], count = bs.get(b)[1];
    if (b > 0) {
      start = bs.get(b - 1)[0];
      count -= bs.get(b - 1)[1];
      rank -= bs.get(b - 1)[1];
    }
    return new double[] {start + (end - start) * (rank / count), f};
  }

  private static List<double[]> coalesce(List<double[]> sorted) {
    List<double[]> out = new ArrayList<>();
    for (double[] b : sorted) {
      if (!out.isEmpty() && out.get(out.size() - 1)[0] == b[0]) {
        out.get(out.size() - 1)[1] += b[1];
      } else {
        out.add(new double[] {b[0], b[1]});
      }
    }
    return out;
  }

  private static void correctPrecision(List<double[]> bs, double tolerance) {
    double prev = bs.get(0)[1];
    for (int i = 1; i < bs.size(); i++) {
      double curr = bs.get(i)[1];
      double delta = Math.abs(curr - prev);
      if (delta == 0) {
        continue;
      }
      if (delta / curr <= tolerance) {
        bs.get(i)[1] = prev;
      } else {
        prev = curr;
      }
    }
  }

  private static boolean ensureMonotonic(List<double[]> bs) {
    boolean forced = false;
    double max = bs.get(0)[1];
    for (int i = 1; i < bs.size(); i++) {
      double c = bs.get(i)[1];
      if (c > max) {
        max = c;
      } else if (c < max) {
        bs.get(i)[1] = max;
        forced = true;
      }
    }
    return forced;
  }

  static Vecs fraction(Evaluator ev, Call c, Grid g) {
    double[] lower = ev.scalar(c.args().get(0), g);
    double[] upper = ev.scalar(c.args().get(1), g);
    Vecs in = ev.vector(c.args().get(2), g);
    Vecs out = new Vecs(g.size());
    for (int i = 0; i < g.size(); i++) {
      for (Map.Entry<Labels, Buckets> en : group(ev, in.at(i), c.args().get(2).pos()).entrySet()) {
        out.add(i, new Elem(en.getKey(), bucketFraction(lower[i], upper[i], en.getValue().b), g.time(i), true));
      }
    }
    return out;
  }

  /** Fraction of observations in [lower, upper], interpolating linearly inside buckets (0 as the lowest bound). */
  static double bucketFraction(double lower, double upper, List<double[]> buckets) {
    buckets.sort((a, b) -> Double.compare(a[0], b[0]));
    if (buckets.isEmpty() || buckets.get(buckets.size() - 1)[0] != Double.POSITIVE_INFINITY) {
      return Double.NaN;
    }
    List<double[]> bs = coalesce(buckets);
    ensureMonotonic(bs);
    double total = bs.get(bs.size() - 1)[1];
    if (total == 0 || Double.isNaN(lower) || Double.isNaN(upper)) {
      return Double.NaN;
    }
    if (lower >= upper) {
      return 0;
    }
    return (rank(upper, bs) - rank(lower, bs)) / total;
  }

  private static double rank(double x, List<double[]> bs) {
    double prevUb = 0, prevCount = 0;
    if (bs.get(0)[0] <= 0) {
      prevUb = Double.NEGATIVE_INFINITY;
    }
    for (int i = 0; i < bs.size(); i++) {
      double ub = bs.get(i)[0], cnt = bs.get(i)[1];
      if (x <= ub) {
        if (x <= prevUb) {
          return prevCount;
        }
        if (Double.isInfinite(ub)) {
          return x == Double.POSITIVE_INFINITY ? cnt : prevCount;
        }
        if (Double.isInfinite(prevUb)) {
          // No interpolation in a bucket of infinite width: all its observations count as below x.
          return x == Double.NEGATIVE_INFINITY ? 0 : cnt;
        }
        return prevCount + (cnt - prevCount) * (x - prevUb) / (ub - prevUb);
      }
      prevUb = ub;
      prevCount = cnt;
    }
    return prevCount;
  }
}
