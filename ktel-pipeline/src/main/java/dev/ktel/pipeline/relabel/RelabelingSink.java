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
    private final java.util.regex.Matcher metricName = METRIC_NAME.matcher("");
    private final java.util.regex.Matcher labelName = LABEL_NAME.matcher("");
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
        String[] out = relabel(labelValues);
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
        String[] out = relabel(values);
        if (out != null) {
            group(out).samples.add(new Pending(out, value, null, null, 0, 0));
        }
    }

    /**
     * The output series as a flat array (name, then label name/value pairs), or null when dropped. One array per
     * kept series is the only allocation (it is buffered until the family ends).
     */
    private String[] relabel(String[] values) {
        MetricFamily f = current;
        LabelSet l = scratch;
        l.clear();
        l.set(LabelSet.NAME, f.name());
        for (int i = 0; i < values.length; i++) {
            l.set(f.labelName(i), values[i]);
        }
        if (!relabeler.apply(l)) {
            dropped.increment();
            return null;
        }
        String name = l.get(LabelSet.NAME);
        if (!metricName.reset(name).matches()) {
            errors.increment();
            return null;
        }
        int kept = 0;
        for (int i = 0; i < l.size(); i++) {
            if (exposable(l.name(i))) {
                kept++;
            }
        }
        String[] out = new String[1 + 2 * kept];
        out[0] = name;
        int j = 1;
        for (int i = 0; i < l.size(); i++) {
            if (exposable(l.name(i))) {
                out[j++] = l.name(i);
                out[j++] = l.value(i);
            }
        }
        return out;
    }

    /** Labels starting with __ (and invalid names a labelmap produced) cannot be exposed. */
    private boolean exposable(String label) {
        return !label.startsWith("__") && labelName.reset(label).matches();
    }

    private Group group(String[] series) {
        Group g = groups.get(series[0]);
        if (g == null) {
            g = new Group();
            groups.put(series[0], g);
        }
        for (int i = 1; i < series.length; i += 2) {
            g.labelNames.add(series[i]);
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
            String[] values = new String[names.length];
            for (Pending p : g.samples) {
                for (int i = 0; i < names.length; i++) {
                    values[i] = valueOf(p.series, names[i]);
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

    private static String valueOf(String[] series, String label) {
        for (int i = 1; i < series.length; i += 2) {
            if (series[i].equals(label)) {
                return series[i + 1];
            }
        }
        return "";
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

    private record Pending(String[] series, double value, double[] bounds, long[] counts, long count,
            double sum) {
    }
}
