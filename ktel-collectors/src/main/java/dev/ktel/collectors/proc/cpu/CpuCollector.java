package dev.ktel.collectors.proc.cpu;

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
 * Per-CPU time by mode from /proc/stat, as node_exporter's cpu collector (without its cpuinfo part):
 * {@code node_cpu_seconds_total{cpu,mode}} and {@code node_cpu_guest_seconds_total{cpu,mode}}. {@code steal}
 * is the time a hypervisor ran something else while this vCPU wanted to run.
 *
 * <p>Like node_exporter, exported counters never go backwards: the kernel's iowait (and, on some
 * virtualised kernels, idle) can decrease between reads, so a smaller value keeps the previous one; an idle
 * drop of 3 s or more is taken as a CPU hot-plug and restarts that CPU's counters.
 */
public final class CpuCollector implements Collector {
    /** USER_HZ: the unit of /proc/stat times, 100 on every architecture's user ABI. */
    static final double USER_HZ = 100.0;
    static final double JUMP_BACK_SECONDS = 3.0;

    static final MetricFamily SECONDS = MetricFamily.counter("node_cpu_seconds_total",
            "Seconds the CPUs spent in each mode.", "cpu", "mode");
    static final MetricFamily GUEST = MetricFamily.counter("node_cpu_guest_seconds_total",
            "Seconds the CPUs spent in guests (VMs) for each mode.", "cpu", "mode");

    /** Mode labels of the first eight columns. */
    private static final String[] MODES = {"user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"};

    private final PseudoFile file;
    private final ParseErrors errors;
    private final CpuStatParser parser = new CpuStatParser();
    private final CpuTimes times = new CpuTimes();
    /** Exported seconds per CPU row, kept monotonic across scrapes. */
    private String[] lastCpu = new String[0];
    private double[] exported = new double[0];

    CpuCollector(PseudoFile file, ParseErrors errors) {
        this.file = file;
        this.errors = errors;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        int n = file.read();
        parser.parse(file.name(), file.bytes(), n, times, errors);
        if (times.count == 0) {
            throw new IllegalStateException(file.name() + ": no per-CPU lines");
        }
        update();
        sink.family(SECONDS);
        for (int i = 0; i < times.count; i++) {
            int base = i * CpuTimes.COLUMNS;
            for (int m = 0; m < MODES.length; m++) {
                sink.sample(times.cpu[i], MODES[m], exported[base + m]);
            }
        }
        sink.family(GUEST);
        for (int i = 0; i < times.count; i++) {
            int base = i * CpuTimes.COLUMNS;
            sink.sample(times.cpu[i], "user", exported[base + CpuTimes.GUEST]);
            sink.sample(times.cpu[i], "nice", exported[base + CpuTimes.GUEST_NICE]);
        }
    }

    private void update() {
        int count = times.count;
        if (lastCpu.length < count) {
            lastCpu = Arrays.copyOf(lastCpu, count);
            exported = Arrays.copyOf(exported, count * CpuTimes.COLUMNS);
        }
        for (int i = 0; i < count; i++) {
            int base = i * CpuTimes.COLUMNS;
            // Rows are matched by CPU name: a CPU that went offline shifts the rows after it.
            boolean reset = !times.cpu[i].equals(lastCpu[i])
                    || exported[base + CpuTimes.IDLE] - times.ticks[base + CpuTimes.IDLE] / USER_HZ
                            >= JUMP_BACK_SECONDS;
            for (int c = 0; c < CpuTimes.COLUMNS; c++) {
                double v = times.ticks[base + c] / USER_HZ;
                if (reset || v >= exported[base + c]) {
                    exported[base + c] = v;
                }
            }
            lastCpu[i] = times.cpu[i];
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
            return "cpu";
        }

        @Override
        public String description() {
            return "Seconds each CPU spent per mode (incl. steal and guest) from /proc/stat.";
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            return new CpuCollector(new PseudoFile(ctx.requireFile(ctx.paths().proc("stat"), null)), ctx.errors());
        }
    }
}
