package dev.ktel.promql.ast;

import java.util.List;

/** A function call. */
public record Call(FunctionDef func, List<Expr> args, int pos) implements Expr {
  @Override
  public ValueType type() {
    return func.returnType();
  }
}
