package dev.ktel.collectors.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.testing.SharedFixtures;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.core.text.ProcParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessCollectorTest {

    @Test
    void procfsCorpusTopNWithBrokenSchedstatReported() throws Exception {
        HostPaths paths = SharedFixtures.procfs();
        List<ProcParseException> errors = new ArrayList<>();
        SampleRecorder rec = new SampleRecorder();
        try (var c = new ProcessCollector.Factory().create(
                new CollectorContext("process", paths, Map.of("top", "20"), errors::add))) {
            c.collect(rec);
        }
        // 26231 (vim): utime 1677 + stime 44 ticks, rss 1981 pages, read_bytes 1024, schedstat wait 93680043 ns
        assertThat(rec.value("ktel_process_cpu_seconds_total", "pid", "26231", "comm", "vim")).contains(17.21);
        assertThat(rec.value("ktel_process_resident_memory_bytes", "pid", "26231")).contains(1981.0 * 4096);
        assertThat(rec.value("ktel_process_io_read_bytes_total", "pid", "26231")).contains(1024.0);
        assertThat(rec.value("ktel_process_io_write_bytes_total", "pid", "26231")).contains(2048.0);
        assertThat(rec.value("ktel_process_runqueue_wait_seconds_total", "pid", "26231")).contains(0.093680043);
        for (String f : List.of("ktel_process_cpu_seconds_total", "ktel_process_resident_memory_bytes")) {
            assertThat(rec.samples(f)).hasSizeLessThanOrEqualTo(21);
            assertThat(rec.value(f, "pid", "other", "comm", "other")).isPresent();
        }
        // 26233 has a broken schedstat but no stat: a process without stat is skipped, not an error
        assertThat(rec.samples()).noneMatch(s -> "26233".equals(s.label("pid")));
        assertThat(errors).isEmpty();
        assertThat(rec.value("ktel_processes_seen").orElseThrow()).isGreaterThanOrEqualTo(3.0);
    }

    @Test
    void liveProcOtherAccumulatesAndCmdlineLabelOnlyWhenAsked() throws Exception {
        HostPaths host = HostPaths.host();
        SampleRecorder rec = new SampleRecorder();
        try (var c = new ProcessCollector.Factory().create(
                new CollectorContext("process", host, Map.of("top", "3", "cmdline", "true"), e -> { }))) {
            c.collect(new SampleRecorder());
            Thread.sleep(200);
            c.collect(rec);
        }
        assertThat(rec.families().get("ktel_process_cpu_seconds_total").labelNames()).contains("cmdline");
        assertThat(rec.samples("ktel_process_resident_memory_bytes")).hasSizeBetween(2, 4);
        String self = Long.toString(ProcessHandle.current().pid());
        // this JVM is among the largest processes by RSS on a test host; its cgroup label is set
        rec.samples("ktel_process_resident_memory_bytes").stream().filter(s -> s.label("pid").equals(self))
                .forEach(s -> assertThat(s.label("cgroup")).startsWith("/"));
        assertThat(rec.value("ktel_process_cpu_seconds_total", "pid", "other").orElseThrow()).isPositive();
    }
}
