package dev.ktel.promql.eval;

import dev.ktel.promql.PromqlException;
import dev.ktel.promql.ast.AggregateExpr;
import dev.ktel.promql.ast.AggregateOp;
import dev.ktel.store.api.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Aggregation operators, evaluated step by step over groups keyed by the by/without label sets. */
final class Aggregations {
  private final Evaluator ev;

  Aggregations(Evaluator ev) {
    this.ev = ev;
  }

  Object eval(AggregateExpr a, Grid g) {
    Vecs in = ev.vector(a.expr(), g);
    double[] param = null;
    String label = null;
    if (a.op() == AggregateOp.COUNT_VALUES) {
      label = (String) ev.eval(a.param(), g);
      if (!LabelNames.valid(label)) {
        throw PromqlException.execution("invalid label name " + GoFormat.quote(label));
      }
    } else if (a.param() != null) {
      param = ev.scalar(a.param(), g);
    }
    if (a.op() == AggregateOp.QUANTILE && param != null) {
      for (double p : param) {
        if (Double.isNaN(p) || p < 0 || p > 1) {
          ev.ctx.warn("quantile value should be between 0 and 1, got " + GoFormat.g(p), a.param().pos());
          break;
        }
      }
    }
    Vecs out = new Vecs(g.size());
    // Series keep their Labels instance across steps: compute each group key once per query, not per step.
    java.util.IdentityHashMap<Labels, Labels> keys = new java.util.IdentityHashMap<>();
    for (int i = 0; i < g.size(); i++) {
      List<Elem> res = step(a, in.at(i), param == null ? Double.NaN : param[i], label, g.time(i), keys);
      out.set(i, res);
      ev.ctx.charge(res.size());
    }
    return out;
  }

  private static Labels groupKey(Labels l, AggregateExpr a) {
    if (a.without()) {
      Labels.Builder b = l.toBuilder();
      b.remove(Labels.METRIC_NAME);
      for (String n : a.grouping()) {
        b.remove(n);
      }
      return b.build();
    }
    Labels.Builder b = Labels.builder();
    for (String n : a.grouping()) {
      String v = l.get(n);
      if (!v.isEmpty()) {
        b.set(n, v);
      }
    }
    return b.build();
  }

  private List<Elem> step(AggregateExpr a, List<Elem> in, double param, String label, long t,
      java.util.IdentityHashMap<Labels, Labels> keys) {
    AggregateOp op = a.op();
    switch (op) {
      case TOPK, BOTTOMK, LIMITK, LIMIT_RATIO -> {
        return kAggregation(a, in, param);
      }
      case COUNT_VALUES -> {
        Map<Labels, double[]> counts = new LinkedHashMap<>();
        for (Elem e : in) {
          Labels key = groupKey(e.labels(), a).toBuilder().set(label, GoFormat.floatValue(e.v())).build();
          counts.computeIfAbsent(key, k -> new double[1])[0]++;
        }
        List<Elem> out = new ArrayList<>();
        counts.forEach((k, c) -> out.add(new Elem(k, c[0], t, false)));
        return out;
      }
      default -> {
      }
    }
    Map<Labels, Group> groups = new LinkedHashMap<>();
    for (Elem e : in) {
      Labels key = keys.computeIfAbsent(e.labels(), l -> groupKey(l, a));
      Group gr = groups.computeIfAbsent(key, k -> new Group());
      gr.add(e);
    }
    List<Elem> out = new ArrayList<>(groups.size());
    for (Map.Entry<Labels, Group> en : groups.entrySet()) {
      Group gr = en.getValue();
      double v = switch (op) {
        case SUM -> gr.sum.value();
        case AVG -> gr.mean();
        case COUNT -> gr.count;
        case GROUP -> 1;
        case MIN -> gr.min;
        case MAX -> gr.max;
        case STDVAR -> gr.variance();
        case STDDEV -> Math.sqrt(gr.variance());
        case QUANTILE -> Stats.quantile(param, gr.values());
        default -> throw new IllegalStateException(op.text());
      };
      out.add(new Elem(en.getKey(), v, t, gr.dropName));
    }
    return out;
  }

  private List<Elem> kAggregation(AggregateExpr a, List<Elem> in, double param) {
    AggregateOp op = a.op();
    if (Double.isNaN(param)) {
      throw PromqlException.execution(op == AggregateOp.LIMIT_RATIO ? "Ratio value is NaN" : "Parameter value is NaN");
    }
    Map<Labels, List<Elem>> groups = new LinkedHashMap<>();
    for (Elem e : in) {
      groups.computeIfAbsent(groupKey(e.labels(), a), k -> new ArrayList<>()).add(e);
    }
    List<Elem> out = new ArrayList<>();
    if (op == AggregateOp.LIMIT_RATIO) {
      double ratio = Math.max(-1, Math.min(1, param));
      for (List<Elem> members : groups.values()) {
        for (Elem e : members) {
          double h = LimitRatio.sampleOffset(e.labels());
          boolean keep = ratio >= 0 ? h < ratio : h >= 1 + ratio;
          if (keep) {
            out.add(e);
          }
        }
      }
      return out;
    }
    if (param >= 9.223372036854776E18 || param < -9.223372036854776E18) {
      throw PromqlException.execution("Scalar value " + GoFormat.g(param) + " overflows int64");
    }
    long k = (long) param;
    if (k < 1) {
      return out;
    }
    for (List<Elem> members : groups.values()) {
      if (op == AggregateOp.LIMITK) {
        for (int i = 0; i < Math.min(k, members.size()); i++) {
          out.add(members.get(i));
        }
        continue;
      }
      Comparator<Elem> cmp = op == AggregateOp.TOPK ? TOPK_ORDER : BOTTOMK_ORDER;
      List<Elem> sorted = new ArrayList<>(members);
      sorted.sort(cmp);
      out.addAll(sorted.subList(0, (int) Math.min(k, sorted.size())));
    }
    return out;
  }

  /** Descending, NaN last. */
  private static final Comparator<Elem> TOPK_ORDER = (x, y) -> {
    if (Double.isNaN(x.v())) {
      return Double.isNaN(y.v()) ? 0 : 1;
    }
    if (Double.isNaN(y.v())) {
      return -1;
    }
    return Double.compare(y.v(), x.v());
  };

  /** Ascending, NaN last. */
  private static final Comparator<Elem> BOTTOMK_ORDER = (x, y) -> {
    if (Double.isNaN(x.v())) {
      return Double.isNaN(y.v()) ? 0 : 1;
    }
    if (Double.isNaN(y.v())) {
      return -1;
    }
    return Double.compare(x.v(), y.v());
  };

  /** Running state of one group. */
  private static final class Group {
    final KahanSum sum = new KahanSum();
    long count;
    double min = Double.NaN;
    double max = Double.NaN;
    double mean;
    double m2;
    boolean dropName;
    boolean meanMode;
    final List<Double> vals = new ArrayList<>();

    void add(Elem e) {
      double v = e.v();
      count++;
      sum.add(v);
      if (Double.isNaN(min) || v < min) {
        min = Double.isNaN(v) && !Double.isNaN(min) ? min : v;
      }
      if (Double.isNaN(max) || v > max) {
        max = Double.isNaN(v) && !Double.isNaN(max) ? max : v;
      }
      double delta = v - mean;
      mean += delta / count;
      m2 += delta * (v - mean);
      dropName |= e.dropName();
      vals.add(v);
    }

    double mean() {
      double s = sum.value();
      if (Double.isInfinite(s) && !hasInf()) {
        return incrementalMean();
      }
      return s / count;
    }

    private boolean hasInf() {
      for (double v : vals) {
        if (Double.isInfinite(v)) {
          return true;
        }
      }
      return false;
    }

    private double incrementalMean() {
      double m = 0;
      int n = 0;
      for (double v : vals) {
        n++;
        m += v / n - m / n;
      }
      return m;
    }

    double variance() {
      return Stats.variance(vals);
    }

    double[] values() {
      double[] d = new double[vals.size()];
      for (int i = 0; i < d.length; i++) {
        d[i] = vals.get(i);
      }
      return d;
    }
  }
}
