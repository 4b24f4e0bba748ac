package dev.ktel.pipeline.cardinality;

import dev.ktel.core.metric.MetricSink;
import dev.ktel.pipeline.ForwardingSink;

/**
 * The cardinality SLI without budgets: counts the series written in a collection (a classic histogram counts
 * once, as in budgets) and publishes the count when the collection ends. One increment per sample, no state
 * per series: this is what runs when no budget is configured.
 */
public final class SeriesCountingSink extends ForwardingSink {
    private final SeriesCount series;

    /** @param count the count to add to (shared by the variants of one chain) */
    public SeriesCountingSink(SeriesCount count, MetricSink next) {
        super(next);
        this.series = count;
    }

    public SeriesCount count() {
        return series;
    }

    @Override
    public void beginCollection() {
        series.begin();
        super.beginCollection();
    }

    @Override
    public void endCollection() {
        series.end();
        super.endCollection();
    }

    @Override
    public void sample(double value) {
        series.counting++;
        next.sample(value);
    }

    @Override
    public void sample(String v1, double value) {
        series.counting++;
        next.sample(v1, value);
    }

    @Override
    public void sample(String v1, String v2, double value) {
        series.counting++;
        next.sample(v1, v2, value);
    }

    @Override
    public void sample(String v1, String v2, String v3, double value) {
        series.counting++;
        next.sample(v1, v2, v3, value);
    }

    @Override
    public void sample(String[] labelValues, double value) {
        series.counting++;
        next.sample(labelValues, value);
    }

    @Override
    public void histogram(String[] labelValues, double[] upperBounds, long[] cumulativeCounts, long count, double sum) {
        series.counting++;
        next.histogram(labelValues, upperBounds, cumulativeCounts, count, sum);
    }
}
