package dev.ktel.promql.ast;

/** A node of a parsed PromQL expression. {@link #pos()} is the char offset where the node starts in the query. */
public sealed interface Expr permits NumberLiteral, StringLiteral, VectorSelector, MatrixSelector, SubqueryExpr,
    ParenExpr, UnaryExpr, BinaryExpr, Call, AggregateExpr, DurationExpr {
  int pos();

  ValueType type();
}
