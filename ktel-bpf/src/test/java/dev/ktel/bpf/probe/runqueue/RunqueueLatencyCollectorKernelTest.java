package dev.ktel.bpf.probe.runqueue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.bpf.KernelAssumptions;
import dev.ktel.bpf.ProbeSelfCollector;
import dev.ktel.bpf.Syscalls;
import dev.ktel.bpf.probe.cgroup.CgroupHierarchy;
import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.metric.RecordedSample;
import dev.ktel.core.metric.SampleRecorder;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Real kernel: every wakeup of a sleeping thread is followed by a switch to it, so N sleeps add ≥ N waits. */
@Tag("bpf")
class RunqueueLatencyCollectorKernelTest {
    private static final int N = 200;

    @Test
    void countsTheWakeupsOfASleepingThread() throws Exception {
        KernelAssumptions.assumeBpf(RunqueueLatencyCollector.OBJECT);
        CollectorContext ctx = CollectorContext.forTest("ebpf_runqueue", HostPaths.host());
        CgroupHierarchy h = CgroupHierarchy.choose("auto", HostPaths.host());
        try (Collector c = RunqueueLatencyCollector.Factory.create(ctx, h, 30, Path.of("/sys/kernel/btf/vmlinux"),
                Path.of("/proc/self/status"), getClass().getClassLoader())) {
            assertThat(((RunqueueLatencyCollector) c).attached()).as(((RunqueueLatencyCollector) c).failures().toString()).isTrue();
            double before = total(collect(c));
            for (int i = 0; i < N; i++) {
                Syscalls.nanosleep(100_000);
            }
            SampleRecorder after = collect(c);
            assertThat(total(after) - before).isGreaterThanOrEqualTo(N);
            assertThat(after.value("ktel_probe_up", "probe", "runqueue_latency")).contains(1.0);
            assertThat(after.value("ktel_probe_errors_total", "probe", "runqueue_latency", "stage", "load")).contains(0.0);
            assertThat(after.value("ktel_runqueue_latency_seconds_count", "cgroup", "other")).isPresent();
        }
    }

    private static SampleRecorder collect(Collector c) throws Exception {
        SampleRecorder r = new SampleRecorder();
        c.collect(r);
        new ProbeSelfCollector().collect(r); // ktel_probe_up etc. for all probes
        return r;
    }

    private static double total(SampleRecorder r) {
        return r.samples("ktel_runqueue_latency_seconds_count").stream().mapToDouble(RecordedSample::value).sum();
    }
}
