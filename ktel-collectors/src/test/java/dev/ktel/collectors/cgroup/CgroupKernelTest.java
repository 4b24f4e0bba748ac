package dev.ktel.collectors.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ktel.collectors.testing.Collect;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.core.text.ParseErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Real-kernel tests: they create cgroups (as root) and remove them, and every process they start, when done. */
@Tag("kernel")
class CgroupKernelTest {

    private static CgroupLayout layout() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to create cgroups");
        assumeTrue(HostPaths.host().isLiveHost() && Files.isDirectory(Path.of("/sys/fs/cgroup")),
                "no /sys/fs/cgroup on this host");
        return CgroupLayout.detect(HostPaths.host(), ParseErrors.IGNORE);
    }

    private static SampleRecorder collect(String cgroupPath) throws Exception {
        return Collect.once(new CgroupCollector.Factory(), HostPaths.host(),
                Map.of("include", Pattern.quote(cgroupPath), "depth", "1"), ParseErrors.IGNORE);
    }

    private static boolean v2Has(CgroupLayout l, String controller) throws IOException {
        return l.unified() != null
                && Files.readString(l.unified().resolve("cgroup.controllers")).contains(controller)
                && Files.readString(l.unified().resolve("cgroup.subtree_control")).contains(controller);
    }

    @Test
    void cpuLimitedBusyLoopIsThrottled() throws Exception {
        CgroupLayout l = layout();
        String name = "ktel-test-throttle-" + ProcessHandle.current().pid();
        Path dir;
        if (l.v1("cpu") != null) {
            dir = l.v1("cpu").resolve(name);
        } else {
            assumeTrue(v2Has(l, "cpu"), "neither a v1 cpu hierarchy nor cpu enabled in the cgroup2 root");
            dir = l.unified().resolve(name);
        }
        Process busy = null;
        try {
            Files.createDirectory(dir);
            if (l.v1("cpu") != null) {
                Files.writeString(dir.resolve("cpu.cfs_period_us"), "100000");
                Files.writeString(dir.resolve("cpu.cfs_quota_us"), "10000");
            } else {
                Files.writeString(dir.resolve("cpu.max"), "10000 100000");
            }
            busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
            Files.writeString(dir.resolve("cgroup.procs"), Long.toString(busy.pid()));
            Thread.sleep(2000);
            SampleRecorder rec = collect("/" + name);
            assertThat(rec.value("container_cpu_cfs_throttled_periods_total", "id", "/" + name).orElseThrow())
                    .isPositive();
            assertThat(rec.value("container_cpu_cfs_throttled_seconds_total", "id", "/" + name).orElseThrow())
                    .isPositive();
            assertThat(rec.value("container_spec_cpu_quota", "id", "/" + name)).contains(10000.0);
        } finally {
            if (busy != null) {
                busy.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            removeCgroup(dir);
        }
    }

    @Test
    void memoryLimitedProcessIsOomKilledAndCounted() throws Exception {
        CgroupLayout l = layout();
        String name = "ktel-test-oom-" + ProcessHandle.current().pid();
        Path dir;
        if (l.v1("memory") != null) {
            dir = l.v1("memory").resolve(name);
        } else {
            assumeTrue(v2Has(l, "memory"), "neither a v1 memory hierarchy nor memory enabled in the cgroup2 root");
            dir = l.unified().resolve(name);
        }
        Process hog = null;
        try {
            Files.createDirectory(dir);
            if (l.v1("memory") != null) {
                Files.writeString(dir.resolve("memory.limit_in_bytes"), "33554432");
                if (Files.exists(dir.resolve("memory.memsw.limit_in_bytes"))) {
                    Files.writeString(dir.resolve("memory.memsw.limit_in_bytes"), "33554432"); // no swap escape
                }
            } else {
                Files.writeString(dir.resolve("memory.max"), "33554432");
                if (Files.exists(dir.resolve("memory.swap.max"))) {
                    Files.writeString(dir.resolve("memory.swap.max"), "0");
                }
            }
            double before = collect("/" + name).value("container_oom_events_total", "id", "/" + name).orElse(0.0);
            // the shell moves itself into the cgroup, then tail keeps a 200 MB line without newline in memory
            hog = new ProcessBuilder("sh", "-c", "echo $$ > " + dir.resolve("cgroup.procs")
                    + " && head -c 200000000 /dev/zero | tail").start();
            hog.getOutputStream().close();
            hog.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            assertThat(hog.waitFor(60, TimeUnit.SECONDS)).as("memory hog ended").isTrue();
            String stderr = new String(hog.getErrorStream().readAllBytes());
            SampleRecorder rec = collect("/" + name);
            assertThat(rec.value("container_oom_events_total", "id", "/" + name).orElseThrow())
                    .as("oom kills; hog exit %d, stderr %s", hog.exitValue(), stderr).isGreaterThan(before);
            assertThat(rec.value("ktel_cgroup_memory_events_total", "id", "/" + name, "event", "oom_kill")
                    .orElseThrow()).isGreaterThanOrEqualTo(1);
            assertThat(rec.value("container_spec_memory_limit_bytes", "id", "/" + name)).contains(33554432.0);
        } finally {
            if (hog != null) {
                hog.descendants().forEach(ProcessHandle::destroyForcibly);
                hog.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            removeCgroup(dir);
        }
    }

    /** rmdir, retried while the killed tasks leave the cgroup. */
    static void removeCgroup(Path dir) throws InterruptedException {
        for (int i = 0; i < 50 && Files.exists(dir); i++) {
            try {
                Files.delete(dir);
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        assertThat(dir).as("test cgroup removed").doesNotExist();
    }

    @Test
    void cgroupCreatedAfterStartAppearsAfterRediscoveryAndRemovedOneDisappearsAtOnce() throws Exception {
        CgroupLayout l = layout();
        Path parent = l.v1("memory") != null ? l.v1("memory") : l.unified();
        String name = "ktel-test-rediscover-" + ProcessHandle.current().pid();
        Path dir = parent.resolve(name);
        long[] now = {0};
        try (CgroupCollector c = (CgroupCollector) new CgroupCollector.Factory().create(
                new dev.ktel.collectors.CollectorContext("cgroup", HostPaths.host(),
                        Map.of("include", Pattern.quote("/" + name) + "|/", "depth", "1"), ParseErrors.THROW))) {
            c.nanoClock = () -> now[0];
            assertThat(ids(c)).containsExactly("/");
            Files.createDirectory(dir);
            assertThat(ids(c)).as("before the next walk").containsExactly("/");
            now[0] += 30_000_000_000L;
            SampleRecorder rec = CgroupCollectorTest.collect(c);
            assertThat(rec.samples("ktel_cgroup_info")).extracting(s -> s.label("id"))
                    .containsExactlyInAnyOrder("/", "/" + name);
            assertThat(rec.value("container_memory_usage_bytes", "id", "/" + name)).isPresent();
            removeCgroup(dir);
            // its kept files are gone: dropped in this very collection, no error reported (THROW)
            rec = CgroupCollectorTest.collect(c);
            assertThat(rec.samples("ktel_cgroup_info")).extracting(s -> s.label("id")).containsExactly("/");
            assertThat(rec.samples("container_memory_usage_bytes")).extracting(s -> s.label("id"))
                    .doesNotContain("/" + name);
            assertThat(ids(c)).containsExactly("/");
        } finally {
            removeCgroup(dir);
        }
    }

    private static java.util.List<String> ids(CgroupCollector c) throws IOException {
        return CgroupCollectorTest.collect(c).samples("ktel_cgroup_info").stream().map(s -> s.label("id")).toList();
    }
}
