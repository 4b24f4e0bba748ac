package dev.ktel.promql.ast;

import dev.ktel.store.api.Matcher;
import java.util.List;

/** {@code name{matchers} offset d @ t [smoothed]}; offset and at may be null. */
public record VectorSelector(String name, List<Matcher> matchers, DurationExpr offset, At at, int pos, int end,
    boolean smoothed) implements Expr {
  @Override
  public ValueType type() {
    return ValueType.VECTOR;
  }

  public VectorSelector withOffset(DurationExpr o) {
    return new VectorSelector(name, matchers, o, at, pos, end, smoothed);
  }

  /** The smoothed modifier on an instant selector: interpolate between the samples around each step. */
  public VectorSelector withSmoothed() {
    return new VectorSelector(name, matchers, offset, at, pos, end, true);
  }

  public VectorSelector withAt(At a) {
    return new VectorSelector(name, matchers, offset, a, pos, end, smoothed);
  }
}
