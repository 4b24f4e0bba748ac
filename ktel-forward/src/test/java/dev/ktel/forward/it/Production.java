package dev.ktel.forward.it;

import dev.ktel.core.metric.MetricFamily;
import dev.ktel.forward.agent.CollectionSink;
import dev.ktel.forward.agent.Forwarder;

/**
 * A deterministic workload: collection {@code i} writes {@code series} samples of {@value #CORE} with value
 * {@code i} and, when asked, as many of {@value #LOW}; the collection timestamp is the current time made strictly
 * increasing. The store is then audited against it.
 */
final class Production {
    static final String CORE = "ktel_test_core";
    static final String LOW = "ktel_test_low";
    private static final MetricFamily CORE_F = MetricFamily.gauge(CORE, "test", "series");
    private static final MetricFamily LOW_F = MetricFamily.gauge(LOW, "test", "series");

    private final int series;
    private final boolean withLow;
    private long lastTs;
    int collections;

    Production(int series, boolean withLow) {
        this.series = series;
        this.withLow = withLow;
    }

    /** Produces collection number {@link #collections} into the forwarder. */
    void produce(Forwarder f) {
        long ts = Math.max(System.currentTimeMillis(), lastTs + 1);
        lastTs = ts;
        CollectionSink sink = f.newCollection(ts);
        sink.family(CORE_F);
        for (int k = 0; k < series; k++) {
            sink.sample(Integer.toString(k), collections);
        }
        if (withLow) {
            sink.family(LOW_F);
            for (int k = 0; k < series; k++) {
                sink.sample(Integer.toString(k), collections);
            }
        }
        f.offer(sink);
        collections++;
    }

    long producedSamples() {
        return (long) collections * series * (withLow ? 2 : 1);
    }
}
