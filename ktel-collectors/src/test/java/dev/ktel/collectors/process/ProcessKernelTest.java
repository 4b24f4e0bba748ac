package dev.ktel.collectors.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ktel.collectors.testing.Collect;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.core.text.ParseErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Real-kernel test: 500 short-lived processes; all of them are ended when done. */
@Tag("kernel")
class ProcessKernelTest {

    @Test
    void fiveHundredProcessesStayBoundedWithTheRestInOther() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs a live /proc");
        Process spawner = new ProcessBuilder("sh", "-c", "for i in $(seq 500); do sleep 120 & done; wait").start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (spawner.descendants().count() < 500 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assumeTrue(spawner.descendants().count() >= 500, "could not start 500 processes (limits?)");
            SampleRecorder rec = Collect.once(new ProcessCollector.Factory(), HostPaths.host(), Map.of("top", "20"),
                    ParseErrors.IGNORE);
            for (String f : List.of("ktel_process_cpu_seconds_total", "ktel_process_resident_memory_bytes",
                    "ktel_process_io_read_bytes_total", "ktel_process_io_write_bytes_total",
                    "ktel_process_runqueue_wait_seconds_total")) {
                if (rec.families().containsKey(f)) {
                    assertThat(rec.samples(f)).as(f).hasSizeLessThanOrEqualTo(21);
                    assertThat(rec.value(f, "pid", "other")).as(f + " other").isPresent();
                }
            }
            assertThat(rec.value("ktel_processes_seen").orElseThrow()).isGreaterThanOrEqualTo(500);
            assertThat(rec.value("ktel_processes_other").orElseThrow()).isGreaterThanOrEqualTo(400);
            // the sleeps' RSS is in the other series
            assertThat(rec.value("ktel_process_resident_memory_bytes", "pid", "other").orElseThrow()).isPositive();
        } finally {
            spawner.descendants().forEach(ProcessHandle::destroyForcibly);
            spawner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void keptFilesFollowProcessesThatExitBetweenCollections() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs a live /proc");
        Process sleeper = new ProcessBuilder("sleep", "120").start();
        try (ProcessCollector c = (ProcessCollector) new ProcessCollector.Factory().create(
                new dev.ktel.collectors.CollectorContext("process", HostPaths.host(), Map.of("top", "5"),
                        ParseErrors.THROW))) {
            SampleRecorder first = new SampleRecorder();
            c.collect(first);
            sleeper.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            // its kept /proc/PID files now fail: skipped without an error, and a new process is picked up
            Process next = new ProcessBuilder("sleep", "120").start();
            try {
                SampleRecorder second = new SampleRecorder();
                c.collect(second);
                assertThat(second.value("ktel_processes_seen").orElseThrow()).isPositive();
                assertThat(second.value("ktel_process_resident_memory_bytes", "pid", String.valueOf(sleeper.pid())))
                        .isEmpty();
                SampleRecorder third = new SampleRecorder();
                c.collect(third);
                assertThat(third.value("ktel_processes_seen").orElseThrow())
                        .isCloseTo(second.value("ktel_processes_seen").orElseThrow(), org.assertj.core.data.Offset
                                .offset(20.0));
            } finally {
                next.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            sleeper.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
