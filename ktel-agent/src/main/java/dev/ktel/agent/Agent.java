package dev.ktel.agent;

import dev.ktel.agent.events.EventMetrics;
import dev.ktel.agent.events.EventRing;
import dev.ktel.agent.events.EventsHandler;
import dev.ktel.agent.forward.ForwardLoop;
import dev.ktel.agent.metrics.MetricSource;
import dev.ktel.agent.metrics.MetricsHandler;
import dev.ktel.agent.metrics.SelfMetrics;
import dev.ktel.collectors.CollectorRegistry;
import dev.ktel.collectors.CollectorSet;
import dev.ktel.collectors.cgroup.CorrelationKeyResolver;
import dev.ktel.collectors.kmsg.KmsgSource;
import dev.ktel.collectors.kmsg.NativeKmsgDevice;
import dev.ktel.core.event.EventSink;
import dev.ktel.core.http.HttpServer;
import dev.ktel.forward.agent.Forwarder;
import dev.ktel.forward.agent.ForwarderOptions;
import dev.ktel.pipeline.Pipeline;
import dev.ktel.pipeline.fidelity.ProcSelfCpuTime;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ktel agent: host collectors behind /metrics, kernel events behind /api/ktel/v1/events, its own
 * health. Loads no store or query code. Start with {@link #start()}, stop with {@link #close()} (also on
 * SIGTERM through the CLI's shutdown hook).
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    private final AgentSettings settings;
    private final String version;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private CollectorSet collectors;
    private HttpServer http;
    private MetricsHandler metrics;
    private final EventRing events = new EventRing();
    private KmsgSource kmsg;
    private final List<MetricSource> extraSources = new ArrayList<>();
    private ForwarderOptions forwardOptions;
    private volatile Forwarder forwarder;
    private final List<EventSink> extraEventSinks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Pipeline pipeline;
    private EventSink pipelinedEvents;
    private List<MetricSource> localSources = List.of();
    private dev.ktel.agent.metrics.PipelinedCollection localCollection;

    public Agent(AgentSettings settings, String version) {
        this.settings = settings;
        this.version = version;
    }

    /** Also sends every collection (each --interval) and every event to a server; call before {@link #start()}. */
    public Agent forwardTo(ForwarderOptions options) {
        this.forwardOptions = options;
        return this;
    }

    public Agent start() throws IOException {
        Files.createDirectories(settings.dataDir());
        collectors = CollectorSet.create(CollectorRegistry.discover(), settings.collectors(), settings.paths());
        closeables.add(collectors);
        pipeline = new Pipeline(settings.pipeline(), new ProcSelfCpuTime(), System::nanoTime, System.nanoTime());
        kmsg = settings.kmsg() ? startKmsg() : null;
        reportPstore();
        List<MetricSource> sources = new ArrayList<>();
        sources.add(new SelfMetrics(version, BuildInfo.revision()));
        sources.add(new EventMetrics(events, kmsg)::write);
        sources.addAll(extraSources);
        sources.add(pipeline::writeMetrics);
        if (forwardOptions != null) {
            Forwarder f = new Forwarder(forwardOptions).start();
            closeables.add(f);
            sources.add(f.metrics()::write);
            closeables.add(new ForwardLoop(f, collectors, List.copyOf(sources), settings.interval(), pipeline).start());
            forwarder = f;
            LOG.info("forwarding to {} (agent id {}, buffer {})", forwardOptions.endpoint(), f.agentId(),
                    forwardOptions.bufferDir());
        }
        metrics = new MetricsHandler(collectors, sources, pipeline);
        localSources = List.copyOf(sources);
        if (settings.pipeline().fidelity().enabled()) {
            closeables.add(FidelityLoop.start(pipeline.fidelity()));
        }
        http = new HttpServer(settings.listen())
                .onError(t -> LOG.warn("http: {}", t.toString()))
                .route("/metrics", metrics)
                .route(EventsHandler.PATH, new EventsHandler(events))
                .route("/", new LandingPage(settings, collectors, version))
                .route("/-/healthy", (req, res) -> res.text(200, "ktel is Healthy.\n"))
                .route("/-/ready", (req, res) -> res.text(200, "ktel is Ready.\n"));
        if ("run".equals(settings.role())) {
            http.concurrentHandlers(); // the server's query and ingest routes join this endpoint
        }
        http.start();
        closeables.add(http);
        LOG.info("role={} collectors={} unavailable={} procfs={} sysfs={} rootfs={} data-dir={}", settings.role(),
                collectors.active().stream().map(CollectorSet.Active::name).toList(),
                collectors.unavailable().stream().map(CollectorSet.Unavailable::name).toList(),
                settings.paths().procfs(), settings.paths().sysfs(), settings.paths().rootfs(), settings.dataDir());
        return this;
    }

    /**
     * The postmortem of a crashed previous boot: dumps the kernel left in pstore become panic/oops events (once
     * each; the state file remembers what was reported).
     */
    private void reportPstore() {
        var reader = new dev.ktel.collectors.kmsg.PstoreReader(settings.paths().sys("fs/pstore"),
                settings.dataDir().resolve("pstore.state"));
        try {
            int n = reader.report(settings.hostId(), pipelinedEvents());
            if (n > 0) {
                LOG.warn("pstore: {} crash dump(s) of a previous boot reported as events (see /api/ktel/v1/events)", n);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("pstore: crash dumps unreadable: {}", e.toString());
        }
    }

    /**
     * Starts reading /dev/kmsg into the event ring, resuming after the position saved in the data dir.
     * Without the device or the privilege (CAP_SYSLOG when dmesg_restrict=1) the agent runs without kernel
     * events and says why.
     */
    private KmsgSource startKmsg() {
        CorrelationKeyResolver keys = new CorrelationKeyResolver();
        KmsgSource source = new KmsgSource(() -> NativeKmsgDevice.open(KmsgSource.DEV_KMSG),
                settings.dataDir().resolve("kmsg.state"), settings.paths().proc("sys/kernel/random/boot_id"),
                settings.hostId(), pipelinedEvents(), KmsgSource.DEFAULT_INTERVAL_MS, keys::resolve,
                NativeKmsgDevice::bootEpochNanos);
        try {
            source.start();
            closeables.add(source);
            return source;
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.warn("kmsg: kernel events unavailable: {} (needs read access to /dev/kmsg; see ktel doctor)",
                    e.getMessage());
            try {
                source.close();
            } catch (IOException ignored) {
                // nothing was opened that could lose data
            }
            return null;
        }
    }

    /**
     * Adds families to /metrics (e.g. the server's store self-metrics when agent and server share a process). Call
     * before {@link #start()}.
     */
    public Agent addMetricSource(MetricSource source) {
        if (metrics != null) {
            throw new IllegalStateException("metric sources are fixed once the agent has started");
        }
        extraSources.add(source);
        return this;
    }

    /** Also hands every event to {@code sink} (e.g. the server's event store when both share a process). */
    public Agent addEventSink(EventSink sink) {
        extraEventSinks.add(sink);
        return this;
    }

    /** The pipeline's event stages (sampling, masking) in front of {@link #eventSink()}; built once. */
    private EventSink pipelinedEvents() {
        if (pipelinedEvents == null) {
            pipelinedEvents = pipeline.events(eventSink());
        }
        return pipelinedEvents;
    }

    /** Events go to the ring (the events API), to added sinks and, once forwarding has started, to the forwarder. */
    private EventSink eventSink() {
        return e -> {
            events.accept(e);
            for (EventSink s : extraEventSinks) {
                s.accept(e);
            }
            Forwarder f = forwarder;
            if (f != null) {
                f.offer(e);
            }
        };
    }

    /** The edge pipeline (stages between collectors/sources and what leaves the agent). */
    public Pipeline pipeline() {
        return pipeline;
    }

    /**
     * A collection through the edge pipeline into {@code sink} (collectors, then every self-metric source), for
     * consumers in the agent's process such as the local store of {@code ktel run}. Call after {@link #start()}.
     */
    public synchronized void collectInto(dev.ktel.core.metric.MetricSink sink) {
        if (localCollection == null) {
            localCollection = new dev.ktel.agent.metrics.PipelinedCollection(collectors, localSources, pipeline);
        }
        localCollection.collectInto(sink);
    }

    public EventRing events() {
        return events;
    }

    /** Base URL, e.g. http://127.0.0.1:9977 (with the actual port when 0 was asked for). */
    public String baseUrl() {
        String host = settings.listen().getHostString();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + http.port();
    }

    public CollectorSet collectors() {
        return collectors;
    }

    public MetricsHandler metrics() {
        return metrics;
    }

    public HttpServer http() {
        return http;
    }

    public AgentSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                LOG.warn("close failed: {}", e.toString());
            }
        }
        closeables.clear();
    }
}
