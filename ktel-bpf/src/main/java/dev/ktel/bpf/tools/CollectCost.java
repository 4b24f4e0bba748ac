package dev.ktel.bpf.tools;

import dev.ktel.bpf.probe.syscall.SyscallLatencyCollector;
import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.text.ParseErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The agent-side cost of the eBPF collectors: creates them with their defaults, reads all their maps once a
 * second for {@code seconds} (default 60) into a sink that only counts samples, and prints the process CPU
 * time per read and the RSS. For bench/bpf-syscall-overhead.sh ({@code COST=1}) or by hand.
 */
public final class CollectCost {
    private CollectCost() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        CollectorContext ctx = new CollectorContext("ebpf_syscall", HostPaths.host(), Map.of(), ParseErrors.IGNORE);
        CountingSink sink = new CountingSink();
        try (Collector c = new SyscallLatencyCollector.Factory().create(ctx)) {
            for (int i = 0; i < 200; i++) {
                c.collect(sink); // warm-up: class loading and JIT are start-up cost, not per-read cost
            }
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long thread0 = threads.getCurrentThreadCpuTime();
            long cpu0 = cpuNanos();
            long samples0 = sink.samples;
            for (int i = 0; i < seconds; i++) {
                Thread.sleep(1000);
                c.collect(sink);
            }
            long cpu = cpuNanos() - cpu0;
            long thread = threads.getCurrentThreadCpuTime() - thread0;
            System.out.printf("bpf.collect.thread_cpu_per_read %.3f ms%n", thread / 1e6 / seconds);
            System.out.printf("bpf.collect.process_cpu_per_read %.3f ms%n", cpu / 1e6 / seconds);
            System.out.printf("bpf.collect.cpu_share %.4f %%core%n", 100.0 * cpu / (seconds * 1e9));
            System.out.printf("bpf.collect.samples_per_read %d samples%n", (sink.samples - samples0) / seconds);
            System.out.printf("bpf.collect.rss %.1f MiB%n", rssKb() / 1024.0);
        }
    }

    /** utime + stime of the whole process (all JVM threads), from /proc/self/stat, in ns. */
    private static long cpuNanos() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * 10_000_000L; // USER_HZ = 100
    }

    private static long rssKb() throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** Counts samples; histograms count as their buckets + _sum + _count. */
    private static final class CountingSink implements MetricSink {
        long samples;

        @Override
        public void family(MetricFamily family) {
        }

        @Override
        public void sample(double value) {
            samples++;
        }

        @Override
        public void sample(String labelValue, double value) {
            samples++;
        }

        @Override
        public void sample(String labelValue1, String labelValue2, double value) {
            samples++;
        }

        @Override
        public void sample(String labelValue1, String labelValue2, String labelValue3, double value) {
            samples++;
        }

        @Override
        public void sample(String[] labelValues, double value) {
            samples++;
        }

        @Override
        public void histogram(String[] labelValues, double[] upperBounds, long[] cumulativeCounts, long count, double sum) {
            samples += upperBounds.length + 3;
        }
    }
}
