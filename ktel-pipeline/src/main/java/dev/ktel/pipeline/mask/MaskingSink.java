package dev.ktel.pipeline.mask;

import dev.ktel.core.metric.MetricSink;
import dev.ktel.pipeline.ForwardingSink;
import java.util.HashMap;
import java.util.Map;

/**
 * Masks every label value on its way to the next sink. Label values repeat from one collection to the next,
 * so results are cached by value (bounded: the cache is cleared when full), which makes the steady state a
 * hash lookup per label instead of a regex pass per rule. Installed when {@code masking.label-values} is on.
 */
public final class MaskingSink extends ForwardingSink {
    static final int MAX_CACHED = 20_000;

    private final MaskingPolicy policy;
    private final Map<String, String> cache = new HashMap<>();
    private final String[][] scratch = new String[17][];

    public MaskingSink(MaskingPolicy policy, MetricSink next) {
        super(next);
        this.policy = policy;
    }

    private String mask(String v) {
        String m = cache.get(v);
        if (m == null) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            m = policy.mask(v);
            cache.put(v, m);
        }
        return m;
    }

    @Override
    public void sample(String v1, double value) {
        next.sample(mask(v1), value);
    }

    @Override
    public void sample(String v1, String v2, double value) {
        next.sample(mask(v1), mask(v2), value);
    }

    @Override
    public void sample(String v1, String v2, String v3, double value) {
        next.sample(mask(v1), mask(v2), mask(v3), value);
    }

    @Override
    public void sample(String[] labelValues, double value) {
        next.sample(masked(labelValues), value);
    }

    @Override
    public void histogram(String[] labelValues, double[] upperBounds, long[] cumulativeCounts, long count, double sum) {
        next.histogram(masked(labelValues), upperBounds, cumulativeCounts, count, sum);
    }

    /** A reused array (sinks must not keep the label array they are given). */
    private String[] masked(String[] values) {
        if (values.length == 0) {
            return values;
        }
        String[] out;
        if (values.length < scratch.length) {
            out = scratch[values.length];
            if (out == null) {
                out = scratch[values.length] = new String[values.length];
            }
        } else {
            out = new String[values.length];
        }
        for (int i = 0; i < values.length; i++) {
            out[i] = mask(values[i]);
        }
        return out;
    }
}
