package dev.ktel.agent.metrics;

import dev.ktel.collectors.CollectorSet;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.pipeline.MetricChain;
import dev.ktel.pipeline.Pipeline;
import java.util.List;

/**
 * One collection (collectors, then self-metric sources) through the edge pipeline into a sink chosen per collection:
 * what the forwarder sends and what {@code ktel run} stores pass the same relabeling, masking and budgets as
 * /metrics, so nothing leaves the agent unmasked. The chain is built once (its stages keep state across
 * collections); only its terminal changes.
 */
public final class PipelinedCollection {
    private final CollectorSet collectors;
    private final List<MetricSource> sources;
    private final Terminal terminal = new Terminal();
    private final MetricChain chain;

    public PipelinedCollection(CollectorSet collectors, List<MetricSource> sources, Pipeline pipeline) {
        this.collectors = collectors;
        this.sources = List.copyOf(sources);
        this.chain = pipeline.metricChain(terminal);
    }

    public synchronized void collectInto(MetricSink out) {
        terminal.target = out;
        MetricSink sink = chain.begin();
        try {
            collectors.collect(sink);
            for (MetricSource s : sources) {
                sink.checkpoint();
                try {
                    s.write(sink);
                } catch (RuntimeException e) {
                    sink.rollback();
                }
            }
        } finally {
            chain.end();
            terminal.target = null;
        }
    }

    /** Forwards everything to the current collection's sink. */
    private static final class Terminal implements MetricSink {
        MetricSink target;

        @Override
        public void family(MetricFamily family) {
            target.family(family);
        }

        @Override
        public void sample(double value) {
            target.sample(value);
        }

        @Override
        public void sample(String v1, double value) {
            target.sample(v1, value);
        }

        @Override
        public void sample(String v1, String v2, double value) {
            target.sample(v1, v2, value);
        }

        @Override
        public void sample(String v1, String v2, String v3, double value) {
            target.sample(v1, v2, v3, value);
        }

        @Override
        public void sample(String[] labelValues, double value) {
            target.sample(labelValues, value);
        }

        @Override
        public void histogram(String[] labelValues, double[] upperBounds, long[] cumulativeCounts, long count,
                double sum) {
            target.histogram(labelValues, upperBounds, cumulativeCounts, count, sum);
        }

        @Override
        public void checkpoint() {
            target.checkpoint();
        }

        @Override
        public void rollback() {
            target.rollback();
        }
    }
}
