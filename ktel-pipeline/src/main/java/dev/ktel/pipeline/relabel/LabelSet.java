package dev.ktel.pipeline.relabel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The labels of one series while it is being relabeled, {@code __name__} included, in insertion order. An empty
 * value means the label is absent, as in the Prometheus data model: setting a label to "" removes it. Backed by
 * two reused arrays (series have a handful of labels; a linear search beats hashing and allocates nothing).
 */
public final class LabelSet {
    public static final String NAME = "__name__";

    private String[] names = new String[16];
    private String[] values = new String[16];
    private int size;

    public String get(String name) {
        int i = indexOf(name);
        return i < 0 ? "" : values[i];
    }

    public void set(String name, String value) {
        int i = indexOf(name);
        if (value == null || value.isEmpty()) {
            if (i >= 0) {
                removeAt(i);
            }
            return;
        }
        if (i >= 0) {
            values[i] = value;
            return;
        }
        if (size == names.length) {
            names = java.util.Arrays.copyOf(names, size * 2);
            values = java.util.Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size++] = value;
    }

    public void remove(String name) {
        int i = indexOf(name);
        if (i >= 0) {
            removeAt(i);
        }
    }

    public int size() {
        return size;
    }

    public String name(int i) {
        return names[i];
    }

    public String value(int i) {
        return values[i];
    }

    /** Removes the labels whose name matches ({@code dropMatching}) or does not match the matcher's pattern. */
    void removeNames(Matcher m, boolean dropMatching) {
        int j = 0;
        for (int i = 0; i < size; i++) {
            boolean matches = m.reset(names[i]).matches();
            if (matches != dropMatching) {
                names[j] = names[i];
                values[j++] = values[i];
            }
        }
        for (int i = j; i < size; i++) {
            names[i] = null;
            values[i] = null;
        }
        size = j;
    }

    /** Copies the current names into {@code out} (cleared first). */
    void namesInto(List<String> out) {
        out.clear();
        for (int i = 0; i < size; i++) {
            out.add(names[i]);
        }
    }

    public void clear() {
        for (int i = 0; i < size; i++) {
            names[i] = null;
            values[i] = null;
        }
        size = 0;
    }

    /** A copy as a map (tests, tools). */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            m.put(names[i], values[i]);
        }
        return m;
    }

    public static LabelSet of(String... pairs) {
        LabelSet s = new LabelSet();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            s.set(pairs[i], pairs[i + 1]);
        }
        return s;
    }

    private int indexOf(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private void removeAt(int i) {
        System.arraycopy(names, i + 1, names, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        names[size] = null;
        values[size] = null;
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
