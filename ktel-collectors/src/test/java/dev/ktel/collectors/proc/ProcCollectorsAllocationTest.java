package dev.ktel.collectors.proc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.proc.cpu.CpuCollector;
import dev.ktel.collectors.proc.entropy.EntropyCollector;
import dev.ktel.collectors.proc.filefd.FileFdCollector;
import dev.ktel.collectors.proc.interrupts.InterruptsCollector;
import dev.ktel.collectors.proc.meminfo.MeminfoCollector;
import dev.ktel.collectors.proc.pressure.PressureCollector;
import dev.ktel.collectors.proc.schedstat.SchedstatCollector;
import dev.ktel.collectors.proc.softirqs.SoftirqsCollector;
import dev.ktel.collectors.proc.stat.StatCollector;
import dev.ktel.collectors.proc.vmstat.VmstatCollector;
import dev.ktel.collectors.testing.Collect;
import dev.ktel.collectors.testing.SharedFixtures;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.text.ParseErrors;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Steady-state collection (read, parse, emit) of the /proc collectors allocates nothing. */
class ProcCollectorsAllocationTest {

    private static final MetricSink DISCARD = new MetricSink() {
        @Override
        public void family(MetricFamily family) {
        }

        @Override
        public void sample(double value) {
        }

        @Override
        public void sample(String labelValue, double value) {
        }

        @Override
        public void sample(String labelValue1, String labelValue2, double value) {
        }

        @Override
        public void sample(String labelValue1, String labelValue2, String labelValue3, double value) {
        }

        @Override
        public void sample(String[] labelValues, double value) {
        }

        @Override
        public void histogram(String[] labelValues, double[] upperBounds, long[] cumulativeCounts, long count,
                double sum) {
        }
    };

    private static CollectorFactory factory(String name) {
        return switch (name) {
            case "cpu" -> new CpuCollector.Factory();
            case "stat" -> new StatCollector.Factory();
            case "softirqs" -> new SoftirqsCollector.Factory();
            case "meminfo" -> new MeminfoCollector.Factory();
            case "vmstat" -> new VmstatCollector.Factory();
            case "pressure" -> new PressureCollector.Factory();
            case "schedstat" -> new SchedstatCollector.Factory();
            case "filefd" -> new FileFdCollector.Factory();
            case "entropy" -> new EntropyCollector.Factory();
            case "interrupts" -> new InterruptsCollector.Factory();
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "stat", "softirqs", "meminfo", "vmstat", "pressure", "filefd", "entropy",
        "interrupts"})
    void capturedFixture(String name) throws Exception {
        assertAllocationFree(name, Collect.captured("debian12-linux6.18"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"schedstat", "interrupts"})
    void nodeExporterFixture(String name) throws Exception {
        assertAllocationFree(name, SharedFixtures.nodeExporter());
    }

    private static void assertAllocationFree(String name, HostPaths paths) throws Exception {
        CollectorFactory f = factory(name);
        Map<String, String> options = name.equals("stat") ? Map.of("softirq", "true") : Map.of();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        try (Collector c = f.create(new CollectorContext(name, paths, options, ParseErrors.THROW))) {
            for (int i = 0; i < 3000; i++) {
                c.collect(DISCARD);
            }
            long min = Long.MAX_VALUE;
            // several rounds: a JIT or GC-triggered blip in one round must not fail the test
            for (int round = 0; round < 5 && min > 0; round++) {
                long before = threads.getThreadAllocatedBytes(tid);
                for (int i = 0; i < 200; i++) {
                    c.collect(DISCARD);
                }
                min = Math.min(min, threads.getThreadAllocatedBytes(tid) - before);
            }
            assertThat(min).as("bytes allocated by 200 collections of %s", name).isZero();
        }
    }
}
