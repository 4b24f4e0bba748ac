package dev.ktel.promql.eval;

import dev.ktel.promql.PromqlException;
import dev.ktel.promql.ast.BinaryExpr;
import dev.ktel.promql.ast.Call;
import dev.ktel.promql.ast.Expr;
import dev.ktel.promql.ast.NumberLiteral;
import dev.ktel.promql.ast.ParenExpr;
import dev.ktel.promql.ast.UnaryExpr;

/** Evaluates duration expressions (seconds); step() and range() refer to the outer query. */
final class DurationEval {
  private DurationEval() {
  }

  static double eval(Expr e, QueryContext ctx, Grid g) {
    return switch (e) {
      case NumberLiteral n -> n.value();
      case ParenExpr p -> eval(p.expr(), ctx, g);
      case UnaryExpr u -> u.negate() ? -eval(u.expr(), ctx, g) : eval(u.expr(), ctx, g);
      case BinaryExpr b -> {
        double l = eval(b.lhs(), ctx, g), r = eval(b.rhs(), ctx, g);
        yield switch (b.op()) {
          case ADD -> l + r;
          case SUB -> l - r;
          case MUL -> l * r;
          case DIV -> {
            if (r == 0) {
              throw PromqlException.execution("division by zero in duration expression");
            }
            yield l / r;
          }
          case MOD -> {
            if (r == 0) {
              throw PromqlException.execution("modulo by zero in duration expression");
            }
            yield l % r;
          }
          case POW -> Math.pow(l, r);
          default -> throw PromqlException.execution("operator " + b.op().text() + " not allowed in durations");
        };
      }
      case Call c -> switch (c.func().name()) {
        case "step" -> ctx.step / 1000.0;
        case "range" -> (ctx.end - ctx.start) / 1000.0;
        case "min_of" -> Math.min(eval(c.args().get(0), ctx, g), eval(c.args().get(1), ctx, g));
        case "max_of" -> Math.max(eval(c.args().get(0), ctx, g), eval(c.args().get(1), ctx, g));
        default -> throw PromqlException.execution("function " + c.func().name() + " not allowed in durations");
      };
      default -> throw PromqlException.execution("unsupported duration expression");
    };
  }
}
