package dev.ktel.pipeline.fidelity;

import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import java.util.ArrayList;
import java.util.List;

/**
 * One collector's output, kept so it can be written again while the collector is not run (longer interval
 * under load). Recording copies label arrays and histogram arrays (collectors may reuse theirs); replaying
 * allocates nothing.
 */
public final class RecordedOutput {
    private final List<Object> ops = new ArrayList<>();

    private record Sample(String[] labels, double value) {
    }

    private record Histogram(String[] labels, double[] bounds, long[] counts, long count, double sum) {
    }

    /** A sink that writes to {@code next} and records into this (cleared first). */
    public MetricSink recordTo(MetricSink next) {
        ops.clear();
        return new MetricSink() {
            @Override
            public void family(MetricFamily family) {
                ops.add(family);
                next.family(family);
            }

            @Override
            public void sample(double value) {
                ops.add(new Sample(new String[0], value));
                next.sample(value);
            }

            @Override
            public void sample(String v1, double value) {
                ops.add(new Sample(new String[] {v1}, value));
                next.sample(v1, value);
            }

            @Override
            public void sample(String v1, String v2, double value) {
                ops.add(new Sample(new String[] {v1, v2}, value));
                next.sample(v1, v2, value);
            }

            @Override
            public void sample(String v1, String v2, String v3, double value) {
                ops.add(new Sample(new String[] {v1, v2, v3}, value));
                next.sample(v1, v2, v3, value);
            }

            @Override
            public void sample(String[] labelValues, double value) {
                ops.add(new Sample(labelValues.clone(), value));
                next.sample(labelValues, value);
            }

            @Override
            public void histogram(String[] labelValues, double[] upperBounds, long[] cumulativeCounts, long count,
                    double sum) {
                ops.add(new Histogram(labelValues.clone(), upperBounds.clone(), cumulativeCounts.clone(), count, sum));
                next.histogram(labelValues, upperBounds, cumulativeCounts, count, sum);
            }

            @Override
            public void checkpoint() {
                next.checkpoint();
            }

            @Override
            public void rollback() {
                ops.clear();
                next.rollback();
            }
        };
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }

    public void clear() {
        ops.clear();
    }

    /** Writes the recorded output again. */
    public void replay(MetricSink sink) {
        for (int i = 0; i < ops.size(); i++) {
            Object op = ops.get(i);
            if (op instanceof MetricFamily f) {
                sink.family(f);
            } else if (op instanceof Sample s) {
                switch (s.labels.length) {
                    case 0 -> sink.sample(s.value);
                    case 1 -> sink.sample(s.labels[0], s.value);
                    case 2 -> sink.sample(s.labels[0], s.labels[1], s.value);
                    case 3 -> sink.sample(s.labels[0], s.labels[1], s.labels[2], s.value);
                    default -> sink.sample(s.labels, s.value);
                }
            } else if (op instanceof Histogram h) {
                sink.histogram(h.labels, h.bounds, h.counts, h.count, h.sum);
            }
        }
    }
}
