package dev.ktel.promql.ast;

import dev.ktel.store.api.Matcher;
import java.util.List;

/** {@code name{matchers} offset d @ t}; offset and at may be null. */
public record VectorSelector(String name, List<Matcher> matchers, DurationExpr offset, At at, int pos, int end)
    implements Expr {
  @Override
  public ValueType type() {
    return ValueType.VECTOR;
  }

  public VectorSelector withOffset(DurationExpr o) {
    return new VectorSelector(name, matchers, o, at, pos, end);
  }

  public VectorSelector withAt(At a) {
    return new VectorSelector(name, matchers, offset, a, pos, end);
  }
}
