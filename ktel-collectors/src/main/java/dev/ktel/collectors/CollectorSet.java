package dev.ktel.collectors;

import dev.ktel.core.io.HostPaths;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enabled collectors of one agent, run in sequence on each collection. A collector that throws is rolled
 * back (its partial output dropped), logged, and reported with {@code node_scrape_collector_success 0}; the
 * others are unaffected. After the collectors it writes the per-collector self-metrics under
 * node_exporter's names. Collections are serialised: one at a time.
 */
public final class CollectorSet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CollectorSet.class);

    private static final MetricFamily DURATION = MetricFamily.gauge("node_scrape_collector_duration_seconds",
            "node_exporter: Duration of a collector scrape.", "collector");
    private static final MetricFamily SUCCESS = MetricFamily.gauge("node_scrape_collector_success",
            "node_exporter: Whether a collector succeeded.", "collector");
    private static final MetricFamily PARSE_ERRORS = MetricFamily.counter("ktel_collector_parse_errors_total",
            "Malformed or unexpected lines in kernel files, skipped by the collector that read them.", "collector");
    private static final MetricFamily UNAVAILABLE = MetricFamily.gauge("ktel_collector_unavailable",
            "Collectors enabled but unavailable on this host, with the reason (value is always 1).",
            "collector", "reason");

    /** A collector that runs. */
    public record Active(String name, Collector collector, CountingParseErrors errors) {
    }

    /** A collector that was asked for (or on by default) but cannot run here. */
    public record Unavailable(String name, String reason) {
    }

    private final List<Active> active;
    private final List<Unavailable> unavailable;
    private final double[] durations;
    private final boolean[] success;
    private final String[] lastError;

    private CollectorSet(List<Active> active, List<Unavailable> unavailable) {
        this.active = List.copyOf(active);
        this.unavailable = List.copyOf(unavailable);
        this.durations = new double[active.size()];
        this.success = new boolean[active.size()];
        this.lastError = new String[active.size()];
    }

    /** Creates every enabled collector; configuration errors (bad regex option) fail here, at start-up. */
    public static CollectorSet create(CollectorRegistry registry, CollectorSelection selection, HostPaths paths) {
        List<Active> active = new ArrayList<>();
        List<Unavailable> unavailable = new ArrayList<>();
        for (String name : selection.enabled().keySet()) {
            if (registry.find(name).isEmpty()) {
                throw new IllegalArgumentException("unknown collector \"" + name + "\"; known: "
                        + registry.factories().stream().map(CollectorFactory::name).toList());
            }
        }
        for (CollectorFactory f : registry.factories()) {
            if (!selection.isEnabled(f)) {
                continue;
            }
            Map<String, String> options = selection.optionsOf(f.name());
            for (String key : options.keySet()) {
                if (f.options().stream().noneMatch(o -> o.name().equals(key))) {
                    throw new IllegalArgumentException("collector." + f.name() + "." + key + ": unknown option; known: "
                            + f.options().stream().map(CollectorOption::name).toList());
                }
            }
            CountingParseErrors errors = new CountingParseErrors(f.name());
            try {
                Collector c = f.create(new CollectorContext(f.name(), paths, options, errors));
                active.add(new Active(f.name(), c, errors));
            } catch (CollectorUnavailableException e) {
                LOG.info("collector={} unavailable: {}", f.name(), e.getMessage());
                unavailable.add(new Unavailable(f.name(), e.getMessage()));
            }
        }
        return new CollectorSet(active, unavailable);
    }

    public List<Active> active() {
        return active;
    }

    public List<Unavailable> unavailable() {
        return unavailable;
    }

    /** How one collector is run into a sink; the agent's adaptive fidelity may skip low-priority ones. */
    @FunctionalInterface
    public interface Runner {
        void run(String name, Collector collector, MetricSink sink) throws Exception;
    }

    private static final Runner DIRECT = (name, collector, sink) -> collector.collect(sink);

    /** Runs every collector into {@code sink}, then writes the collector self-metrics. */
    public void collect(MetricSink sink) {
        collect(sink, DIRECT);
    }

    /** As {@link #collect(MetricSink)}, each collector run through {@code runner}. */
    public synchronized void collect(MetricSink sink, Runner runner) {
        for (int i = 0; i < active.size(); i++) {
            Active a = active.get(i);
            sink.checkpoint();
            long t0 = System.nanoTime();
            try {
                runner.run(a.name(), a.collector(), sink);
                success[i] = true;
            } catch (Exception | LinkageError e) {
                sink.rollback();
                success[i] = false;
                String msg = String.valueOf(e.getMessage());
                if (!msg.equals(lastError[i])) {
                    LOG.error("collector={} failed: {}", a.name(), e.toString());
                    lastError[i] = msg;
                }
            }
            durations[i] = (System.nanoTime() - t0) / 1e9;
        }
        writeSelfMetrics(sink);
    }

    private void writeSelfMetrics(MetricSink sink) {
        sink.family(DURATION);
        for (int i = 0; i < active.size(); i++) {
            sink.sample(active.get(i).name(), durations[i]);
        }
        sink.family(SUCCESS);
        for (int i = 0; i < active.size(); i++) {
            sink.sample(active.get(i).name(), success[i] ? 1 : 0);
        }
        // indexed loops: an iterator per scrape is the only allocation this path would make
        sink.family(PARSE_ERRORS);
        for (int i = 0; i < active.size(); i++) {
            Active a = active.get(i);
            sink.sample(a.name(), a.errors().count());
        }
        if (!unavailable.isEmpty()) {
            sink.family(UNAVAILABLE);
            for (int i = 0; i < unavailable.size(); i++) {
                Unavailable u = unavailable.get(i);
                sink.sample(u.name(), u.reason(), 1);
            }
        }
    }

    @Override
    public void close() {
        for (Active a : active) {
            try {
                a.collector().close();
            } catch (RuntimeException e) {
                LOG.warn("collector={} close failed: {}", a.name(), e.toString());
            }
        }
    }
}
