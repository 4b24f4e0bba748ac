package dev.ktel.core.metric;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link MetricSink} that keeps every sample as an object. Plain Java, not for hot paths: tests, the
 * doctor command and tools use it. It also checks the sink contract (label counts, one block per family).
 */
public final class SampleRecorder implements MetricSink {
    private final List<RecordedSample> samples = new ArrayList<>();
    private final Map<String, MetricFamily> families = new LinkedHashMap<>();
    private MetricFamily current;
    private int checkpoint;
    private int familyCheckpoint;
    private final List<String> familyOrder = new ArrayList<>();

    @Override
    public void family(MetricFamily family) {
        MetricFamily previous = families.get(family.name());
        if (previous != null) {
            throw new IllegalStateException("family " + family.name() + " written twice in one collection");
        }
        families.put(family.name(), family);
        familyOrder.add(family.name());
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
        add(labelValues.clone(), value);
    }

    @Override
    public void histogram(String[] labelValues, double[] upperBounds, long[] cumulativeCounts, long count, double sum) {
        MetricFamily f = requireFamily();
        for (int i = 0; i < upperBounds.length; i++) {
            Map<String, String> labels = labels(f, labelValues);
            labels.put("le", Double.toString(upperBounds[i]));
            samples.add(new RecordedSample(f, f.name() + "_bucket", labels, cumulativeCounts[i]));
        }
        Map<String, String> inf = labels(f, labelValues);
        inf.put("le", "+Inf");
        samples.add(new RecordedSample(f, f.name() + "_bucket", inf, count));
        samples.add(new RecordedSample(f, f.name() + "_sum", labels(f, labelValues), sum));
        samples.add(new RecordedSample(f, f.name() + "_count", labels(f, labelValues), count));
    }

    @Override
    public void checkpoint() {
        checkpoint = samples.size();
        familyCheckpoint = familyOrder.size();
    }

    @Override
    public void rollback() {
        samples.subList(checkpoint, samples.size()).clear();
        while (familyOrder.size() > familyCheckpoint) {
            families.remove(familyOrder.removeLast());
        }
        current = null;
    }

    private void add(String[] labelValues, double value) {
        MetricFamily f = requireFamily();
        samples.add(new RecordedSample(f, f.name(), labels(f, labelValues), value));
    }

    private MetricFamily requireFamily() {
        if (current == null) {
            throw new IllegalStateException("sample written before family()");
        }
        return current;
    }

    private static Map<String, String> labels(MetricFamily f, String[] values) {
        if (values.length != f.labelCount()) {
            throw new IllegalArgumentException(f.name() + ": expected " + f.labelCount() + " label values, got "
                    + values.length);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new IllegalArgumentException(f.name() + ": label " + f.labelName(i) + " is null");
            }
            labels.put(f.labelName(i), values[i]);
        }
        return labels;
    }

    public List<RecordedSample> samples() {
        return Collections.unmodifiableList(samples);
    }

    public Map<String, MetricFamily> families() {
        return Collections.unmodifiableMap(families);
    }

    /** Samples of one series name (for counters and gauges the family name). */
    public List<RecordedSample> samples(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The value of the one sample with that name and those label pairs ("k", "v", ...). */
    public Optional<Double> value(String name, String... labelPairs) {
        return samples.stream()
                .filter(s -> s.name().equals(name))
                .filter(s -> matches(s.labels(), labelPairs))
                .map(RecordedSample::value)
                .findFirst();
    }

    private static boolean matches(Map<String, String> labels, String[] pairs) {
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (!pairs[i + 1].equals(labels.get(pairs[i]))) {
                return false;
            }
        }
        return true;
    }
}
