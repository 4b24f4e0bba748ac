package dev.ktel.promql.eval;

import dev.ktel.promql.Matrix;
import dev.ktel.promql.PromqlException;
import dev.ktel.promql.Result;
import dev.ktel.promql.Sample;
import dev.ktel.promql.Scalar;
import dev.ktel.promql.SeriesPoints;
import dev.ktel.promql.StringValue;
import dev.ktel.promql.Value;
import dev.ktel.promql.Vector;
import dev.ktel.promql.ast.AggregateExpr;
import dev.ktel.promql.ast.At;
import dev.ktel.promql.ast.BinaryExpr;
import dev.ktel.promql.ast.Call;
import dev.ktel.promql.ast.DurationExpr;
import dev.ktel.promql.ast.Expr;
import dev.ktel.promql.ast.MatrixSelector;
import dev.ktel.promql.ast.NumberLiteral;
import dev.ktel.promql.ast.ParenExpr;
import dev.ktel.promql.ast.StringLiteral;
import dev.ktel.promql.ast.SubqueryExpr;
import dev.ktel.promql.ast.UnaryExpr;
import dev.ktel.promql.ast.VectorSelector;
import dev.ktel.store.api.Labels;
import dev.ktel.store.api.Matcher;
import dev.ktel.store.api.SampleIterator;
import dev.ktel.store.api.Series;
import dev.ktel.store.api.StaleNaN;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Evaluates an AST over a step grid. Every node is evaluated once for all steps: scalars as double[] per step,
 * instant vectors as one element list per step ({@link Vecs}), range vectors as {@link RangeArg}. Selectors read the
 * store once per query for the whole time span they need.
 */
public final class Evaluator {
  final QueryContext ctx;
  final Functions functions;
  final Aggregations aggregations;
  final BinaryOps binaryOps;

  public Evaluator(QueryContext ctx) {
    this.ctx = ctx;
    this.functions = new Functions(this);
    this.aggregations = new Aggregations(this);
    this.binaryOps = new BinaryOps(this);
  }

  /** Runs the query and converts the intermediate form to the public value model. */
  public Result run(Expr e, boolean instant) {
    Grid g = new Grid(ctx.start, ctx.end, instant ? 0 : ctx.step);
    Object v;
    try {
      v = eval(e, g);
    } catch (StackOverflowError so) {
      throw PromqlException.execution("query too deeply nested");
    }
    Value out = switch (v) {
      case double[] d -> instant ? new Scalar(ctx.start, d[0]) : scalarMatrix(d, g);
      case String s -> new StringValue(ctx.start, s);
      case Vecs vs -> instant ? toVector(vs) : toMatrix(vs, g);
      case RangeArg ra -> rangeToMatrix(ra);
      default -> throw new IllegalStateException("unexpected intermediate " + v.getClass());
    };
    return new Result(out, List.copyOf(ctx.warnings), List.copyOf(ctx.infos));
  }

  /** Removes the metric name, and the __type__/__unit__ metadata labels that belong to it. */
  static Labels withoutName(Labels l) {
    return l.toBuilder().remove(Labels.METRIC_NAME).remove("__type__").remove("__unit__").build();
  }

  private static Labels finalLabels(Elem el) {
    return el.dropName() ? withoutName(el.labels()) : el.labels();
  }

  private Vector toVector(Vecs vs) {
    List<Sample> out = new ArrayList<>();
    Set<Labels> seen = new HashSet<>();
    for (Elem el : vs.at(0)) {
      Labels l = finalLabels(el);
      if (!seen.add(l)) {
        throw PromqlException.execution("vector cannot contain metrics with the same labelset");
      }
      out.add(new Sample(l, ctx.start, el.v()));
    }
    return new Vector(out);
  }

  private Matrix toMatrix(Vecs vs, Grid g) {
    // Hash first, sort once at the end; the name-dropped label set is computed once per distinct input set.
    HashMap<Labels, Points> bySeries = new HashMap<>();
    IdentityHashMap<Labels, Labels> dropped = new IdentityHashMap<>();
    for (int i = 0; i < g.size(); i++) {
      for (Elem el : vs.at(i)) {
        Labels l = el.dropName() ? dropped.computeIfAbsent(el.labels(), Evaluator::withoutName) : el.labels();
        Points p = bySeries.computeIfAbsent(l, k -> new Points());
        if (p.n > 0 && p.t[p.n - 1] == g.time(i)) {
          throw PromqlException.execution("vector cannot contain metrics with the same labelset");
        }
        p.add(g.time(i), el.v());
      }
    }
    List<Labels> keys = new ArrayList<>(bySeries.keySet());
    keys.sort(null);
    List<SeriesPoints> out = new ArrayList<>(keys.size());
    for (Labels l : keys) {
      Points p = bySeries.get(l);
      out.add(new SeriesPoints(l, Arrays.copyOf(p.t, p.n), Arrays.copyOf(p.v, p.n)));
    }
    return new Matrix(out);
  }

  private Matrix scalarMatrix(double[] d, Grid g) {
    long[] t = new long[d.length];
    for (int i = 0; i < d.length; i++) {
      t[i] = g.time(i);
    }
    return new Matrix(List.of(new SeriesPoints(Labels.EMPTY, t, d.clone())));
  }

  private Matrix rangeToMatrix(RangeArg ra) {
    List<SeriesPoints> out = new ArrayList<>();
    long te = ra.te()[0];
    for (RangeSeries s : ra.series()) {
      int lo = s.lowerIndex(te - ra.rangeMs());
      int hi = s.lowerIndex(te);
      if (hi > lo) {
        Labels l = s.dropName() ? withoutName(s.labels()) : s.labels();
        out.add(new SeriesPoints(l, Arrays.copyOfRange(s.t(), lo, hi), Arrays.copyOfRange(s.v(), lo, hi)));
      }
    }
    out.sort((a, b) -> a.labels().compareTo(b.labels()));
    return new Matrix(out);
  }

  /** Growable point list. */
  static final class Points {
    long[] t = new long[16];
    double[] v = new double[16];
    int n;

    void add(long ts, double val) {
      if (n == t.length) {
        t = Arrays.copyOf(t, n * 2);
        v = Arrays.copyOf(v, n * 2);
      }
      t[n] = ts;
      v[n++] = val;
    }
  }

  // ---- dispatch

  Object eval(Expr e, Grid g) {
    ctx.checkTimeout();
    return switch (e) {
      case NumberLiteral n -> filled(g, n.value());
      case StringLiteral s -> s.value();
      case ParenExpr p -> eval(p.expr(), g);
      case UnaryExpr u -> unary(u, g);
      case VectorSelector vs -> vectorSelector(vs, g);
      case MatrixSelector ms -> matrixSelector(ms, g);
      case SubqueryExpr sq -> subquery(sq, g);
      case BinaryExpr b -> binaryOps.eval(b, g);
      case Call c -> functions.eval(c, g);
      case AggregateExpr a -> aggregations.eval(a, g);
      case DurationExpr d -> filled(g, durationMillis(d, g) / 1000.0);
    };
  }

  static double[] filled(Grid g, double v) {
    double[] d = new double[g.size()];
    Arrays.fill(d, v);
    return d;
  }

  double[] scalar(Expr e, Grid g) {
    return (double[]) eval(e, g);
  }

  Vecs vector(Expr e, Grid g) {
    return (Vecs) eval(e, g);
  }

  private Object unary(UnaryExpr u, Grid g) {
    Object v = eval(u.expr(), g);
    if (!u.negate()) {
      return v;
    }
    if (v instanceof double[] d) {
      double[] out = new double[d.length];
      for (int i = 0; i < d.length; i++) {
        out[i] = -d[i];
      }
      return out;
    }
    Vecs vs = (Vecs) v;
    Vecs out = new Vecs(g.size());
    for (int i = 0; i < g.size(); i++) {
      for (Elem el : vs.at(i)) {
        out.add(i, el.dropped(-el.v()));
      }
    }
    return out;
  }

  // ---- durations

  long durationMillis(DurationExpr d, Grid g) {
    if (d == null) {
      return 0;
    }
    double secs = DurationEval.eval(d.expr(), ctx, g);
    if (Double.isNaN(secs) || Double.isInfinite(secs)) {
      throw PromqlException.execution("duration must be a finite number, got " + secs);
    }
    return Math.round(secs * 1000);
  }

  /** Per-step evaluation times of a selector: @ pins them, offset shifts them back. */
  long[] effectiveTimes(At at, long offsetMs, Grid g) {
    long[] te = new long[g.size()];
    for (int i = 0; i < te.length; i++) {
      te[i] = (at != null ? at.millis(ctx.start, ctx.end) : g.time(i)) - offsetMs;
    }
    return te;
  }

  // ---- selectors

  List<RangeSeries> load(VectorSelector vs, long minT, long maxT, boolean keepStale) {
    List<Series> selected;
    try {
      selected = ctx.store.select(minT, maxT, vs.matchers().toArray(Matcher[]::new));
    } catch (IllegalStateException e) {
      throw PromqlException.execution("store: " + e.getMessage());
    }
    List<RangeSeries> out = new ArrayList<>(selected.size());
    for (Series s : selected) {
      Points p = new Points();
      SampleIterator it = s.iterator();
      while (it.next()) {
        if (it.t() < minT || it.t() > maxT) {
          continue;
        }
        double v = it.v();
        if (!keepStale && StaleNaN.isStale(v)) {
          continue;
        }
        p.add(it.t(), v);
      }
      ctx.charge(p.n);
      out.add(new RangeSeries(s.labels(), false, Arrays.copyOf(p.t, p.n), Arrays.copyOf(p.v, p.n)));
    }
    return out;
  }

  Vecs vectorSelector(VectorSelector vs, Grid g) {
    long[] te = effectiveTimes(vs.at(), durationMillis(vs.offset(), g), g);
    long lookback = ctx.options.lookbackDelta().toMillis();
    long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
    for (long t : te) {
      min = Math.min(min, t);
      max = Math.max(max, t);
    }
    List<RangeSeries> data = load(vs, min - lookback + 1, vs.smoothed() ? max + lookback : max, true);
    Vecs out = new Vecs(g.size());
    for (RangeSeries s : data) {
      for (int i = 0; i < te.length; i++) {
        int idx = s.lowerIndex(te[i]) - 1;
        if (vs.smoothed()) {
          smoothedPoint(s, idx, te[i], lookback, out, i);
          continue;
        }
        if (idx >= 0 && s.t()[idx] > te[i] - lookback && !StaleNaN.isStale(s.v()[idx])) {
          out.add(i, new Elem(s.labels(), s.v()[idx], s.t()[idx], false));
        }
      }
    }
    return out;
  }

  /** Linear interpolation between the samples around t (no counter-reset handling: the value may be a gauge). */
  private static void smoothedPoint(RangeSeries s, int idx, long t, long lookback, Vecs out, int step) {
    if (idx < 0 || s.t()[idx] <= t - lookback || StaleNaN.isStale(s.v()[idx])) {
      return;
    }
    double v = s.v()[idx];
    int next = idx + 1;
    if (s.t()[idx] < t && next < s.t().length && s.t()[next] <= t + lookback && !StaleNaN.isStale(s.v()[next])) {
      double v2 = s.v()[next];
      v = v + (v2 - v) * (t - s.t()[idx]) / (double) (s.t()[next] - s.t()[idx]);
    }
    out.add(step, new Elem(s.labels(), v, t, false));
  }

  RangeArg matrixSelector(MatrixSelector ms, Grid g) {
    VectorSelector vs = ms.selector();
    long range = durationMillis(ms.range(), g);
    if (range <= 0) {
      throw PromqlException.execution("range must be positive, got " + range + "ms");
    }
    long[] te = effectiveTimes(vs.at(), durationMillis(vs.offset(), g), g);
    long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
    for (long t : te) {
      min = Math.min(min, t);
      max = Math.max(max, t);
    }
    long extra = ms.anchored() || ms.smoothed() ? ctx.options.lookbackDelta().toMillis() : 0;
    long maxT = ms.smoothed() ? max + ctx.options.lookbackDelta().toMillis() : max;
    List<RangeSeries> data = load(vs, min - range - extra + 1, maxT, false);
    return new RangeArg(data, te, range, ms.anchored(), ms.smoothed(), ms.pos(), vs.name());
  }

  RangeArg subquery(SubqueryExpr sq, Grid g) {
    long range = durationMillis(sq.range(), g);
    long step = sq.step() == null ? ctx.options.defaultSubqueryStep().toMillis() : durationMillis(sq.step(), g);
    if (step <= 0) {
      throw PromqlException.execution("zero or negative subquery step: " + step + "ms");
    }
    long[] te = effectiveTimes(sq.at(), durationMillis(sq.offset(), g), g);
    long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
    for (long t : te) {
      min = Math.min(min, t);
      max = Math.max(max, t);
    }
    long from = min - range;
    long innerStart = step * (from / step);
    if (innerStart <= from) {
      innerStart += step;
    }
    if (innerStart > max) {
      return new RangeArg(List.of(), te, range, false, false, sq.pos(), null);
    }
    Grid inner = new Grid(innerStart, max - Math.floorMod(max - innerStart, step), step);
    Object v = eval(sq.expr(), inner);
    LinkedHashMap<Labels, Points> bySeries = new LinkedHashMap<>();
    Map<Labels, Boolean> drop = new LinkedHashMap<>();
    if (v instanceof double[] d) {
      Points p = new Points();
      for (int i = 0; i < d.length; i++) {
        p.add(inner.time(i), d[i]);
      }
      bySeries.put(Labels.EMPTY, p);
    } else {
      Vecs vs = (Vecs) v;
      for (int i = 0; i < inner.size(); i++) {
        for (Elem el : vs.at(i)) {
          bySeries.computeIfAbsent(el.labels(), k -> new Points()).add(inner.time(i), el.v());
          if (el.dropName()) {
            drop.put(el.labels(), true);
          }
        }
      }
    }
    List<RangeSeries> series = new ArrayList<>(bySeries.size());
    TreeMap<Labels, Points> sorted = new TreeMap<>(bySeries);
    sorted.forEach((l, p) -> series.add(new RangeSeries(l, drop.getOrDefault(l, false), Arrays.copyOf(p.t, p.n),
        Arrays.copyOf(p.v, p.n))));
    return new RangeArg(series, te, range, false, false, sq.pos(), null);
  }

  /** Unwraps parentheses (Prometheus does so for function arguments). */
  static Expr unwrap(Expr e) {
    while (e instanceof ParenExpr p) {
      e = p.expr();
    }
    return e;
  }
}
