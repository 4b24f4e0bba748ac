package dev.ktel.promql;

import java.util.List;

/** An instant vector: at most one sample per label set, all at the evaluation time. */
public record Vector(List<Sample> samples) implements Value {
  @Override
  public String typeName() {
    return "vector";
  }
}
