package dev.ktel.pipeline.relabel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The labels of one series while it is being relabeled, {@code __name__} included. An empty value means the
 * label is absent, as in the Prometheus data model: setting a label to "" removes it.
 */
public final class LabelSet {
    public static final String NAME = "__name__";

    private final Map<String, String> labels = new LinkedHashMap<>();

    public String get(String name) {
        String v = labels.get(name);
        return v == null ? "" : v;
    }

    public void set(String name, String value) {
        if (value == null || value.isEmpty()) {
            labels.remove(name);
        } else {
            labels.put(name, value);
        }
    }

    public void remove(String name) {
        labels.remove(name);
    }

    public Set<String> names() {
        return labels.keySet();
    }

    public Map<String, String> asMap() {
        return labels;
    }

    public void clear() {
        labels.clear();
    }

    public static LabelSet of(String... pairs) {
        LabelSet s = new LabelSet();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            s.set(pairs[i], pairs[i + 1]);
        }
        return s;
    }

    @Override
    public String toString() {
        return labels.toString();
    }
}
