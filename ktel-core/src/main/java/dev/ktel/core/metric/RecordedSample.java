package dev.ktel.core.metric;

import java.util.Map;

/** One sample as recorded by {@link SampleRecorder}: series name (with suffix), labels and value. */
public record RecordedSample(MetricFamily family, String name, Map<String, String> labels, double value) {

    public String label(String name) {
        return labels.get(name);
    }
}
