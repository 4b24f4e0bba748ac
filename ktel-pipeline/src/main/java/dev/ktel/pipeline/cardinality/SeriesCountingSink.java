package dev.ktel.pipeline.cardinality;

import dev.ktel.core.metric.MetricSink;
import dev.ktel.pipeline.ForwardingSink;

/**
 * The cardinality SLI without budgets: counts the series written in a collection (a classic histogram counts
 * once, as in budgets) and publishes the count when the collection ends. One increment per sample, no state
 * per series: this is what runs when no budget is configured.
 */
public final class SeriesCountingSink extends ForwardingSink {
    private int counting;
    private volatile int lastCount;

    public SeriesCountingSink(MetricSink next) {
        super(next);
    }

    /** Series written by the last complete collection. */
    public int lastCount() {
        return lastCount;
    }

    @Override
    public void beginCollection() {
        counting = 0;
        super.beginCollection();
    }

    @Override
    public void endCollection() {
        lastCount = counting;
        super.endCollection();
    }

    @Override
    public void sample(double value) {
        counting++;
        next.sample(value);
    }

    @Override
    public void sample(String v1, double value) {
        counting++;
        next.sample(v1, value);
    }

    @Override
    public void sample(String v1, String v2, double value) {
        counting++;
        next.sample(v1, v2, value);
    }

    @Override
    public void sample(String v1, String v2, String v3, double value) {
        counting++;
        next.sample(v1, v2, v3, value);
    }

    @Override
    public void sample(String[] labelValues, double value) {
        counting++;
        next.sample(labelValues, value);
    }

    @Override
    public void histogram(String[] labelValues, double[] upperBounds, long[] cumulativeCounts, long count, double sum) {
        counting++;
        next.histogram(labelValues, upperBounds, cumulativeCounts, count, sum);
    }
}
