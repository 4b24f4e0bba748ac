package dev.ktel.collectors.proc.stat;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorOption;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.collectors.PseudoFile;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.text.ParseErrors;
import java.util.List;

/**
 * System-wide counters of /proc/stat, as node_exporter's stat collector: boot time, context switches, forks,
 * interrupts, running and blocked processes, and with option {@code softirq} the per-vector softirq counts.
 */
public final class StatCollector implements Collector {
    static final MetricFamily INTR = MetricFamily.counter("node_intr_total",
            "Total number of interrupts serviced.");
    static final MetricFamily CONTEXT_SWITCHES = MetricFamily.counter("node_context_switches_total",
            "Total number of context switches.");
    static final MetricFamily FORKS = MetricFamily.counter("node_forks_total", "Total number of forks.");
    static final MetricFamily BOOT_TIME = MetricFamily.gauge("node_boot_time_seconds",
            "Node boot time, in unixtime.");
    static final MetricFamily PROCS_RUNNING = MetricFamily.gauge("node_procs_running",
            "Number of processes in runnable state.");
    static final MetricFamily PROCS_BLOCKED = MetricFamily.gauge("node_procs_blocked",
            "Number of processes blocked waiting for I/O to complete.");
    static final MetricFamily SOFTIRQS = MetricFamily.counter("node_softirqs_total",
            "Number of softirq calls.", "vector");

    private final PseudoFile file;
    private final ParseErrors errors;
    private final boolean softirq;
    private final KernelStatParser parser = new KernelStatParser();
    private final KernelStat stat = new KernelStat();

    StatCollector(PseudoFile file, ParseErrors errors, boolean softirq) {
        this.file = file;
        this.errors = errors;
        this.softirq = softirq;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        int n = file.read();
        parser.parse(file.name(), file.bytes(), n, stat, errors);
        if (stat.bootTime < 0 && stat.contextSwitches < 0 && stat.intr < 0) {
            throw new IllegalStateException(file.name() + ": no btime, ctxt or intr line");
        }
        write(sink, INTR, stat.intr);
        write(sink, CONTEXT_SWITCHES, stat.contextSwitches);
        write(sink, FORKS, stat.forks);
        write(sink, BOOT_TIME, stat.bootTime);
        write(sink, PROCS_RUNNING, stat.procsRunning);
        write(sink, PROCS_BLOCKED, stat.procsBlocked);
        if (softirq && stat.softirqVectors > 0) {
            sink.family(SOFTIRQS);
            for (int i = 0; i < stat.softirqVectors; i++) {
                sink.sample(KernelStat.SOFTIRQ_VECTORS[i], stat.softirq[i]);
            }
        }
    }

    private static void write(MetricSink sink, MetricFamily family, long value) {
        if (value >= 0) {
            sink.family(family);
            sink.sample(value);
        }
    }

    @Override
    public void close() {
        file.close();
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "stat";
        }

        @Override
        public String description() {
            return "Boot time, context switches, forks, interrupts and process states from /proc/stat.";
        }

        @Override
        public List<CollectorOption> options() {
            return List.of(new CollectorOption("softirq", "false",
                    "Export node_softirqs_total{vector} from the softirq line of /proc/stat."));
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            boolean softirq = ctx.booleanOption("softirq", false);
            return new StatCollector(new PseudoFile(ctx.requireFile(ctx.paths().proc("stat"), null)), ctx.errors(),
                    softirq);
        }
    }
}
