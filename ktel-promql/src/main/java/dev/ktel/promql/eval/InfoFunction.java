package dev.ktel.promql.eval;

import dev.ktel.promql.PromqlException;
import dev.ktel.promql.ast.AggregateExpr;
import dev.ktel.promql.ast.At;
import dev.ktel.promql.ast.BinaryExpr;
import dev.ktel.promql.ast.Call;
import dev.ktel.promql.ast.Expr;
import dev.ktel.promql.ast.MatrixSelector;
import dev.ktel.promql.ast.ParenExpr;
import dev.ktel.promql.ast.SubqueryExpr;
import dev.ktel.promql.ast.UnaryExpr;
import dev.ktel.promql.ast.ValueType;
import dev.ktel.promql.ast.VectorSelector;
import dev.ktel.store.api.Labels;
import dev.ktel.store.api.Matcher;
import dev.ktel.store.api.StaleNaN;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * info(v, {selector}): adds the data labels of info series (default target_info) that share the identifying labels
 * instance and job with each series of v. Info series are looked up at the time the base series was sampled (the
 * step time shifted by the base expression's @ and offset modifiers).
 */
final class InfoFunction {
  private static final List<String> IDENTIFYING = List.of("instance", "job");

  private InfoFunction() {
  }

  static Vecs eval(Evaluator ev, Call c, Grid g) {
    Expr base = c.args().get(0);
    Vecs in = ev.vector(base, g);
    List<Matcher> nameMatchers = new ArrayList<>();
    List<Matcher> dataMatchers = new ArrayList<>();
    if (c.args().size() > 1) {
      if (!(Evaluator.unwrap(c.args().get(1)) instanceof VectorSelector sel)) {
        throw PromqlException.execution("info(): the second argument must be a label selector");
      }
      for (Matcher m : sel.matchers()) {
        (m.name().equals(Labels.METRIC_NAME) ? nameMatchers : dataMatchers).add(m);
      }
    }
    List<Matcher> selectMatchers = new ArrayList<>(nameMatchers);
    boolean positiveName = nameMatchers.stream()
        .anyMatch(m -> m.type() == Matcher.Type.EQUAL || m.type() == Matcher.Type.REGEX);
    if (nameMatchers.isEmpty()) {
      selectMatchers.add(Matcher.eq(Labels.METRIC_NAME, "target_info"));
    } else if (!positiveName) {
      selectMatchers.add(Matcher.re(Labels.METRIC_NAME, ".+_info"));
    }
    long lookback = ev.ctx.options.lookbackDelta().toMillis();
    long[] ref = new long[g.size()];
    long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
    for (int i = 0; i < ref.length; i++) {
      ref[i] = refTime(ev, base, g.time(i), g);
      min = Math.min(min, ref[i]);
      max = Math.max(max, ref[i]);
    }
    List<RangeSeries> infos = loadInfo(ev, selectMatchers, min - lookback + 1, max);
    Set<String> wanted = new LinkedHashSet<>();
    boolean allAcceptEmpty = true;
    for (Matcher m : dataMatchers) {
      wanted.add(m.name());
      allAcceptEmpty &= m.matchesEmpty();
    }
    Matcher[] selectArr = selectMatchers.toArray(Matcher[]::new);
    Vecs out = new Vecs(g.size());
    for (int i = 0; i < g.size(); i++) {
      // Per identity and info metric name only the most recently sampled series counts (an info series
      // whose labels changed replaces the old one before the old one leaves the lookback window).
      Map<List<String>, Object[]> newest = new LinkedHashMap<>();
      for (RangeSeries s : infos) {
        int idx = s.lowerIndex(ref[i]) - 1;
        if (idx >= 0 && s.t()[idx] > ref[i] - lookback && !StaleNaN.isStale(s.v()[idx])) {
          List<String> key = new ArrayList<>(idKey(s.labels()));
          key.add(s.labels().metricName());
          Object[] cur = newest.get(key);
          long ts = s.t()[idx];
          if (cur == null || (long) cur[1] < ts) {
            newest.put(key, new Object[] {new ArrayList<>(List.of(s.labels())), ts});
          } else if ((long) cur[1] == ts) {
            @SuppressWarnings("unchecked")
            List<Labels> l = (List<Labels>) cur[0];
            l.add(s.labels());
          }
        }
      }
      Map<List<String>, List<Labels>> present = new LinkedHashMap<>();
      for (Map.Entry<List<String>, Object[]> en : newest.entrySet()) {
        @SuppressWarnings("unchecked")
        List<Labels> l = (List<Labels>) en.getValue()[0];
        present.computeIfAbsent(en.getKey().subList(0, IDENTIFYING.size()), k -> new ArrayList<>()).addAll(l);
      }
      for (Elem e : in.at(i)) {
        if (Matcher.matchesAll(e.labels(), selectArr)) {
          out.add(i, e);
          continue;
        }
        Labels.Builder b = e.labels().toBuilder();
        Map<String, String> added = new LinkedHashMap<>();
        boolean matched = false;
        for (Labels info : present.getOrDefault(idKey(e.labels()), List.of())) {
          if (!Matcher.matchesAll(info, dataMatchers.toArray(Matcher[]::new))) {
            continue;
          }
          matched = true;
          for (int k = 0; k < info.size(); k++) {
            String n = info.name(k);
            if (n.equals(Labels.METRIC_NAME) || IDENTIFYING.contains(n) || !e.labels().get(n).isEmpty()) {
              continue;
            }
            if (!wanted.isEmpty() && !wanted.contains(n)) {
              continue;
            }
            String prev = added.putIfAbsent(n, info.value(k));
            if (prev != null && !prev.equals(info.value(k))) {
              throw PromqlException.execution("conflicting label: " + n + " has values " + GoFormat.quote(prev)
                  + " and " + GoFormat.quote(info.value(k)) + " in info series matching " + e.labels());
            }
          }
        }
        if (!matched && !allAcceptEmpty) {
          continue;
        }
        added.forEach(b::set);
        out.add(i, new Elem(b.build(), e.v(), e.t(), e.dropName()));
      }
    }
    return out;
  }

  private static List<String> idKey(Labels l) {
    List<String> k = new ArrayList<>(IDENTIFYING.size());
    for (String n : IDENTIFYING) {
      k.add(l.get(n));
    }
    return k;
  }

  private static List<RangeSeries> loadInfo(Evaluator ev, List<Matcher> matchers, long minT, long maxT) {
    return ev.load(new VectorSelector(null, matchers, null, null, 0, 0, false), minT, maxT, true);
  }

  /** The time at which the base expression's samples were taken for step time t (its @ and offset applied). */
  private static long refTime(Evaluator ev, Expr e, long t, Grid g) {
    return switch (e) {
      case VectorSelector vs -> shift(ev, vs.at(), vs.offset(), t, g);
      case MatrixSelector ms -> shift(ev, ms.selector().at(), ms.selector().offset(), t, g);
      case SubqueryExpr sq -> refTime(ev, sq.expr(), shift(ev, sq.at(), sq.offset(), t, g), g);
      case ParenExpr p -> refTime(ev, p.expr(), t, g);
      case UnaryExpr u -> refTime(ev, u.expr(), t, g);
      case AggregateExpr a -> refTime(ev, a.expr(), t, g);
      case BinaryExpr b -> refTime(ev, b.lhs().type() == ValueType.SCALAR ? b.rhs() : b.lhs(), t, g);
      case Call c -> {
        for (Expr arg : c.args()) {
          if (arg.type() == ValueType.VECTOR || arg.type() == ValueType.MATRIX) {
            yield refTime(ev, arg, t, g);
          }
        }
        yield t;
      }
      default -> t;
    };
  }

  private static long shift(Evaluator ev, At at, dev.ktel.promql.ast.DurationExpr offset, long t, Grid g) {
    long base = at != null ? at.millis(ev.ctx.start, ev.ctx.end) : t;
    return base - ev.durationMillis(offset, g);
  }
}
