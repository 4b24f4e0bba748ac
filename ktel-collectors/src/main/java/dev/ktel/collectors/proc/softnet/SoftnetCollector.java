package dev.ktel.collectors.proc.softnet;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.collectors.PseudoFile;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.text.ParseErrors;
import java.util.Arrays;

/**
 * Per-CPU packet processing from /proc/net/softnet_stat as node_exporter's {@code node_softnet_*{cpu}}.
 * {@code dropped_total} (backlog full) is part of the packet-drop SLI; {@code times_squeezed_total} shows
 * NAPI budget exhaustion.
 */
public final class SoftnetCollector implements Collector {
    static final MetricFamily PROCESSED = MetricFamily.counter("node_softnet_processed_total",
            "Number of processed packets", "cpu");
    static final MetricFamily DROPPED = MetricFamily.counter("node_softnet_dropped_total",
            "Number of dropped packets", "cpu");
    static final MetricFamily SQUEEZED = MetricFamily.counter("node_softnet_times_squeezed_total",
            "Number of times processing packets ran out of quota", "cpu");
    static final MetricFamily COLLISION = MetricFamily.counter("node_softnet_cpu_collision_total",
            "Number of collision occur while obtaining device lock while transmitting", "cpu");
    static final MetricFamily RPS = MetricFamily.counter("node_softnet_received_rps_total",
            "Number of times cpu woken up received_rps", "cpu");
    static final MetricFamily FLOW_LIMIT = MetricFamily.counter("node_softnet_flow_limit_count_total",
            "Number of times flow limit has been reached", "cpu");
    static final MetricFamily BACKLOG = MetricFamily.gauge("node_softnet_backlog_len",
            "Softnet backlog status", "cpu");

    private final PseudoFile file;
    private final ParseErrors errors;
    private final SoftnetParser parser = new SoftnetParser();
    private final SoftnetStats stats = new SoftnetStats();
    private String[] cpuNames = new String[0];

    SoftnetCollector(PseudoFile file, ParseErrors errors) {
        this.file = file;
        this.errors = errors;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        int n = file.read();
        parser.parse(file.name(), file.bytes(), n, stats, errors);
        emit(sink, PROCESSED, stats.processed);
        emit(sink, DROPPED, stats.dropped);
        emit(sink, SQUEEZED, stats.timeSqueezed);
        emit(sink, COLLISION, stats.cpuCollision);
        emit(sink, RPS, stats.receivedRps);
        emit(sink, FLOW_LIMIT, stats.flowLimitCount);
        emit(sink, BACKLOG, stats.backlogLen);
    }

    private void emit(MetricSink sink, MetricFamily family, long[] values) {
        sink.family(family);
        for (int i = 0; i < stats.count; i++) {
            sink.sample(cpuName(stats.cpu[i]), values[i]);
        }
    }

    private String cpuName(int cpu) {
        if (cpu < 0 || cpu > 1 << 16) {
            return Integer.toString(cpu);
        }
        if (cpu >= cpuNames.length) {
            cpuNames = Arrays.copyOf(cpuNames, Math.max(cpu + 1, cpuNames.length * 2));
        }
        String s = cpuNames[cpu];
        if (s == null) {
            s = Integer.toString(cpu);
            cpuNames[cpu] = s;
        }
        return s;
    }

    @Override
    public void close() {
        file.close();
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "softnet";
        }

        @Override
        public String description() {
            return "Per-CPU network packet processing and backlog drops from /proc/net/softnet_stat.";
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            return new SoftnetCollector(
                    PseudoFile.completeBelow(ctx.requireFile(ctx.paths().proc("net/softnet_stat"), null), 8192, 256),
                    ctx.errors());
        }
    }
}
