package dev.ktel.agent.metrics;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorSet;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.pipeline.fidelity.CollectorThrottle;

/**
 * Runs collectors through adaptive fidelity's {@link CollectorThrottle}: low-priority collectors at a longer
 * interval while fidelity is shed. Used only when the fidelity level is above 0, so full fidelity keeps the
 * direct path. Called from the (serialised) collection only.
 */
final class ThrottledRunner implements CollectorSet.Runner {
    private final CollectorThrottle throttle;

    ThrottledRunner(CollectorThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public void run(String name, Collector collector, MetricSink sink) throws Exception {
        throttle.collect(name, sink, collector::collect);
    }
}
