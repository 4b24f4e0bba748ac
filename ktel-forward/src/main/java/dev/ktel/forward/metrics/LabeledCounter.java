package dev.ktel.forward.metrics;

import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** A counter with one label, for self-metrics such as {@code ktel_forward_errors_total{reason}}. */
public final class LabeledCounter {
    private final MetricFamily family;
    private final ConcurrentHashMap<String, LongAdder> values = new ConcurrentHashMap<>();

    public LabeledCounter(String name, String help, String label, String... preset) {
        this.family = MetricFamily.counter(name, help, label);
        for (String p : preset) {
            values.put(p, new LongAdder());
        }
    }

    public void add(String labelValue, long n) {
        values.computeIfAbsent(labelValue, k -> new LongAdder()).add(n);
    }

    public void inc(String labelValue) {
        add(labelValue, 1);
    }

    public long get(String labelValue) {
        LongAdder a = values.get(labelValue);
        return a == null ? 0 : a.sum();
    }

    public long total() {
        long n = 0;
        for (LongAdder a : values.values()) {
            n += a.sum();
        }
        return n;
    }

    public void write(MetricSink sink) {
        sink.family(family);
        Map<String, LongAdder> sorted = new TreeMap<>(values);
        sorted.forEach((k, v) -> sink.sample(k, v.sum()));
    }
}
