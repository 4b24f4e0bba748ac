package dev.ktel.promql.ast;

/** A number literal; durations used as numbers are seconds. */
public record NumberLiteral(double value, int pos) implements Expr {
  @Override
  public ValueType type() {
    return ValueType.SCALAR;
  }
}
