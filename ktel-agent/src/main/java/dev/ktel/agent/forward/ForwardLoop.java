package dev.ktel.agent.forward;

import dev.ktel.agent.metrics.MetricSource;
import dev.ktel.agent.metrics.PipelinedCollection;
import dev.ktel.pipeline.Pipeline;
import dev.ktel.collectors.CollectorSet;
import dev.ktel.forward.agent.Forwarder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Collects every interval (collectors plus self-metric sources, through the edge pipeline) into the forwarder. */
public final class ForwardLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ForwardLoop.class);

    private final Forwarder forwarder;
    private final PipelinedCollection collection;
    private final Duration interval;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("forward-collect").daemon(true).unstarted(r));

    public ForwardLoop(Forwarder forwarder, CollectorSet collectors, List<MetricSource> sources, Duration interval,
            Pipeline pipeline) {
        this.forwarder = forwarder;
        this.collection = new PipelinedCollection(collectors, sources, pipeline);
        this.interval = interval;
    }

    public ForwardLoop start() {
        timer.scheduleAtFixedRate(this::collectOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void collectOnce() {
        try {
            forwarder.collect(collection::collectInto);
        } catch (RuntimeException e) {
            LOG.warn("forward: collection failed: {}", e.toString()); // next interval tries again
        }
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
