package dev.ktel.promql.ast;

public record ParenExpr(Expr expr, int pos) implements Expr {
  @Override
  public ValueType type() {
    return expr.type();
  }
}
