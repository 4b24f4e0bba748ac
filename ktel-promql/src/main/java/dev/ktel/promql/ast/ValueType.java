package dev.ktel.promql.ast;

/** The static type of an expression. */
public enum ValueType {
  SCALAR("scalar"), STRING("string"), VECTOR("instant vector"), MATRIX("range vector");

  private final String text;

  ValueType(String text) {
    this.text = text;
  }

  /** As Prometheus writes it in type errors. */
  public String text() {
    return text;
  }
}
