package dev.ktel.promql.eval;

import dev.ktel.store.api.Labels;

/** One series of a range argument: all its samples (no staleness markers) needed by any step of the query. */
record RangeSeries(Labels labels, boolean dropName, long[] t, double[] v) {
  /** First index with t > from. */
  int lowerIndex(long from) {
    int lo = 0, hi = t.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (t[mid] <= from) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
