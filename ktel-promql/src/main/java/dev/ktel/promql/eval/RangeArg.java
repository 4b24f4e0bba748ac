package dev.ktel.promql.eval;

import java.util.List;

/**
 * A range-vector argument evaluated for every step: its series and, per step, the window end {@code te[i]} (step
 * time with @ and offset applied). The window of step i is (te[i] - rangeMs, te[i]] (left-open, Prometheus 3).
 */
record RangeArg(List<RangeSeries> series, long[] te, long rangeMs, boolean anchored, boolean smoothed, int pos,
    String metricNameHint) {
}
