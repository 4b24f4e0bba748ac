package dev.ktel.collectors.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.testing.Collect;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.metric.RecordedSample;
import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.core.text.ParseErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupCollectorTest {
    private static final String CHILD = "/process_api/287c23fc1e3e8538a29fdbb421e75ce5";

    @Test
    void capturedHybridHostTakesEachSignalFromOneHierarchy() throws Exception {
        SampleRecorder rec = Collect.once(new CgroupCollector.Factory(), Collect.captured("debian12-linux6.18"));
        assertThat(rec.value("ktel_cgroup_layout_info", "mode", "hybrid")).contains(1.0);
        // cpuacct.usage 229191493498 ns, cpuacct.stat user 13073 ticks
        assertThat(rec.value("container_cpu_usage_seconds_total", "id", "/", "cpu", "total", "hierarchy",
                "v1:cpuacct")).contains(229.191493498);
        assertThat(rec.value("container_cpu_user_seconds_total", "id", "/")).contains(130.73);
        assertThat(rec.value("container_cpu_cfs_periods_total", "id", "/", "hierarchy", "v1:cpu")).contains(0.0);
        assertThat(rec.value("container_spec_cpu_period", "id", "/")).contains(100000.0);
        assertThat(rec.samples("container_spec_cpu_quota")).isEmpty();
        // usage 360620032 - total_inactive_file 140677120
        assertThat(rec.value("container_memory_working_set_bytes", "id", "/", "hierarchy", "v1:memory"))
                .contains(219942912.0);
        assertThat(rec.value("container_memory_rss", "id", "/")).contains(129871872.0);
        assertThat(rec.value("container_memory_cache", "id", "/")).contains(230162432.0);
        assertThat(rec.value("container_spec_memory_limit_bytes", "id", CHILD)).contains(0.0);
        assertThat(rec.value("container_oom_events_total", "id", "/")).contains(0.0);
        assertThat(rec.value("ktel_cgroup_memory_events_total", "id", "/", "event", "oom_kill")).contains(0.0);
        // PSI only from the cgroup2 tree; the child exists only in the v1 memory hierarchy
        assertThat(rec.value("container_pressure_cpu_waiting_seconds_total", "id", "/", "hierarchy", "v2"))
                .contains(40.769722);
        assertThat(rec.value("container_pressure_io_stalled_seconds_total", "id", "/")).contains(4.583726);
        assertThat(rec.samples("container_pressure_cpu_waiting_seconds_total"))
                .extracting(s -> s.label("id")).doesNotContain(CHILD);
        assertThat(rec.value("ktel_cgroup_info", "id", CHILD, "hierarchies", "v1:memory")).contains(1.0);
        for (RecordedSample s : rec.samples()) {
            if (s.name().startsWith("container_")) {
                assertThat(s.labels()).containsKeys("id", "name", "image", "container", "pod", "namespace",
                        "container_id", "hierarchy");
                assertThat(s.label("image")).isEmpty();
            }
        }
        assertThat(rec.value("ktel_cgroup_discovered")).contains(3.0);
    }

    @Test
    void maxCgroupsKeepsShallowestAndCountsDropped() throws Exception {
        SampleRecorder rec = Collect.once(new CgroupCollector.Factory(), Collect.captured("debian12-linux6.18"),
                Map.of("max-cgroups", "1"), ParseErrors.THROW);
        assertThat(rec.value("ktel_cgroup_discovered")).contains(1.0);
        assertThat(rec.value("ktel_cgroup_dropped")).contains(2.0);
        assertThat(rec.samples("ktel_cgroup_info")).extracting(s -> s.label("id")).containsExactly("/");
    }

    @Test
    void includeAndExcludeAreFullMatchesOnThePath() throws Exception {
        SampleRecorder rec = Collect.once(new CgroupCollector.Factory(), Collect.captured("debian12-linux6.18"),
                Map.of("include", "/process_api/.*"), ParseErrors.THROW);
        assertThat(rec.samples("ktel_cgroup_info")).extracting(s -> s.label("id")).containsExactly(CHILD);
        rec = Collect.once(new CgroupCollector.Factory(), Collect.captured("debian12-linux6.18"),
                Map.of("exclude", "/process_api.*"), ParseErrors.THROW);
        assertThat(rec.samples("ktel_cgroup_info")).extracting(s -> s.label("id")).containsExactly("/");
        rec = Collect.once(new CgroupCollector.Factory(), Collect.captured("debian12-linux6.18"),
                Map.of("depth", "0"), ParseErrors.THROW);
        assertThat(rec.samples("ktel_cgroup_info")).extracting(s -> s.label("id")).containsExactly("/");
    }

    @Test
    void nodeExporterTreeIsV1WithCoMountedCpuCpuacct() throws Exception {
        var tree = dev.ktel.collectors.testing.SharedFixtures.nodeExporter();
        CgroupLayout l = CgroupLayout.detect(tree, ParseErrors.THROW);
        assertThat(l.mode()).isEqualTo(CgroupLayout.Mode.V1);
        assertThat(l.v1("cpu")).isEqualTo(l.v1("cpuacct"));
        assertThat(l.v1("cpu").getFileName().toString()).isEqualTo("cpu,cpuacct");
        assertThat(l.unified()).isNull();
        SampleRecorder rec = Collect.once(new CgroupCollector.Factory(), tree);
        assertThat(rec.value("ktel_cgroup_layout_info", "mode", "v1")).contains(1.0);
    }

    @Test
    void newCgroupAppearsAfterTheRediscoverIntervalAndRemovedOneDisappears(@TempDir Path tmp) throws Exception {
        Path src = Path.of("src/test/resources/fixtures/debian12-linux6.18");
        try (Stream<Path> all = Files.walk(src)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path to = tmp.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        HostPaths paths = new HostPaths(tmp.resolve("proc"), tmp.resolve("sys"), tmp, tmp.resolve("run/udev/data"));
        Path memory = tmp.resolve("sys/fs/cgroup/memory");
        long[] now = {0};
        try (CgroupCollector c = (CgroupCollector) new CgroupCollector.Factory().create(new CollectorContext(
                "cgroup", paths, Map.of("rediscover-interval", "30s"), ParseErrors.THROW))) {
            c.nanoClock = () -> now[0];
            assertThat(ids(c)).containsExactlyInAnyOrder("/", "/process_api", CHILD);

            // a new cgroup: values of the known ones are read afresh, the new one waits for the next walk
            Path added = memory.resolve("added");
            Files.createDirectory(added);
            for (String f : new String[] {"memory.usage_in_bytes", "memory.limit_in_bytes", "memory.failcnt",
                "memory.stat", "memory.oom_control"}) {
                Files.copy(memory.resolve("process_api").resolve(f), added.resolve(f));
            }
            Files.writeString(memory.resolve("memory.usage_in_bytes"), "12345\n");
            now[0] += 29_000_000_000L;
            SampleRecorder rec = collect(c);
            assertThat(rec.samples("ktel_cgroup_info")).extracting(s -> s.label("id")).doesNotContain("/added");
            assertThat(rec.value("container_memory_usage_bytes", "id", "/")).contains(12345.0);
            now[0] += 1_000_000_000L;
            rec = collect(c);
            assertThat(rec.samples("ktel_cgroup_info")).extracting(s -> s.label("id")).contains("/added");
            assertThat(rec.value("container_memory_usage_bytes", "id", "/added")).isPresent();
            assertThat(rec.value("ktel_cgroup_discovered")).contains(4.0);

            // removed: gone at the next walk, without errors (ParseErrors.THROW would throw)
            try (Stream<Path> all = Files.walk(added)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            now[0] += 30_000_000_000L;
            rec = collect(c);
            assertThat(rec.samples("ktel_cgroup_info")).extracting(s -> s.label("id")).doesNotContain("/added");
            assertThat(rec.samples("container_memory_usage_bytes")).extracting(s -> s.label("id"))
                    .doesNotContain("/added");
            assertThat(rec.value("ktel_cgroup_discovered")).contains(3.0);
        }
    }

    @Test
    void rediscoverIntervalMustBeADuration() {
        assertThatThrownBy(() -> Collect.once(new CgroupCollector.Factory(), Collect.captured("debian12-linux6.18"),
                Map.of("rediscover-interval", "soon"), ParseErrors.THROW))
                .hasMessageContaining("collector.cgroup.rediscover-interval").hasMessageContaining("soon");
    }

    static SampleRecorder collect(CgroupCollector c) throws IOException {
        SampleRecorder rec = new SampleRecorder();
        c.collect(rec);
        return rec;
    }

    private static java.util.List<String> ids(CgroupCollector c) throws IOException {
        return collect(c).samples("ktel_cgroup_info").stream().map(s -> s.label("id")).toList();
    }
}
