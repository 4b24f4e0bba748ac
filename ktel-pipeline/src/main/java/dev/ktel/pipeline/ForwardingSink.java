package dev.ktel.pipeline;

import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;

/**
 * A {@link MetricSink} decorator: forwards everything to the next sink unless a stage overrides it. Stages
 * that buffer or keep per-collection state hook {@link #beginCollection()} and {@link #endCollection()}, which
 * the pipeline calls around each collection and which cascade down the chain.
 */
public abstract class ForwardingSink implements MetricSink {
    protected final MetricSink next;

    protected ForwardingSink(MetricSink next) {
        this.next = next;
    }

    public MetricSink next() {
        return next;
    }

    /** Before a collection starts writing. */
    public void beginCollection() {
        if (next instanceof ForwardingSink f) {
            f.beginCollection();
        }
    }

    /** After the last sample of a collection: flush what is buffered. */
    public void endCollection() {
        if (next instanceof ForwardingSink f) {
            f.endCollection();
        }
    }

    @Override
    public void family(MetricFamily family) {
        next.family(family);
    }

    @Override
    public void sample(double value) {
        next.sample(value);
    }

    @Override
    public void sample(String v1, double value) {
        next.sample(v1, value);
    }

    @Override
    public void sample(String v1, String v2, double value) {
        next.sample(v1, v2, value);
    }

    @Override
    public void sample(String v1, String v2, String v3, double value) {
        next.sample(v1, v2, v3, value);
    }

    @Override
    public void sample(String[] labelValues, double value) {
        next.sample(labelValues, value);
    }

    @Override
    public void histogram(String[] labelValues, double[] upperBounds, long[] cumulativeCounts, long count, double sum) {
        next.histogram(labelValues, upperBounds, cumulativeCounts, count, sum);
    }

    @Override
    public void checkpoint() {
        next.checkpoint();
    }

    @Override
    public void rollback() {
        next.rollback();
    }
}
