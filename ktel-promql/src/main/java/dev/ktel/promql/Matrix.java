package dev.ktel.promql;

import java.util.List;

/** A range vector or a range-query result: series sorted by labels, each with its points. */
public record Matrix(List<SeriesPoints> series) implements Value {
  @Override
  public String typeName() {
    return "matrix";
  }
}
