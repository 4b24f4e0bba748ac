package dev.ktel.promql.eval;

import dev.ktel.promql.PromqlException;
import dev.ktel.promql.ast.BinaryExpr;
import dev.ktel.promql.ast.BinaryOp;
import dev.ktel.promql.ast.VectorMatching;
import dev.ktel.store.api.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Binary operators: scalar/scalar, vector/scalar and vector/vector with matching, set operators and fill. */
final class BinaryOps {
  private final Evaluator ev;

  BinaryOps(Evaluator ev) {
    this.ev = ev;
  }

  Object eval(BinaryExpr b, Grid g) {
    Object l = ev.eval(b.lhs(), g);
    Object r = ev.eval(b.rhs(), g);
    BinaryOp op = b.op();
    if (l instanceof double[] ls && r instanceof double[] rs) {
      double[] out = new double[ls.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = scalarOp(op, ls[i], rs[i], b.returnBool());
      }
      return out;
    }
    if (l instanceof Vecs lv && r instanceof double[] rs) {
      return vectorScalar(b, lv, rs, false, g);
    }
    if (l instanceof double[] ls && r instanceof Vecs rv) {
      return vectorScalar(b, rv, ls, true, g);
    }
    Vecs lv = (Vecs) l, rv = (Vecs) r;
    Vecs out = new Vecs(g.size());
    VectorMatching m = b.matching() != null ? b.matching()
        : VectorMatching.defaults(op.isSetOperator() ? VectorMatching.Card.MANY_TO_MANY
            : VectorMatching.Card.ONE_TO_ONE);
    for (int i = 0; i < g.size(); i++) {
      List<Elem> res = switch (op) {
        case AND -> and(lv.at(i), rv.at(i), m);
        case OR -> or(lv.at(i), rv.at(i), m);
        case UNLESS -> unless(lv.at(i), rv.at(i), m);
        default -> vectorVector(b, m, lv.at(i), rv.at(i));
      };
      out.set(i, res);
      ev.ctx.charge(res.size());
    }
    return out;
  }

  private static double scalarOp(BinaryOp op, double l, double r, boolean bool) {
    if (op.isComparison()) {
      return compare(op, l, r) ? 1 : 0;
    }
    return arith(op, l, r);
  }

  static double arith(BinaryOp op, double l, double r) {
    return switch (op) {
      case ADD -> l + r;
      case SUB -> l - r;
      case MUL -> l * r;
      case DIV -> l / r;
      case MOD -> goMod(l, r);
      case POW -> Math.pow(l, r);
      case ATAN2 -> Math.atan2(l, r);
      default -> throw new IllegalStateException("not arithmetic: " + op);
    };
  }

  /** Go's math.Mod: result has the sign of l; Java's % on doubles matches. */
  private static double goMod(double l, double r) {
    return l % r;
  }

  static boolean compare(BinaryOp op, double l, double r) {
    return switch (op) {
      case EQL -> l == r;
      case NEQ -> l != r;
      case LSS -> l < r;
      case LTE -> l <= r;
      case GTR -> l > r;
      case GTE -> l >= r;
      default -> throw new IllegalStateException("not a comparison: " + op);
    };
  }

  private Vecs vectorScalar(BinaryExpr b, Vecs v, double[] s, boolean scalarLeft, Grid g) {
    BinaryOp op = b.op();
    Vecs out = new Vecs(g.size());
    for (int i = 0; i < g.size(); i++) {
      for (Elem el : v.at(i)) {
        double l = scalarLeft ? s[i] : el.v();
        double r = scalarLeft ? el.v() : s[i];
        if (op.isComparison()) {
          boolean keep = compare(op, l, r);
          if (b.returnBool()) {
            out.add(i, el.dropped(keep ? 1 : 0));
          } else if (keep) {
            out.add(i, el);
          }
        } else {
          out.add(i, el.dropped(arith(op, l, r)));
        }
      }
    }
    return out;
  }

  /** Per-evaluation cache of signatures: series keep their Labels instance across steps. */
  private final java.util.IdentityHashMap<Labels, Labels> sigCache = new java.util.IdentityHashMap<>();
  private VectorMatching sigCacheFor;

  private Labels sig(Labels l, VectorMatching m) {
    if (sigCacheFor != m) {
      sigCache.clear();
      sigCacheFor = m;
    }
    return sigCache.computeIfAbsent(l, x -> signature(x, m));
  }

  static Labels signature(Labels l, VectorMatching m) {
    Labels.Builder b = Labels.builder();
    if (m.on()) {
      for (String n : m.matchingLabels()) {
        String v = l.get(n);
        if (!v.isEmpty()) {
          b.set(n, v);
        }
      }
      return b.build();
    }
    b = l.toBuilder();
    b.remove(Labels.METRIC_NAME);
    for (String n : m.matchingLabels()) {
      b.remove(n);
    }
    return b.build();
  }

  private List<Elem> and(List<Elem> lhs, List<Elem> rhs, VectorMatching m) {
    Set<Labels> right = new HashSet<>();
    for (Elem e : rhs) {
      right.add(sig(e.labels(), m));
    }
    List<Elem> out = new ArrayList<>();
    for (Elem e : lhs) {
      if (right.contains(sig(e.labels(), m))) {
        out.add(e);
      }
    }
    return out;
  }

  private List<Elem> or(List<Elem> lhs, List<Elem> rhs, VectorMatching m) {
    Set<Labels> left = new HashSet<>();
    List<Elem> out = new ArrayList<>(lhs);
    for (Elem e : lhs) {
      left.add(sig(e.labels(), m));
    }
    for (Elem e : rhs) {
      if (!left.contains(sig(e.labels(), m))) {
        out.add(e);
      }
    }
    return out;
  }

  private List<Elem> unless(List<Elem> lhs, List<Elem> rhs, VectorMatching m) {
    Set<Labels> right = new HashSet<>();
    for (Elem e : rhs) {
      right.add(sig(e.labels(), m));
    }
    List<Elem> out = new ArrayList<>();
    for (Elem e : lhs) {
      if (!right.contains(sig(e.labels(), m))) {
        out.add(e);
      }
    }
    return out;
  }

  private List<Elem> vectorVector(BinaryExpr b, VectorMatching m, List<Elem> lhs, List<Elem> rhs) {
    BinaryOp op = b.op();
    boolean swapped = m.card() == VectorMatching.Card.ONE_TO_MANY;
    List<Elem> many = swapped ? rhs : lhs;
    List<Elem> one = swapped ? lhs : rhs;
    Map<Labels, Elem> oneSide = new HashMap<>();
    for (Elem e : one) {
      Labels sig = sig(e.labels(), m);
      Elem prev = oneSide.putIfAbsent(sig, e);
      if (prev != null) {
        throw PromqlException.execution("found duplicate series for the match group " + GoFormat.labels(sig)
            + " on the " + (swapped ? "left" : "right") + " hand-side of the operation: ["
            + GoFormat.labels(prev.labels()) + ", " + GoFormat.labels(e.labels())
            + "];many-to-many matching not allowed: matching labels must be unique on one side");
      }
    }
    boolean oneToOne = m.card() == VectorMatching.Card.ONE_TO_ONE;
    Map<Labels, Elem> matchedOneToOne = new HashMap<>();
    Set<Labels> seenResult = new HashSet<>();
    Set<Labels> usedOne = new HashSet<>();
    List<Elem> out = new ArrayList<>();
    for (Elem me : many) {
      Labels sig = sig(me.labels(), m);
      Elem oe = oneSide.get(sig);
      Double fill = m.fillRight();
      if (oe == null && fill == null) {
        continue;
      }
      if (oneToOne && oe != null) {
        Elem prev = matchedOneToOne.putIfAbsent(sig, me);
        if (prev != null) {
          throw PromqlException.execution("found duplicate series for the match group " + GoFormat.labels(sig)
              + " on the left hand-side of the operation: [" + GoFormat.labels(prev.labels()) + ", "
              + GoFormat.labels(me.labels())
              + "];many-to-many matching not allowed: matching labels must be unique on one side");
        }
      }
      if (oe != null) {
        usedOne.add(sig);
      }
      double mv = me.v();
      double ov = oe != null ? oe.v() : fill;
      double l = swapped ? ov : mv;
      double r = swapped ? mv : ov;
      Elem res = combine(b, m, me, oe, l, r);
      if (res == null) {
        continue;
      }
      if (!oneToOne && !seenResult.add(res.labels())) {
        throw PromqlException.execution("multiple matches for labels: grouping labels must ensure unique matches");
      }
      out.add(res);
    }
    Double fillMissingMany = m.fillLeft();
    if (fillMissingMany != null) {
      for (Map.Entry<Labels, Elem> en : oneSide.entrySet()) {
        if (usedOne.contains(en.getKey())) {
          continue;
        }
        Elem oe = en.getValue();
        double l = swapped ? oe.v() : fillMissingMany;
        double r = swapped ? fillMissingMany : oe.v();
        Elem res = combineFromOne(b, m, oe, l, r);
        if (res != null) {
          out.add(res);
        }
      }
    }
    return out;
  }

  /** Result element with labels from the many side (or the left side for one-to-one). */
  private Elem combine(BinaryExpr b, VectorMatching m, Elem me, Elem oe, double l, double r) {
    BinaryOp op = b.op();
    double value;
    if (op.isComparison()) {
      boolean keep = compare(op, l, r);
      if (!b.returnBool() && !keep) {
        return null;
      }
      value = b.returnBool() ? (keep ? 1 : 0) : l;
    } else {
      value = arith(op, l, r);
    }
    Labels labels = resultLabels(me.labels(), oe == null ? null : oe.labels(), m);
    boolean drop = me.dropName() || b.returnBool() || !op.isComparison();
    return new Elem(labels, value, me.t(), drop);
  }

  private Elem combineFromOne(BinaryExpr b, VectorMatching m, Elem oe, double l, double r) {
    BinaryOp op = b.op();
    double value;
    if (op.isComparison()) {
      boolean keep = compare(op, l, r);
      if (!b.returnBool() && !keep) {
        return null;
      }
      value = b.returnBool() ? (keep ? 1 : 0) : l;
    } else {
      value = arith(op, l, r);
    }
    Labels labels = signature(oe.labels(), m);
    boolean drop = oe.dropName() || b.returnBool() || !op.isComparison();
    return new Elem(labels, value, oe.t(), drop);
  }

  private static Labels resultLabels(Labels many, Labels one, VectorMatching m) {
    if (m.card() == VectorMatching.Card.ONE_TO_ONE) {
      if (m.on()) {
        Labels.Builder b = Labels.builder();
        for (String n : m.matchingLabels()) {
          b.set(n, many.get(n));
        }
        return b.build();
      }
      if (m.matchingLabels().isEmpty()) {
        return many;
      }
      Labels.Builder b = many.toBuilder();
      for (String n : m.matchingLabels()) {
        b.remove(n);
      }
      return b.build();
    }
    if (m.include().isEmpty() || one == null) {
      return many;
    }
    Labels.Builder b = many.toBuilder();
    for (String n : m.include()) {
      b.set(n, one.get(n));
    }
    return b.build();
  }
}
