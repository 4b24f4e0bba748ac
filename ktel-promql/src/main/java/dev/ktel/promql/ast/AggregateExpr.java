package dev.ktel.promql.ast;

import java.util.List;

/** {@code op [by|without (labels)] ([param,] expr)}; param is null for operators without one. */
public record AggregateExpr(AggregateOp op, Expr expr, Expr param, List<String> grouping, boolean without, int pos)
    implements Expr {
  @Override
  public ValueType type() {
    return ValueType.VECTOR;
  }
}
