package dev.ktel.promql.ast;

/**
 * A duration: literal or arithmetic over literals, step(), range(), min_of/max_of (experimental duration
 * expressions). Numbers are seconds. Evaluated once per query by {@code DurationEvaluator}.
 */
public record DurationExpr(Expr expr, int pos) implements Expr {
  @Override
  public ValueType type() {
    return ValueType.SCALAR;
  }
}
