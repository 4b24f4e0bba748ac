package dev.ktel.core.metric;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Immutable description of one metric family: name, help, type and label names. Collectors create their
 * families once, at construction, and pass them to {@link MetricSink#family} on every collection, so the
 * hot path never builds names or help text.
 */
public final class MetricFamily {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final String name;
    private final String help;
    private final MetricType type;
    private final String[] labelNames;
    private final byte[] nameBytes;
    private final byte[][] labelPrefixes;

    private MetricFamily(String name, String help, MetricType type, String[] labelNames) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid metric name: \"" + name + "\"");
        }
        for (String label : labelNames) {
            if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
                throw new IllegalArgumentException(name + ": invalid label name: \"" + label + "\"");
            }
        }
        if (help == null || help.isBlank()) {
            throw new IllegalArgumentException(name + ": every metric needs HELP text");
        }
        this.name = name;
        this.help = help;
        this.type = Objects.requireNonNull(type);
        this.labelNames = labelNames.clone();
        this.nameBytes = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        this.labelPrefixes = new byte[labelNames.length][];
        for (int i = 0; i < labelNames.length; i++) {
            labelPrefixes[i] = (labelNames[i] + "=\"").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    /** The name as ASCII bytes (names are ASCII by the Prometheus grammar); for writers. Do not modify. */
    public byte[] nameBytes() {
        return nameBytes;
    }

    /** {@code label="} as ASCII bytes for label {@code i}; for writers. Do not modify. */
    public byte[] labelPrefix(int i) {
        return labelPrefixes[i];
    }

    public static MetricFamily of(String name, MetricType type, String help, String... labelNames) {
        return new MetricFamily(name, help, type, labelNames);
    }

    public static MetricFamily counter(String name, String help, String... labelNames) {
        return new MetricFamily(name, help, MetricType.COUNTER, labelNames);
    }

    public static MetricFamily gauge(String name, String help, String... labelNames) {
        return new MetricFamily(name, help, MetricType.GAUGE, labelNames);
    }

    public static MetricFamily untyped(String name, String help, String... labelNames) {
        return new MetricFamily(name, help, MetricType.UNTYPED, labelNames);
    }

    public static MetricFamily histogram(String name, String help, String... labelNames) {
        return new MetricFamily(name, help, MetricType.HISTOGRAM, labelNames);
    }

    public String name() {
        return name;
    }

    public String help() {
        return help;
    }

    public MetricType type() {
        return type;
    }

    public int labelCount() {
        return labelNames.length;
    }

    public String labelName(int i) {
        return labelNames[i];
    }

    public List<String> labelNames() {
        return List.of(labelNames);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(labelNames) + " " + type.textName();
    }
}
