package dev.ktel.core.exposition;

import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.metric.MetricType;

/**
 * Writes samples straight into exposition bytes, in the Prometheus text format 0.0.4 or OpenMetrics 1.0.
 * Allocation-free after warm-up for ASCII label values and common values (see {@link DoubleFormat}).
 *
 * <p>OpenMetrics differences handled here: counter families are announced without their {@code _total}
 * suffix (a counter whose name lacks it is announced as {@code unknown}), untyped becomes {@code unknown},
 * and the output ends with {@code # EOF}.
 */
public final class TextExpositionWriter implements MetricSink {
    private static final byte[] HELP = "# HELP ".getBytes();
    private static final byte[] TYPE = "# TYPE ".getBytes();
    private static final byte[] EOF = "# EOF\n".getBytes();

    private final ByteBuf out;
    private ExpositionFormat format = ExpositionFormat.PROMETHEUS_TEXT;
    private MetricFamily family;
    private int checkpoint;
    private int samples;
    private int samplesAtCheckpoint;
    private final java.util.IdentityHashMap<MetricFamily, byte[]> textHeaders = new java.util.IdentityHashMap<>();
    private final java.util.IdentityHashMap<MetricFamily, byte[]> omHeaders = new java.util.IdentityHashMap<>();

    public TextExpositionWriter(ByteBuf out) {
        this.out = out;
    }

    /** Clears the buffer and starts a new exposition. */
    public void begin(ExpositionFormat format) {
        this.format = format;
        out.clear();
        family = null;
        checkpoint = 0;
        samples = 0;
        samplesAtCheckpoint = 0;
    }

    /** Sample lines written since {@link #begin} (a histogram writes one per bucket, plus sum and count). */
    public int samplesWritten() {
        return samples;
    }

    /** Ends the exposition (OpenMetrics needs its EOF marker). */
    public void finish() {
        if (format == ExpositionFormat.OPENMETRICS) {
            out.put(EOF);
        }
    }

    public ByteBuf buffer() {
        return out;
    }

    @Override
    public void checkpoint() {
        checkpoint = out.length();
        samplesAtCheckpoint = samples;
    }

    @Override
    public void rollback() {
        out.truncate(checkpoint);
        samples = samplesAtCheckpoint;
        family = null;
    }

    @Override
    public void family(MetricFamily f) {
        family = f;
        java.util.IdentityHashMap<MetricFamily, byte[]> cache =
                format == ExpositionFormat.OPENMETRICS ? omHeaders : textHeaders;
        byte[] header = cache.get(f);
        if (header == null) {
            header = header(f, format);
            if (cache.size() > 100_000) {
                cache.clear(); // families created per scrape (textfile) must not grow this forever
            }
            cache.put(f, header);
        }
        out.put(header);
    }

    /** The HELP and TYPE lines of a family, built once per family and format. */
    private static byte[] header(MetricFamily f, ExpositionFormat format) {
        String announced = f.name();
        String type;
        if (format == ExpositionFormat.OPENMETRICS) {
            type = f.type().openMetricsName();
            if (f.type() == MetricType.COUNTER) {
                if (announced.endsWith("_total")) {
                    announced = announced.substring(0, announced.length() - 6);
                } else {
                    type = "unknown";
                }
            }
        } else {
            type = f.type().textName();
        }
        ByteBuf b = new ByteBuf(64 + f.help().length());
        TextExpositionWriter w = new TextExpositionWriter(b);
        b.put(HELP).put(announced).put((byte) ' ');
        w.putEscaped(f.help(), false);
        b.put((byte) '\n');
        b.put(TYPE).put(announced).put((byte) ' ').put(type).put((byte) '\n');
        return java.util.Arrays.copyOf(b.array(), b.length());
    }

    @Override
    public void sample(double value) {
        out.put(family.nameBytes());
        value(value);
    }

    @Override
    public void sample(String v1, double value) {
        out.put(family.nameBytes()).put((byte) '{');
        label(0, v1);
        out.put((byte) '}');
        value(value);
    }

    @Override
    public void sample(String v1, String v2, double value) {
        out.put(family.nameBytes()).put((byte) '{');
        label(0, v1);
        out.put((byte) ',');
        label(1, v2);
        out.put((byte) '}');
        value(value);
    }

    @Override
    public void sample(String v1, String v2, String v3, double value) {
        out.put(family.nameBytes()).put((byte) '{');
        label(0, v1);
        out.put((byte) ',');
        label(1, v2);
        out.put((byte) ',');
        label(2, v3);
        out.put((byte) '}');
        value(value);
    }

    @Override
    public void sample(String[] labelValues, double value) {
        out.put(family.nameBytes());
        labels(labelValues);
        out.put((byte) '}');
        value(value);
    }

    @Override
    public void histogram(String[] labelValues, double[] upperBounds, long[] cumulativeCounts, long count, double sum) {
        String name = family.name();
        for (int i = 0; i < upperBounds.length; i++) {
            out.put(name).put("_bucket");
            labels(labelValues);
            if (labelValues.length > 0) {
                out.put((byte) ',');
            }
            out.put("le=\"");
            DoubleFormat.append(out, upperBounds[i]);
            out.put("\"}");
            value(cumulativeCounts[i]);
        }
        out.put(name).put("_bucket");
        labels(labelValues);
        if (labelValues.length > 0) {
            out.put((byte) ',');
        }
        out.put("le=\"+Inf\"}");
        value(count);
        out.put(name).put("_sum");
        if (labelValues.length > 0) {
            labels(labelValues);
            out.put((byte) '}');
        }
        value(sum);
        out.put(name).put("_count");
        if (labelValues.length > 0) {
            labels(labelValues);
            out.put((byte) '}');
        }
        value(count);
    }

    /** Writes "{a="x",b="y"" without the closing brace. */
    private void labels(String[] values) {
        out.put((byte) '{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.put((byte) ',');
            }
            label(i, values[i]);
        }
    }

    private void label(int index, String value) {
        out.put(family.labelPrefix(index));
        putEscaped(value, true);
        out.put((byte) '"');
    }

    private void value(double v) {
        samples++;
        out.put((byte) ' ');
        DoubleFormat.append(out, v);
        out.put((byte) '\n');
    }

    /** One pass over the value: plain ASCII is copied as it is checked; anything else takes the slow path. */
    private void putEscaped(String s, boolean quote) {
        int n = s.length();
        out.ensure(n);
        byte[] a = out.array();
        int start = out.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '\n' || (quote && c == '"') || c >= 0x80) {
                out.skip(i);
                putEscapedSlow(s, i, quote);
                return;
            }
            a[start + i] = (byte) c;
        }
        out.skip(n);
    }

    /** Escapes from {@code from} on; the part before it is already written. */
    private void putEscapedSlow(String s, int from, boolean quote) {
        StringBuilder sb = new StringBuilder(s.length() - from + 8);
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '"' -> sb.append(quote ? "\\\"" : "\"");
                default -> sb.append(c);
            }
        }
        out.put(sb.toString());
    }
}
