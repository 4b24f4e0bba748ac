package dev.ktel.promql;

import dev.ktel.store.api.Labels;

/** One series of a matrix: parallel arrays of timestamps (milliseconds, increasing) and values. */
public record SeriesPoints(Labels labels, long[] t, double[] v) {
  public int size() {
    return t.length;
  }
}
