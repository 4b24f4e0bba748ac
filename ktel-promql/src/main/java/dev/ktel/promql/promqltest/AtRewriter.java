package dev.ktel.promql.promqltest;

import dev.ktel.promql.ast.AggregateExpr;
import dev.ktel.promql.ast.At;
import dev.ktel.promql.ast.BinaryExpr;
import dev.ktel.promql.ast.Call;
import dev.ktel.promql.ast.Expr;
import dev.ktel.promql.ast.MatrixSelector;
import dev.ktel.promql.ast.ParenExpr;
import dev.ktel.promql.ast.SubqueryExpr;
import dev.ktel.promql.ast.UnaryExpr;
import dev.ktel.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.List;

/**
 * Upstream's step-invariance check: pins every selector and subquery that has no {@code @} yet (and is not inside a
 * subquery that has one) to a fixed time, so the expression must give the same result at any evaluation time.
 */
final class AtRewriter {
  private AtRewriter() {
  }

  static Expr pin(Expr e, At at) {
    return switch (e) {
      case VectorSelector vs -> vs.at() == null ? vs.withAt(at) : vs;
      case MatrixSelector ms -> ms.selector().at() == null ? ms.withSelector(ms.selector().withAt(at)) : ms;
      case SubqueryExpr sq -> sq.at() == null ? sq.withAt(at) : sq;
      case ParenExpr p -> new ParenExpr(pin(p.expr(), at), p.pos());
      case UnaryExpr u -> new UnaryExpr(u.negate(), pin(u.expr(), at), u.pos());
      case BinaryExpr b -> new BinaryExpr(b.op(), pin(b.lhs(), at), pin(b.rhs(), at), b.returnBool(), b.matching(),
          b.pos(), b.opPos());
      case Call c -> {
        List<Expr> args = new ArrayList<>();
        for (Expr a : c.args()) {
          args.add(pin(a, at));
        }
        yield new Call(c.func(), args, c.pos());
      }
      case AggregateExpr a -> new AggregateExpr(a.op(), pin(a.expr(), at), a.param() == null ? null
          : pin(a.param(), at), a.grouping(), a.without(), a.pos());
      default -> e;
    };
  }
}
