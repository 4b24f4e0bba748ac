package dev.ktel.pipeline.cardinality;

import dev.ktel.core.metric.MetricFamily;
import java.util.ArrayList;
import java.util.List;

/** Budget state of one family: its series, whether it overflowed, and this collection's overflow aggregate. */
final class FamilyState {
    static final String OVERFLOW_LABEL = "ktel_overflow";

    final String name;
    final FamilySeries series = new FamilySeries();
    /** Overflowed in the previous collection: this collection announces the family with the overflow label. */
    boolean overflowLast;
    boolean overflowThis;
    int lastTouched;
    private MetricFamily extendedFor;
    private MetricFamily extended;

    boolean pending;
    double value;
    double[] bounds;
    long[] counts;
    long count;
    double sum;

    FamilyState(String name) {
        this.name = name;
    }

    /** The family with one more label, {@code ktel_overflow}, cached per source family. */
    MetricFamily extended(MetricFamily f) {
        if (extendedFor != f) {
            List<String> labels = new ArrayList<>(f.labelNames());
            labels.add(OVERFLOW_LABEL);
            extended = MetricFamily.of(f.name(), f.type(), f.help(), labels.toArray(new String[0]));
            extendedFor = f;
        }
        return extended;
    }

    /** Folds a rejected sample into the overflow aggregate: values are summed (counters, gauges, untyped). */
    void fold(double v) {
        value = pending ? value + v : v;
        pending = true;
    }

    /** Folds a rejected histogram: bucket counts, count and sum add up when the bounds agree. */
    boolean foldHistogram(double[] b, long[] c, long n, double s) {
        if (!pending) {
            bounds = b.clone();
            counts = c.clone();
            count = n;
            sum = s;
            pending = true;
            return true;
        }
        if (bounds == null || !java.util.Arrays.equals(bounds, b)) {
            return false;
        }
        for (int i = 0; i < c.length; i++) {
            counts[i] += c[i];
        }
        count += n;
        sum += s;
        return true;
    }

    void clearPending() {
        pending = false;
        bounds = null;
        counts = null;
        value = 0;
    }
}
