package dev.ktel.bpf.probe.syscall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.bpf.KernelAssumptions;
import dev.ktel.bpf.Syscalls;
import dev.ktel.bpf.probe.cgroup.CgroupHierarchy;
import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.metric.SampleRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real kernel: the test thread moves into a fresh cgroup of the hierarchy the probe chose (v1 memory on a
 * hybrid host), makes N getppid calls and the series with that cgroup's path counts them.
 */
@Tag("bpf")
class SyscallLatencyCgroupKernelTest {
    private static final int N = 5_000;

    @Test
    void attributesSyscallsToTheTasksCgroup() throws Exception {
        KernelAssumptions.assumeBpf(SyscallLatencyProbe.OBJECT);
        CgroupHierarchy h = CgroupHierarchy.choose("auto", HostPaths.host());
        Assumptions.assumeTrue(h.root() != null, "no cgroup hierarchy mounted");
        Path mine = h.root().resolve("ktel-bpf-test-" + ProcessHandle.current().pid());
        String tid = Integer.toString(Syscalls.gettid());
        String home = homeOf(h, tid);
        Assumptions.assumeTrue(home != null, "thread's cgroup in " + h.option() + " not found in /proc/thread-self/cgroup");
        Files.createDirectory(mine);
        try {
            CollectorContext ctx = CollectorContext.forTest("ebpf_syscall", HostPaths.host());
            try (Collector c = SyscallLatencyCollector.Factory.create(ctx, SyscallLatencyProbe.Hook.RAW_TP_PCPU, false, 1,
                    h, 30, Path.of("/sys/kernel/btf/vmlinux"), Path.of("/proc/self/status"), getClass().getClassLoader())) {
                Files.writeString(mine.resolve(tasksFile(h)), tid);
                try {
                    for (int i = 0; i < N; i++) {
                        Syscalls.getppid();
                    }
                } finally {
                    Files.writeString(h.root().resolve(home.substring(1)).resolve(tasksFile(h)), tid);
                }
                SampleRecorder r = new SampleRecorder();
                c.collect(r);
                String path = "/" + mine.getFileName();
                assertThat(r.value("ktel_syscall_latency_seconds_count", "group", "process", "cgroup", path))
                        .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(N));
                assertThat(r.value("ktel_syscall_latency_seconds_count", "group", "process", "cgroup", "other")).isPresent();
            }
        } finally {
            Files.deleteIfExists(mine);
        }
    }

    private static String tasksFile(CgroupHierarchy h) {
        return h.code() == 1 ? "cgroup.threads" : "tasks";
    }

    /** The thread's current cgroup path in that hierarchy. */
    private static String homeOf(CgroupHierarchy h, String tid) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("/proc/self/task/" + tid + "/cgroup"));
        for (String l : lines) {
            String[] f = l.split(":", 3);
            boolean match = switch (h.option()) {
                case "v1-memory" -> List.of(f[1].split(",")).contains("memory");
                case "v1-cpu" -> List.of(f[1].split(",")).contains("cpu");
                default -> f[1].isEmpty();
            };
            if (match) {
                return f[2];
            }
        }
        return null;
    }
}
