package dev.ktel.promql.ast;

/** {@code expr[range:step] offset d @ t}; step, offset and at may be null. */
public record SubqueryExpr(Expr expr, DurationExpr range, DurationExpr step, DurationExpr offset, At at, int pos)
    implements Expr {
  @Override
  public ValueType type() {
    return ValueType.MATRIX;
  }

  public SubqueryExpr withOffset(DurationExpr o) {
    return new SubqueryExpr(expr, range, step, o, at, pos);
  }

  public SubqueryExpr withAt(At a) {
    return new SubqueryExpr(expr, range, step, offset, a, pos);
  }
}
