package dev.ktel.promql.ast;

public record StringLiteral(String value, int pos) implements Expr {
  @Override
  public ValueType type() {
    return ValueType.STRING;
  }
}
