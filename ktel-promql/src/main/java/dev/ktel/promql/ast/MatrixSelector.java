package dev.ktel.promql.ast;

/** {@code selector[range]}, optionally with the anchored or smoothed modifier. */
public record MatrixSelector(VectorSelector selector, DurationExpr range, boolean anchored, boolean smoothed, int pos)
    implements Expr {
  @Override
  public ValueType type() {
    return ValueType.MATRIX;
  }

  public MatrixSelector withSelector(VectorSelector s) {
    return new MatrixSelector(s, range, anchored, smoothed, pos);
  }
}
