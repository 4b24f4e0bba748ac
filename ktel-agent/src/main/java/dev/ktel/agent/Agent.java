package dev.ktel.agent;

import dev.ktel.agent.metrics.MetricSource;
import dev.ktel.agent.metrics.MetricsHandler;
import dev.ktel.agent.metrics.SelfMetrics;
import dev.ktel.collectors.CollectorRegistry;
import dev.ktel.collectors.CollectorSet;
import dev.ktel.core.http.HttpServer;
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

    public Agent(AgentSettings settings, String version) {
        this.settings = settings;
        this.version = version;
    }

    public Agent start() throws IOException {
        Files.createDirectories(settings.dataDir());
        collectors = CollectorSet.create(CollectorRegistry.discover(), settings.collectors(), settings.paths());
        closeables.add(collectors);
        List<MetricSource> sources = new ArrayList<>();
        sources.add(new SelfMetrics(version, BuildInfo.revision()));
        metrics = new MetricsHandler(collectors, sources);
        http = new HttpServer(settings.listen())
                .onError(t -> LOG.warn("http: {}", t.toString()))
                .route("/metrics", metrics)
                .route("/", new LandingPage(settings, collectors, version))
                .route("/-/healthy", (req, res) -> res.text(200, "ktel is Healthy.\n"))
                .route("/-/ready", (req, res) -> res.text(200, "ktel is Ready.\n"));
        http.start();
        closeables.add(http);
        LOG.info("role={} collectors={} unavailable={} procfs={} sysfs={} rootfs={} data-dir={}", settings.role(),
                collectors.active().stream().map(CollectorSet.Active::name).toList(),
                collectors.unavailable().stream().map(CollectorSet.Unavailable::name).toList(),
                settings.paths().procfs(), settings.paths().sysfs(), settings.paths().rootfs(), settings.dataDir());
        return this;
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
