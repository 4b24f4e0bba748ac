package dev.ktel.promql.eval;

import dev.ktel.promql.PromqlException;
import dev.ktel.promql.ast.Call;
import dev.ktel.promql.ast.Expr;
import dev.ktel.promql.ast.MatrixSelector;
import dev.ktel.promql.ast.SubqueryExpr;
import dev.ktel.promql.ast.VectorSelector;
import dev.ktel.store.api.Labels;
import dev.ktel.store.api.Matcher;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/** Function calls: dispatches on the function name. */
final class Functions {
  private static final Set<String> SMOOTHED_OK = Set.of("delta", "increase", "rate");
  private static final Set<String> ANCHORED_OK = Set.of("changes", "delta", "increase", "rate", "resets");
  private final Evaluator ev;

  Functions(Evaluator ev) {
    this.ev = ev;
  }

  Object eval(Call c, Grid g) {
    String name = c.func().name();
    List<Expr> args = c.args();
    QueryContext ctx = ev.ctx;
    switch (name) {
      case "time":
        return times(g);
      case "pi":
        return Evaluator.filled(g, Math.PI);
      case "start":
        return Evaluator.filled(g, ctx.start / 1000.0);
      case "end":
        return Evaluator.filled(g, ctx.end / 1000.0);
      case "range":
        return Evaluator.filled(g, (ctx.end - ctx.start) / 1000.0);
      case "step":
        return Evaluator.filled(g, ctx.step / 1000.0);
      case "min_of", "max_of": {
        double[] a = ev.scalar(args.get(0), g);
        double[] b = ev.scalar(args.get(1), g);
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
          out[i] = Double.isNaN(a[i]) || Double.isNaN(b[i]) ? Double.NaN
              : name.equals("min_of") ? Math.min(a[i], b[i]) : Math.max(a[i], b[i]);
        }
        return out;
      }
      case "vector": {
        double[] s = ev.scalar(args.get(0), g);
        Vecs out = new Vecs(g.size());
        for (int i = 0; i < s.length; i++) {
          out.add(i, new Elem(Labels.EMPTY, s[i], g.time(i), false));
        }
        return out;
      }
      case "scalar": {
        Vecs v = ev.vector(args.get(0), g);
        double[] out = new double[g.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = v.at(i).size() == 1 ? v.at(i).get(0).v() : Double.NaN;
        }
        return out;
      }
      default:
        break;
    }
    Expr first = args.isEmpty() ? null : Evaluator.unwrap(args.get(0));
    if (c.func().argTypes().contains(dev.ktel.promql.ast.ValueType.MATRIX)) {
      return rangeFunction(c, g);
    }
    return switch (name) {
      case "abs" -> math(c, g, Math::abs);
      case "ceil" -> math(c, g, Math::ceil);
      case "floor" -> math(c, g, Math::floor);
      case "exp" -> math(c, g, Math::exp);
      case "sqrt" -> math(c, g, Math::sqrt);
      case "ln" -> math(c, g, Math::log);
      case "log2" -> math(c, g, x -> Math.log(x) / Math.log(2));
      case "log10" -> math(c, g, Math::log10);
      case "sgn" -> math(c, g, x -> Double.isNaN(x) ? x : Math.signum(x));
      case "acos" -> math(c, g, Math::acos);
      case "acosh" -> math(c, g, x -> Math.log(x + Math.sqrt(x * x - 1)));
      case "asin" -> math(c, g, Math::asin);
      case "asinh" -> math(c, g, Functions::asinh);
      case "atan" -> math(c, g, Math::atan);
      case "atanh" -> math(c, g, x -> 0.5 * Math.log((1 + x) / (1 - x)));
      case "cos" -> math(c, g, Math::cos);
      case "cosh" -> math(c, g, Math::cosh);
      case "sin" -> math(c, g, Math::sin);
      case "sinh" -> math(c, g, Math::sinh);
      case "tan" -> math(c, g, Math::tan);
      case "tanh" -> math(c, g, Math::tanh);
      case "deg" -> math(c, g, x -> x * 180 / Math.PI);
      case "rad" -> math(c, g, x -> x * Math.PI / 180);
      case "round" -> round(c, g);
      case "clamp", "clamp_min", "clamp_max" -> clamp(c, g);
      case "timestamp" -> timestamp(first, g);
      case "minute", "hour", "day_of_week", "day_of_month", "day_of_year", "days_in_month", "month", "year" ->
          date(c, g);
      case "sort", "sort_desc", "sort_by_label", "sort_by_label_desc" -> sort(c, g);
      case "label_replace" -> LabelFunctions.replace(ev, c, g);
      case "label_join" -> LabelFunctions.join(ev, c, g);
      case "absent" -> absent(c, g);
      case "histogram_quantile" -> HistogramFunctions.quantile(ev, c, g);
      case "histogram_quantiles" -> HistogramFunctions.quantiles(ev, c, g);
      case "histogram_fraction" -> HistogramFunctions.fraction(ev, c, g);
      case "histogram_count", "histogram_sum", "histogram_avg", "histogram_stddev", "histogram_stdvar" ->
          nativeOnly(first, g);
      case "info" -> InfoFunction.eval(ev, c, g);
      default -> throw PromqlException.execution("function \"" + name + "\" is not supported");
    };
  }

  /** Functions that only produce values for native histograms: float input yields nothing. */
  private Vecs nativeOnly(Expr arg, Grid g) {
    ev.vector(arg, g);
    return new Vecs(g.size());
  }

  private static double asinh(double x) {
    if (Double.isInfinite(x)) {
      return x;
    }
    return Math.log(x + Math.sqrt(x * x + 1));
  }

  private static double[] times(Grid g) {
    double[] d = new double[g.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = g.time(i) / 1000.0;
    }
    return d;
  }

  private Vecs math(Call c, Grid g, DoubleUnaryOperator f) {
    Vecs in = ev.vector(c.args().get(0), g);
    Vecs out = new Vecs(g.size());
    for (int i = 0; i < g.size(); i++) {
      for (Elem e : in.at(i)) {
        out.add(i, e.dropped(f.applyAsDouble(e.v())));
      }
    }
    return out;
  }

  private Vecs round(Call c, Grid g) {
    double[] to = c.args().size() > 1 ? ev.scalar(c.args().get(1), g) : Evaluator.filled(g, 1);
    Vecs in = ev.vector(c.args().get(0), g);
    Vecs out = new Vecs(g.size());
    for (int i = 0; i < g.size(); i++) {
      double inv = 1 / to[i];
      for (Elem e : in.at(i)) {
        out.add(i, e.dropped(Math.floor(e.v() * inv + 0.5) / inv));
      }
    }
    return out;
  }

  private Vecs clamp(Call c, Grid g) {
    String name = c.func().name();
    Vecs in = ev.vector(c.args().get(0), g);
    double[] a = ev.scalar(c.args().get(1), g);
    double[] b = c.args().size() > 2 ? ev.scalar(c.args().get(2), g) : null;
    Vecs out = new Vecs(g.size());
    for (int i = 0; i < g.size(); i++) {
      double min = name.equals("clamp_max") ? Double.NEGATIVE_INFINITY : a[i];
      double max = name.equals("clamp_max") ? a[i] : name.equals("clamp") ? b[i] : Double.POSITIVE_INFINITY;
      if (name.equals("clamp") && max < min) {
        continue;
      }
      for (Elem e : in.at(i)) {
        double v = e.v();
        double r = Double.isNaN(v) || Double.isNaN(min) || Double.isNaN(max) ? Double.NaN : Math.max(min, Math.min(max, v));
        out.add(i, e.dropped(r));
      }
    }
    return out;
  }

  private Vecs timestamp(Expr arg, Grid g) {
    Vecs in = ev.vector(arg, g);
    boolean selector = arg instanceof VectorSelector;
    Vecs out = new Vecs(g.size());
    for (int i = 0; i < g.size(); i++) {
      for (Elem e : in.at(i)) {
        long t = selector ? e.t() : g.time(i);
        out.add(i, e.dropped(t / 1000.0));
      }
    }
    return out;
  }

  private Vecs date(Call c, Grid g) {
    String name = c.func().name();
    Vecs in;
    if (c.args().isEmpty()) {
      in = new Vecs(g.size());
      for (int i = 0; i < g.size(); i++) {
        in.add(i, new Elem(Labels.EMPTY, g.time(i) / 1000.0, g.time(i), false));
      }
    } else {
      in = ev.vector(c.args().get(0), g);
    }
    Vecs out = new Vecs(g.size());
    for (int i = 0; i < g.size(); i++) {
      for (Elem e : in.at(i)) {
        double v = e.v();
        if (Double.isNaN(v) || Double.isInfinite(v)) {
          out.add(i, e.dropped(Double.NaN));
          continue;
        }
        ZonedDateTime d = Instant.ofEpochMilli((long) (v * 1000)).atZone(ZoneOffset.UTC);
        double r = switch (name) {
          case "minute" -> d.getMinute();
          case "hour" -> d.getHour();
          case "day_of_week" -> d.getDayOfWeek().getValue() % 7;
          case "day_of_month" -> d.getDayOfMonth();
          case "day_of_year" -> d.getDayOfYear();
          case "days_in_month" -> d.toLocalDate().lengthOfMonth();
          case "month" -> d.getMonthValue();
          default -> d.getYear();
        };
        out.add(i, e.dropped(r));
      }
    }
    return out;
  }

  private Vecs sort(Call c, Grid g) {
    String name = c.func().name();
    Vecs in = ev.vector(c.args().get(0), g);
    if (ev.ctx.step != 0 || g.size() > 1) {
      ev.ctx.warn("sort is ineffective for range queries since results are always ordered by labels", c.pos());
    }
    List<String> by = new ArrayList<>();
    for (int k = 1; k < c.args().size(); k++) {
      by.add((String) ev.eval(c.args().get(k), g));
    }
    Vecs out = new Vecs(g.size());
    for (int i = 0; i < g.size(); i++) {
      List<Elem> l = new ArrayList<>(in.at(i));
      switch (name) {
        case "sort" -> l.sort((x, y) -> nanLast(x.v(), y.v(), false));
        case "sort_desc" -> l.sort((x, y) -> nanLast(x.v(), y.v(), true));
        default -> {
          boolean desc = name.endsWith("_desc");
          l.sort((x, y) -> {
            for (String lb : by) {
              int cmp = NaturalOrder.compare(x.labels().get(lb), y.labels().get(lb));
              if (cmp != 0) {
                return desc ? -cmp : cmp;
              }
            }
            int cmp = x.labels().compareTo(y.labels());
            return desc ? -cmp : cmp;
          });
        }
      }
      out.set(i, l);
    }
    return out;
  }

  private static int nanLast(double a, double b, boolean desc) {
    if (Double.isNaN(a)) {
      return Double.isNaN(b) ? 0 : 1;
    }
    if (Double.isNaN(b)) {
      return -1;
    }
    return desc ? Double.compare(b, a) : Double.compare(a, b);
  }

  private Vecs absent(Call c, Grid g) {
    Vecs in = ev.vector(c.args().get(0), g);
    Labels labels = absentLabels(c.args().get(0));
    Vecs out = new Vecs(g.size());
    for (int i = 0; i < g.size(); i++) {
      if (in.at(i).isEmpty()) {
        out.add(i, new Elem(labels, 1, g.time(i), false));
      }
    }
    return out;
  }

  /** Labels of absent()'s output: the equality matchers of a selector argument, unless a name repeats. */
  static Labels absentLabels(Expr arg) {
    Expr e = Evaluator.unwrap(arg);
    List<Matcher> ms;
    if (e instanceof VectorSelector vs) {
      ms = vs.matchers();
    } else if (e instanceof MatrixSelector m) {
      ms = m.selector().matchers();
    } else {
      return Labels.EMPTY;
    }
    Labels.Builder b = Labels.builder();
    Set<String> seen = new HashSet<>();
    Set<String> dup = new HashSet<>();
    for (Matcher m : ms) {
      if (!seen.add(m.name())) {
        dup.add(m.name());
      }
    }
    for (Matcher m : ms) {
      if (m.type() == Matcher.Type.EQUAL && !m.name().equals(Labels.METRIC_NAME) && !dup.contains(m.name())) {
        b.set(m.name(), m.value());
      }
    }
    return b.build();
  }

  // ---- range-vector functions

  private Object rangeFunction(Call c, Grid g) {
    String name = c.func().name();
    int matrixIdx = c.func().argTypes().indexOf(dev.ktel.promql.ast.ValueType.MATRIX);
    Expr arg = Evaluator.unwrap(c.args().get(matrixIdx));
    if (arg instanceof MatrixSelector ms) {
      if (ms.smoothed() && !SMOOTHED_OK.contains(name)) {
        throw PromqlException.execution("smoothed modifier can only be used with: delta, increase, rate - not with "
            + name);
      }
      if (ms.anchored() && !ANCHORED_OK.contains(name)) {
        throw PromqlException.execution(
            "anchored modifier can only be used with: changes, delta, increase, rate, resets - not with " + name);
      }
    }
    RangeArg ra = arg instanceof MatrixSelector ms ? ev.matrixSelector(ms, g) : ev.subquery((SubqueryExpr) arg, g);
    if (name.equals("absent_over_time")) {
      return absentOverTime(c, ra, g);
    }
    double[] p0 = null, p1 = null;
    switch (name) {
      case "quantile_over_time" -> p0 = ev.scalar(c.args().get(0), g);
      case "predict_linear" -> p0 = ev.scalar(c.args().get(1), g);
      case "double_exponential_smoothing", "holt_winters" -> {
        p0 = ev.scalar(c.args().get(1), g);
        p1 = ev.scalar(c.args().get(2), g);
      }
      default -> {
      }
    }
    if (name.equals("quantile_over_time")) {
      for (double q : p0) {
        if (Double.isNaN(q) || q < 0 || q > 1) {
          ev.ctx.warn("quantile value should be between 0 and 1, got " + GoFormat.g(q), c.args().get(0).pos());
          break;
        }
      }
    }
    if ((name.equals("rate") || name.equals("increase")) && arg instanceof MatrixSelector) {
      for (RangeSeries s : ra.series()) {
        String mn = s.labels().metricName();
        if (!(mn.endsWith("_total") || mn.endsWith("_sum") || mn.endsWith("_count") || mn.endsWith("_bucket"))) {
          ev.ctx.info("metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "
              + GoFormat.quote(mn), arg.pos());
        }
      }
    }
    boolean keepName = name.equals("last_over_time") || name.equals("first_over_time");
    Vecs out = new Vecs(g.size());
    long range = ra.rangeMs();
    for (RangeSeries s : ra.series()) {
      long[] t = s.t();
      double[] v = s.v();
      for (int i = 0; i < g.size(); i++) {
        long te = ra.te()[i];
        int lo = s.lowerIndex(te - range);
        int hi = s.lowerIndex(te);
        if ((ra.anchored() || ra.smoothed()) && !name.equals("absent_over_time")) {
          Double r = ExtendedRange.eval(name, ra, s, te, lo, hi, ctx());
          if (r != null) {
            out.add(i, new Elem(s.labels(), r, te, true));
          }
          continue;
        }
        if (hi <= lo) {
          continue;
        }
        Double r = switch (name) {
          case "rate" -> RangeFunctions.extrapolatedRate(t, v, lo, hi, te - range, te, true, true);
          case "increase" -> RangeFunctions.extrapolatedRate(t, v, lo, hi, te - range, te, true, false);
          case "delta" -> RangeFunctions.extrapolatedRate(t, v, lo, hi, te - range, te, false, false);
          case "irate" -> RangeFunctions.instantValue(t, v, lo, hi, true);
          case "idelta" -> RangeFunctions.instantValue(t, v, lo, hi, false);
          case "deriv" -> hi - lo < 2 ? null : RangeFunctions.linearRegression(t, v, lo, hi, t[lo])[0];
          case "predict_linear" -> {
            if (hi - lo < 2) {
              yield null;
            }
            // Extrapolates from the step time itself, not the offset-shifted window end.
            double[] si = RangeFunctions.linearRegression(t, v, lo, hi, g.time(i));
            yield si[1] + si[0] * p0[i];
          }
          case "changes" -> RangeFunctions.changes(v, lo, hi);
          case "resets" -> RangeFunctions.resets(v, lo, hi);
          case "avg_over_time" -> RangeFunctions.avg(v, lo, hi);
          case "sum_over_time" -> RangeFunctions.sum(v, lo, hi);
          case "min_over_time" -> RangeFunctions.min(v, lo, hi);
          case "max_over_time" -> RangeFunctions.max(v, lo, hi);
          case "count_over_time" -> (double) (hi - lo);
          case "last_over_time" -> v[hi - 1];
          case "first_over_time" -> v[lo];
          case "present_over_time" -> 1.0;
          case "ts_of_last_over_time" -> t[hi - 1] / 1000.0;
          case "ts_of_first_over_time" -> t[lo] / 1000.0;
          case "ts_of_min_over_time" -> RangeFunctions.tsOfMin(t, v, lo, hi, false) / 1000.0;
          case "ts_of_max_over_time" -> RangeFunctions.tsOfMin(t, v, lo, hi, true) / 1000.0;
          case "stddev_over_time" -> Math.sqrt(Stats.variance(v, lo, hi));
          case "stdvar_over_time" -> Stats.variance(v, lo, hi);
          case "mad_over_time" -> RangeFunctions.mad(v, lo, hi);
          case "quantile_over_time" -> Stats.quantile(p0[i], java.util.Arrays.copyOfRange(v, lo, hi));
          case "double_exponential_smoothing", "holt_winters" -> {
            double sf = p0[i], tf = p1[i];
            if (sf <= 0 || sf >= 1) {
              throw PromqlException.execution("invalid smoothing factor. Expected: 0 < sf < 1, got: " + GoFormat.g(sf));
            }
            if (tf <= 0 || tf >= 1) {
              throw PromqlException.execution("invalid trend factor. Expected: 0 < tf < 1, got: " + GoFormat.g(tf));
            }
            yield RangeFunctions.doubleExponentialSmoothing(v, lo, hi, sf, tf);
          }
          default -> throw PromqlException.execution("function \"" + name + "\" is not supported");
        };
        if (r != null) {
          out.add(i, new Elem(s.labels(), r, te, keepName ? s.dropName() : true));
        }
      }
    }
    ev.ctx.charge(g.size());
    return out;
  }

  private QueryContext ctx() {
    return ev.ctx;
  }

  private Vecs absentOverTime(Call c, RangeArg ra, Grid g) {
    Labels labels = absentLabels(c.args().get(0));
    Vecs out = new Vecs(g.size());
    for (int i = 0; i < g.size(); i++) {
      long te = ra.te()[i];
      boolean any = false;
      for (RangeSeries s : ra.series()) {
        if (s.lowerIndex(te) > s.lowerIndex(te - ra.rangeMs())) {
          any = true;
          break;
        }
      }
      if (!any) {
        out.add(i, new Elem(labels, 1, g.time(i), false));
      }
    }
    return out;
  }
}
