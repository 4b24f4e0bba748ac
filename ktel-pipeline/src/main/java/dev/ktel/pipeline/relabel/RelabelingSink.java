package dev.ktel.pipeline.relabel;

import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.pipeline.ForwardingSink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * Relabels every series on its way to the next sink (metric_relabel_configs semantics). Relabeling may rename
 * a family or give its series different label names, so one family's output is buffered and written at the
 * end of the family: grouped by output name, with the union of the label names (a label a series lacks is
 * written empty, which Prometheus reads as absent). After the rules, labels starting with {@code __} are
 * removed (they cannot be exposed). A series whose resulting name is not a valid metric name is dropped and
 * counted as an error. Installed only when rules are configured.
 */
public final class RelabelingSink extends ForwardingSink {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final int MAX_CACHED_FAMILIES = 10_000;

    private final Relabeler relabeler;
    private final LabelSet scratch = new LabelSet();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, MetricFamily> familyCache = new HashMap<>();
    private final LongAdder dropped;
    private final LongAdder errors;
    private MetricFamily current;

    public RelabelingSink(Relabeler relabeler, MetricSink next) {
        this(relabeler, new LongAdder(), new LongAdder(), next);
    }

    /** With counters shared between several sinks of the same rules. */
    public RelabelingSink(Relabeler relabeler, LongAdder dropped, LongAdder errors, MetricSink next) {
        super(next);
        this.relabeler = relabeler;
        this.dropped = dropped;
        this.errors = errors;
    }

    /** Series dropped by keep/drop rules. */
    public long dropped() {
        return dropped.sum();
    }

    /** Series dropped because the rules produced an invalid metric name. */
    public long errors() {
        return errors.sum();
    }

    @Override
    public void family(MetricFamily family) {
        flush();
        current = family;
    }

    @Override
    public void sample(double value) {
        add(new String[0], value);
    }

    @Override
    public void sample(String v1, double value) {
        add(new String[] {v1}, value);
    }

    @Override
    public void sample(String v1, String v2, double value) {
        add(new String[] {v1, v2}, value);
    }

    @Override
    public void sample(String v1, String v2, String v3, double value) {
        add(new String[] {v1, v2, v3}, value);
    }

    @Override
    public void sample(String[] labelValues, double value) {
        add(labelValues, value);
    }

    @Override
    public void histogram(String[] labelValues, double[] upperBounds, long[] cumulativeCounts, long count, double sum) {
        Map<String, String> out = relabel(labelValues);
        if (out != null) {
            group(out).samples.add(new Pending(out, 0, upperBounds.clone(), cumulativeCounts.clone(), count, sum));
        }
    }

    @Override
    public void checkpoint() {
        flush();
        next.checkpoint();
    }

    @Override
    public void rollback() {
        groups.clear();
        current = null;
        next.rollback();
    }

    @Override
    public void endCollection() {
        flush();
        current = null;
        super.endCollection();
    }

    private void add(String[] values, double value) {
        Map<String, String> out = relabel(values);
        if (out != null) {
            group(out).samples.add(new Pending(out, value, null, null, 0, 0));
        }
    }

    /** The output labels (with __name__), or null when dropped. */
    private Map<String, String> relabel(String[] values) {
        MetricFamily f = current;
        scratch.clear();
        scratch.set(LabelSet.NAME, f.name());
        for (int i = 0; i < values.length; i++) {
            scratch.set(f.labelName(i), values[i]);
        }
        if (!relabeler.apply(scratch)) {
            dropped.increment();
            return null;
        }
        String name = scratch.get(LabelSet.NAME);
        if (!METRIC_NAME.matcher(name).matches()) {
            errors.increment();
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>(scratch.asMap());
        out.keySet().removeIf(k -> !k.equals(LabelSet.NAME) && (k.startsWith("__") || !LABEL_NAME.matcher(k).matches()));
        return out;
    }

    private Group group(Map<String, String> labels) {
        Group g = groups.computeIfAbsent(labels.get(LabelSet.NAME), n -> new Group());
        for (String k : labels.keySet()) {
            if (!k.equals(LabelSet.NAME)) {
                g.labelNames.add(k);
            }
        }
        return g;
    }

    private void flush() {
        if (groups.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Group> e : groups.entrySet()) {
            Group g = e.getValue();
            String[] names = g.labelNames.toArray(new String[0]);
            MetricFamily out = outputFamily(e.getKey(), names);
            next.family(out);
            for (Pending p : g.samples) {
                String[] values = new String[names.length];
                for (int i = 0; i < names.length; i++) {
                    values[i] = p.labels.getOrDefault(names[i], "");
                }
                if (p.bounds == null) {
                    next.sample(values, p.value);
                } else {
                    next.histogram(values, p.bounds, p.counts, p.count, p.sum);
                }
            }
        }
        groups.clear();
    }

    private MetricFamily outputFamily(String name, String[] labelNames) {
        if (name.equals(current.name()) && current.labelNames().equals(List.of(labelNames))) {
            return current;
        }
        String key = current.type() + "\0" + name + "\0" + String.join(",", labelNames);
        MetricFamily f = familyCache.get(key);
        if (f == null) {
            if (familyCache.size() >= MAX_CACHED_FAMILIES) {
                familyCache.clear();
            }
            f = MetricFamily.of(name, current.type(), current.help(), labelNames);
            familyCache.put(key, f);
        }
        return f;
    }

    private static final class Group {
        final LinkedHashSet<String> labelNames = new LinkedHashSet<>();
        final List<Pending> samples = new ArrayList<>();
    }

    private record Pending(Map<String, String> labels, double value, double[] bounds, long[] counts, long count,
            double sum) {
    }
}
