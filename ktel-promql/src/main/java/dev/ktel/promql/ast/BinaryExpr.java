package dev.ktel.promql.ast;

/** {@code lhs op [bool] [on/ignoring(...)] [group_x(...)] rhs}; matching is null unless both sides are vectors. */
public record BinaryExpr(BinaryOp op, Expr lhs, Expr rhs, boolean returnBool, VectorMatching matching, int pos,
    int opPos) implements Expr {
  @Override
  public ValueType type() {
    return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR ? ValueType.SCALAR : ValueType.VECTOR;
  }
}
