package dev.ktel.promql.ast;

/** Unary minus (or a no-op plus). */
public record UnaryExpr(boolean negate, Expr expr, int pos) implements Expr {
  @Override
  public ValueType type() {
    return expr.type();
  }
}
