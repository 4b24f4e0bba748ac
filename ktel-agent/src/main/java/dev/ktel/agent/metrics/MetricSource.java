package dev.ktel.agent.metrics;

import dev.ktel.core.metric.MetricSink;

/** Anything besides the collectors that adds families to a scrape (self-metrics, event counters). */
@FunctionalInterface
public interface MetricSource {
    void write(MetricSink sink);
}
