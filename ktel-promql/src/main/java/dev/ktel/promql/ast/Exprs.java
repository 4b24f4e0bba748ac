package dev.ktel.promql.ast;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Tree walking helpers. */
public final class Exprs {
  private Exprs() {
  }

  public static List<Expr> children(Expr e) {
    return switch (e) {
      case NumberLiteral n -> List.of();
      case StringLiteral s -> List.of();
      case VectorSelector v -> List.of();
      case DurationExpr d -> List.of(d.expr());
      case MatrixSelector m -> List.of(m.selector());
      case SubqueryExpr s -> List.of(s.expr());
      case ParenExpr p -> List.of(p.expr());
      case UnaryExpr u -> List.of(u.expr());
      case BinaryExpr b -> List.of(b.lhs(), b.rhs());
      case Call c -> c.args();
      case AggregateExpr a -> a.param() == null ? List.of(a.expr()) : List.of(a.param(), a.expr());
    };
  }

  /** Visits e and all its descendants, parents first. */
  public static void walk(Expr e, Consumer<Expr> visitor) {
    visitor.accept(e);
    for (Expr c : children(e)) {
      walk(c, visitor);
    }
  }

  public static List<VectorSelector> selectors(Expr e) {
    List<VectorSelector> out = new ArrayList<>();
    walk(e, x -> {
      if (x instanceof VectorSelector v) {
        out.add(v);
      }
    });
    return out;
  }
}
