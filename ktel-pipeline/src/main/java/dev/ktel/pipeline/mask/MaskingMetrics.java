package dev.ktel.pipeline.mask;

import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;

/** {@code ktel_masked_total{rule}}: items masked per rule. */
public final class MaskingMetrics {
    static final MetricFamily MASKED = MetricFamily.counter("ktel_masked_total",
            "Secrets and personal data masked before leaving the host, by masking rule.", "rule");

    private MaskingMetrics() {
    }

    public static void write(MaskingPolicy policy, MetricSink sink) {
        sink.family(MASKED);
        for (int i = 0; i < policy.rules().size(); i++) {
            sink.sample(policy.rules().get(i).name(), policy.maskedCount(i));
        }
    }
}
