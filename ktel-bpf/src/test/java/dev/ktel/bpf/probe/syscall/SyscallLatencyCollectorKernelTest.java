package dev.ktel.bpf.probe.syscall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.bpf.KernelAssumptions;
import dev.ktel.bpf.ProbeSelfCollector;
import dev.ktel.bpf.Syscalls;
import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.metric.RecordedSample;
import dev.ktel.core.metric.SampleRecorder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real kernel: attach, make N getppid syscalls, the "process" group's count rises by at least N. */
@Tag("bpf")
class SyscallLatencyCollectorKernelTest {
    private static final int N = 20_000;
    private static final int SLEEPS = 5;

    @BeforeEach
    void needsKernel() {
        KernelAssumptions.assumeBpf(SyscallLatencyProbe.OBJECT);
    }

    @ParameterizedTest
    @EnumSource(SyscallLatencyProbe.Hook.class)
    void countsGetppidInTheProcessGroup(SyscallLatencyProbe.Hook hook) throws Exception {
        CollectorContext ctx = CollectorContext.forTest("ebpf_syscall", HostPaths.host());
        try (Collector c = SyscallLatencyCollector.Factory.create(ctx, hook, true, 1,
                Path.of("/sys/kernel/btf/vmlinux"), Path.of("/proc/self/status"), getClass().getClassLoader())) {
            assertThat(((SyscallLatencyCollector) c).kernelProbe().hook()).isEqualTo(hook);
            double before = count(collect(c), "process");
            for (int i = 0; i < N; i++) {
                Syscalls.getppid();
            }
            SampleRecorder after = collect(c);
            assertThat(count(after, "process") - before).isGreaterThanOrEqualTo(N);
            assertThat(((SyscallLatencyCollector) c).kernelProbe().lastSnapshotEntries())
                    .as("all histograms read in one batch call").isGreaterThanOrEqualTo(SyscallLatencyProbe.GROUPS);
            assertThat(after.value("ktel_bpf_program_attached", "probe", "syscall_latency")).contains(1.0);
            assertThat(after.value("ktel_bpf_probe_errors_total", "probe", "syscall_latency")).contains(0.0);
            assertThat(after.value("ktel_probe_up", "probe", "syscall_latency")).contains(1.0);
            assertThat(after.value("ktel_probe_errors_total", "probe", "syscall_latency", "stage", "read")).contains(0.0);
            if (hook == SyscallLatencyProbe.Hook.RAW_TP_PCPU) {
                assertThat(after.value("ktel_bpf_map_max_entries", "probe", "syscall_latency", "map", "syscall_parked")).contains(16384.0);
                assertThat(after.value("ktel_bpf_map_fill_ratio", "map", "syscall_parked").orElseThrow()).isBetween(0.0, 1.0);
            }
            assertThat(after.value("ktel_bpf_program_runs_total", "program", hook.enter).orElseThrow())
                    .isGreaterThanOrEqualTo(N);
            // every group has the full bucket set, cumulative and ending at le=~34 s
            for (String group : SyscallGroups.NAMES) {
                List<RecordedSample> buckets = after.samples("ktel_syscall_latency_seconds_bucket").stream()
                        .filter(s -> s.labels().get("group").equals(group)).toList();
                assertThat(buckets).hasSize(SyscallLatencyCollector.MAX_SLOT - SyscallLatencyCollector.MIN_SLOT + 2);
                for (int i = 1; i < buckets.size(); i++) {
                    assertThat(buckets.get(i).value()).isGreaterThanOrEqualTo(buckets.get(i - 1).value());
                }
                assertThat(buckets.getLast().labels().get("le")).isEqualTo("+Inf");
            }
            assertThat(after.value("ktel_syscall_latency_seconds_sum", "group", "process").orElseThrow()).isPositive();

            // blocking syscalls: the task is switched out inside them (the pcpu hook's spill path)
            double slowBefore = atLeast(after, "time", 0.001);
            for (int i = 0; i < SLEEPS; i++) {
                assertThat(Syscalls.nanosleep(2_000_000)).as("nanosleep result").isZero();
            }
            assertThat(atLeast(collect(c), "time", 0.001) - slowBefore).isGreaterThanOrEqualTo(SLEEPS);
        }
    }

    @Test
    void sampledCountsAreScaledAndTheRatioExported() throws Exception {
        CollectorContext ctx = CollectorContext.forTest("ebpf_syscall", HostPaths.host());
        try (Collector c = SyscallLatencyCollector.Factory.create(ctx, SyscallLatencyProbe.Hook.RAW_TP_PCPU, false, 8,
                Path.of("/sys/kernel/btf/vmlinux"), Path.of("/proc/self/status"), getClass().getClassLoader())) {
            double before = count(collect(c), "process");
            for (int i = 0; i < N; i++) {
                Syscalls.getppid();
            }
            SampleRecorder after = collect(c);
            // 1 in 8 timed, scaled by 8: N/8 = 2500 expected samples, so 0.8 N is > 8 standard deviations away
            assertThat(count(after, "process") - before).isGreaterThanOrEqualTo(0.8 * N);
            assertThat(dev.ktel.core.metric.SamplingRatios.snapshot()).containsEntry("ebpf_syscall", 0.125);
        }
    }

    /** Observations above the largest bound below {@code seconds}: _count minus that bucket. */
    private static double atLeast(SampleRecorder r, String group, double seconds) {
        double below = 0;
        for (RecordedSample s : r.samples("ktel_syscall_latency_seconds_bucket")) {
            String le = s.labels().get("le");
            if (s.labels().get("group").equals(group) && !le.equals("+Inf") && Double.parseDouble(le) < seconds) {
                below = Math.max(below, s.value());
            }
        }
        return count(r, group) - below;
    }

    private static SampleRecorder collect(Collector c) throws Exception {
        SampleRecorder r = new SampleRecorder();
        c.collect(r);
        new ProbeSelfCollector().collect(r); // ktel_probe_up etc. for all probes
        return r;
    }

    private static double count(SampleRecorder r, String group) {
        return r.value("ktel_syscall_latency_seconds_count", "group", group).orElseThrow();
    }
}
