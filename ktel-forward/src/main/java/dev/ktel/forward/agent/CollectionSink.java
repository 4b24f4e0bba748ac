package dev.ktel.forward.agent;

import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.forward.wire.WriteSeries;
import dev.ktel.store.api.ClassicHistogram;
import dev.ktel.store.api.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one collection (everything collectors write into a {@link MetricSink} in one pass) into series with the
 * collection's timestamp. Every series gets {@code host} and {@code instance} (= the host id) and {@code job="ktel"},
 * so node_exporter dashboards work; a collector label of the same name is kept as {@code exported_<name>}, as
 * Prometheus does with honor_labels off.
 */
public final class CollectionSink implements MetricSink {
    private static final String[] TARGET = {"host", "instance", "job"};

    private final String hostId;
    private final long timestampMillis;
    private final List<WriteSeries> series = new ArrayList<>();
    private MetricFamily family;
    private int checkpoint;

    public CollectionSink(String hostId, long timestampMillis) {
        this.hostId = hostId;
        this.timestampMillis = timestampMillis;
    }

    public long timestampMillis() {
        return timestampMillis;
    }

    public List<WriteSeries> series() {
        return series;
    }

    @Override
    public void family(MetricFamily f) {
        this.family = f;
    }

    @Override
    public void sample(double value) {
        add(family.name(), new String[0], value);
    }

    @Override
    public void sample(String v1, double value) {
        add(family.name(), new String[] {v1}, value);
    }

    @Override
    public void sample(String v1, String v2, double value) {
        add(family.name(), new String[] {v1, v2}, value);
    }

    @Override
    public void sample(String v1, String v2, String v3, double value) {
        add(family.name(), new String[] {v1, v2, v3}, value);
    }

    @Override
    public void sample(String[] labelValues, double value) {
        add(family.name(), labelValues, value);
    }

    @Override
    public void histogram(String[] labelValues, double[] upperBounds, long[] cumulativeCounts, long count, double sum) {
        String base = family.name();
        for (int i = 0; i < upperBounds.length; i++) {
            Labels.Builder b = labels(base + "_bucket", labelValues);
            b.set("le", ClassicHistogram.formatBound(upperBounds[i]));
            series.add(WriteSeries.of(b.build(), timestampMillis, cumulativeCounts[i]));
        }
        series.add(WriteSeries.of(labels(base + "_bucket", labelValues).set("le", "+Inf").build(), timestampMillis,
                count));
        series.add(WriteSeries.of(labels(base + "_sum", labelValues).build(), timestampMillis, sum));
        series.add(WriteSeries.of(labels(base + "_count", labelValues).build(), timestampMillis, count));
    }

    @Override
    public void checkpoint() {
        checkpoint = series.size();
    }

    @Override
    public void rollback() {
        series.subList(checkpoint, series.size()).clear();
    }

    private void add(String name, String[] values, double value) {
        series.add(WriteSeries.of(labels(name, values).build(), timestampMillis, value));
    }

    private Labels.Builder labels(String name, String[] values) {
        if (family == null) {
            throw new IllegalStateException("sample written before family()");
        }
        if (values.length != family.labelCount()) {
            throw new IllegalArgumentException(family.name() + ": expected " + family.labelCount()
                    + " label values, got " + values.length);
        }
        Labels.Builder b = Labels.builder().set(Labels.METRIC_NAME, name);
        for (int i = 0; i < values.length; i++) {
            String ln = family.labelName(i);
            b.set(isTarget(ln) ? "exported_" + ln : ln, values[i]);
        }
        return b.set("host", hostId).set("instance", hostId).set("job", "ktel");
    }

    private static boolean isTarget(String label) {
        for (String t : TARGET) {
            if (t.equals(label)) {
                return true;
            }
        }
        return false;
    }
}
