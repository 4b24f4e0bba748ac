package dev.ktel.promql.eval;

import dev.ktel.promql.PromqlException;

/** The anchored and smoothed range-selector modifiers: not implemented yet. */
final class ExtendedRange {
  private ExtendedRange() {
  }

  static Double eval(String name, RangeArg ra, RangeSeries s, long te, int lo, int hi, QueryContext ctx) {
    throw PromqlException.execution("anchored and smoothed modifiers are not supported yet");
  }
}
