package dev.ktel.agent.metrics;

import dev.ktel.core.io.ProcFile;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.text.TextScanner;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The agent's own health: build info, uptime (the agent-uptime SLI), process CPU, memory and file
 * descriptors under the client_golang/client_java names Prometheus users know, and JVM heap.
 */
public final class SelfMetrics implements MetricSource {
    private static final MetricFamily BUILD = MetricFamily.gauge("ktel_build_info",
            "A metric with a constant '1' value labeled by version, revision and Java version ktel runs on.",
            "version", "revision", "javaversion");
    private static final MetricFamily UPTIME = MetricFamily.gauge("ktel_agent_uptime_seconds",
            "Seconds since this ktel agent started (agent-uptime SLI).");
    private static final MetricFamily CPU = MetricFamily.counter("process_cpu_seconds_total",
            "Total user and system CPU time spent in seconds.");
    private static final MetricFamily RSS = MetricFamily.gauge("process_resident_memory_bytes",
            "Resident memory size in bytes.");
    private static final MetricFamily VSZ = MetricFamily.gauge("process_virtual_memory_bytes",
            "Virtual memory size in bytes.");
    private static final MetricFamily START = MetricFamily.gauge("process_start_time_seconds",
            "Start time of the process since unix epoch in seconds.");
    private static final MetricFamily FDS = MetricFamily.gauge("process_open_fds", "Number of open file descriptors.");
    private static final MetricFamily MAX_FDS = MetricFamily.gauge("process_max_fds",
            "Maximum number of open file descriptors.");
    private static final MetricFamily HEAP_USED = MetricFamily.gauge("jvm_memory_used_bytes",
            "Used bytes of a given JVM memory area.", "area");
    private static final MetricFamily HEAP_MAX = MetricFamily.gauge("jvm_memory_max_bytes",
            "Max (bytes) of a given JVM memory area.", "area");

    private static final double TICKS = 100.0; // USER_HZ on every Linux ABI the JDK supports
    private static final long PAGE = 4096;

    private final String version;
    private final String revision;
    private final long startNanos = System.nanoTime();
    private final double startTime;
    private final ProcFile stat;
    private final ProcFile statm;
    private final Path fdDir;
    private final TextScanner scanner = new TextScanner();
    private final long maxFds;

    public SelfMetrics(String version, String revision) {
        this.version = version;
        this.revision = revision;
        this.startTime = ProcessHandle.current().info().startInstant()
                .map(i -> i.toEpochMilli() / 1000.0).orElse(System.currentTimeMillis() / 1000.0);
        this.stat = new ProcFile(Path.of("/proc/self/stat"), 1024);
        this.statm = new ProcFile(Path.of("/proc/self/statm"), 256);
        this.fdDir = Path.of("/proc/self/fd");
        this.maxFds = readMaxFds();
    }

    @Override
    public void write(MetricSink sink) {
        sink.family(BUILD);
        sink.sample(version, revision, Runtime.version().toString(), 1);
        sink.family(UPTIME);
        sink.sample((System.nanoTime() - startNanos) / 1e9);
        try {
            int n = stat.read();
            // fields after "(comm)": comm may hold spaces, so start after the last ')'
            int close = lastIndexOf(stat.bytes(), n, (byte) ')');
            scanner.reset(stat.name(), stat.bytes(), n);
            scanner.nextLine();
            int first = 0;
            while (first < scanner.fieldCount() && scanner.start(first) <= close) {
                first++;
            }
            // first = field 3 (state); utime = field 14, stime = field 15
            long utime = scanner.unsigned(first + 11, "utime");
            long stime = scanner.unsigned(first + 12, "stime");
            sink.family(CPU);
            sink.sample((utime + stime) / TICKS);
            int m = statm.read();
            scanner.reset(statm.name(), statm.bytes(), m);
            scanner.nextLine();
            sink.family(VSZ);
            sink.sample(scanner.unsigned(0, "size") * PAGE);
            sink.family(RSS);
            sink.sample(scanner.unsigned(1, "resident") * PAGE);
        } catch (IOException e) {
            // /proc/self unreadable (exotic sandbox): leave process_* out rather than fail the scrape
        }
        sink.family(START);
        sink.sample(startTime);
        sink.family(FDS);
        sink.sample(countFds());
        if (maxFds > 0) {
            sink.family(MAX_FDS);
            sink.sample(maxFds);
        }
        Runtime rt = Runtime.getRuntime();
        sink.family(HEAP_USED);
        sink.sample("heap", rt.totalMemory() - rt.freeMemory());
        sink.family(HEAP_MAX);
        sink.sample("heap", rt.maxMemory());
    }

    /**
     * Since Linux 6.2 the size of /proc/PID/fd is the number of open descriptors: one stat instead of
     * listing (and the kernel building a dentry for) each of the ~200 descriptors the kept-open collector
     * files hold. Older kernels report 0 there, so the directory is listed.
     */
    private long countFds() {
        try {
            long size = Files.size(fdDir);
            if (size > 0) {
                return size;
            }
        } catch (IOException e) {
            return 0;
        }
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(fdDir)) {
            for (Path ignored : ds) {
                n++;
            }
        } catch (IOException e) {
            return 0;
        }
        return Math.max(0, n - 1); // minus the directory stream's own descriptor
    }

    private static long readMaxFds() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                    return f[0].equals("unlimited") ? -1 : Long.parseLong(f[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static int lastIndexOf(byte[] b, int n, byte c) {
        for (int i = n - 1; i >= 0; i--) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
