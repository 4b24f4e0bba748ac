package dev.ktel.pipeline.cardinality;

import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.pipeline.ForwardingSink;

/**
 * Enforces the series budgets on the way to the next sink. Series within budget pass unchanged. A series over
 * budget is not written; its value is folded into one overflow series per family, {@code {ktel_overflow="true"}}
 * (counters, gauges and untyped values summed; histograms merged bucket by bucket), and counted in
 * {@code ktel_series_rejected_total{metric}}.
 *
 * <p>Because a family's label names are announced before its samples, a family that overflowed in the previous
 * collection is announced with the extra label {@code ktel_overflow} (empty on its kept series, which
 * Prometheus reads as absent) and its overflow series is written at the end of the family. So the overflow
 * series appears from the second over-budget collection on; the first one only counts the rejections.
 */
public final class BudgetSink extends ForwardingSink {
    private static final String OVERFLOW = "true";
    /** The cardinality self-metrics are bounded by construction and must stay visible: never budgeted. */
    private static final String EXEMPT_PREFIX = "ktel_series_";

    private final SeriesTracker tracker;
    private final String[][] scratch = new String[18][];
    private FamilyState state;
    private boolean overflowMode;
    private boolean untracked;
    private boolean exempt;
    private int labelCount;

    public BudgetSink(SeriesTracker tracker, MetricSink next) {
        super(next);
        this.tracker = tracker;
    }

    public SeriesTracker tracker() {
        return tracker;
    }

    @Override
    public void family(MetricFamily f) {
        finishFamily();
        exempt = f.name().startsWith(EXEMPT_PREFIX);
        if (exempt) {
            overflowMode = false;
            untracked = false;
            next.family(f);
            return;
        }
        state = tracker.family(f.name());
        untracked = state == null;
        labelCount = f.labelCount();
        if (untracked) {
            return; // over the family budget: the whole family is rejected
        }
        overflowMode = state.overflowLast;
        next.family(overflowMode ? state.extended(f) : f);
    }

    @Override
    public void sample(double value) {
        if (admit(SeriesHash.start())) {
            if (overflowMode) {
                next.sample("", value);
            } else {
                next.sample(value);
            }
        } else {
            fold(value);
        }
    }

    @Override
    public void sample(String v1, double value) {
        if (admit(SeriesHash.add(SeriesHash.start(), v1))) {
            if (overflowMode) {
                next.sample(v1, "", value);
            } else {
                next.sample(v1, value);
            }
        } else {
            fold(value);
        }
    }

    @Override
    public void sample(String v1, String v2, double value) {
        if (admit(SeriesHash.add(SeriesHash.add(SeriesHash.start(), v1), v2))) {
            if (overflowMode) {
                next.sample(v1, v2, "", value);
            } else {
                next.sample(v1, v2, value);
            }
        } else {
            fold(value);
        }
    }

    @Override
    public void sample(String v1, String v2, String v3, double value) {
        if (admit(SeriesHash.add(SeriesHash.add(SeriesHash.add(SeriesHash.start(), v1), v2), v3))) {
            if (overflowMode) {
                String[] a = array(4);
                a[0] = v1;
                a[1] = v2;
                a[2] = v3;
                a[3] = "";
                next.sample(a, value);
            } else {
                next.sample(v1, v2, v3, value);
            }
        } else {
            fold(value);
        }
    }

    @Override
    public void sample(String[] values, double value) {
        if (admit(hash(values))) {
            next.sample(overflowMode ? extend(values, "") : values, value);
        } else {
            fold(value);
        }
    }

    @Override
    public void histogram(String[] values, double[] upperBounds, long[] cumulativeCounts, long count, double sum) {
        if (admit(hash(values))) {
            next.histogram(overflowMode ? extend(values, "") : values, upperBounds, cumulativeCounts, count, sum);
        } else if (state != null) {
            state.foldHistogram(upperBounds, cumulativeCounts, count, sum);
        }
    }

    @Override
    public void checkpoint() {
        finishFamily();
        next.checkpoint();
    }

    @Override
    public void rollback() {
        if (state != null) {
            state.clearPending();
        }
        state = null;
        next.rollback();
    }

    @Override
    public void endCollection() {
        finishFamily();
        tracker.endCollection();
        super.endCollection();
    }

    private boolean admit(long partialHash) {
        if (exempt) {
            return true;
        }
        if (untracked) {
            tracker.rejectUntracked();
            return false;
        }
        return tracker.offer(state, SeriesHash.finish(partialHash));
    }

    private void fold(double v) {
        if (state != null) {
            state.fold(v);
        }
    }

    /** Writes the overflow series of the family that just ended, if it is announced with the overflow label. */
    private void finishFamily() {
        FamilyState s = state;
        state = null;
        if (s == null || !s.pending) {
            return;
        }
        if (overflowMode) {
            String[] values = array(labelCount + 1);
            java.util.Arrays.fill(values, "");
            values[labelCount] = OVERFLOW;
            if (s.counts != null) {
                next.histogram(values, s.bounds, s.counts, s.count, s.sum);
            } else {
                next.sample(values, s.value);
            }
        }
        s.clearPending();
    }

    private static long hash(String[] values) {
        long h = SeriesHash.start();
        for (String v : values) {
            h = SeriesHash.add(h, v);
        }
        return h;
    }

    private String[] extend(String[] values, String last) {
        String[] a = array(values.length + 1);
        System.arraycopy(values, 0, a, 0, values.length);
        a[values.length] = last;
        return a;
    }

    /** Reused arrays by length: sinks must not keep the label array they are given. */
    private String[] array(int n) {
        if (n >= scratch.length) {
            return new String[n];
        }
        String[] a = scratch[n];
        if (a == null) {
            a = scratch[n] = new String[n];
        }
        return a;
    }
}
