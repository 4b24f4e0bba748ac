package dev.ktel.agent.events;

import static dev.ktel.agent.events.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.collectors.kmsg.KmsgDevice;
import dev.ktel.collectors.kmsg.KmsgSource;
import dev.ktel.core.event.Severity;
import dev.ktel.core.metric.MetricType;
import dev.ktel.core.metric.SampleRecorder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventMetricsTest {
    @TempDir
    Path dir;

    @Test
    void countsEventsByTypeAndSeverityAndKmsgSelfMetrics() throws Exception {
        EventRing ring = new EventRing(2);
        Deque<String> records = new ArrayDeque<>();
        records.add("6,1,1000,-;nf_conntrack: table full, dropping packet\n");
        records.add("6,5,2000,-;nf_conntrack: table full, dropping packet\n"); // 3 missed
        records.add("garbage\n");
        records.add("0,6,3000,-;RDSEED32 is broken. Disabling the corresponding CPUID bit.\n");
        KmsgDevice dev = new KmsgDevice() {
            @Override
            public int read(byte[] buf) {
                String r = records.poll();
                if (r == null) {
                    return EMPTY;
                }
                byte[] b = r.getBytes(StandardCharsets.UTF_8);
                System.arraycopy(b, 0, buf, 0, b.length);
                return b.length;
            }

            @Override
            public void close() {
            }
        };
        Files.writeString(dir.resolve("boot_id"), "b\n");
        KmsgSource src = new KmsgSource(() -> dev, dir.resolve("state"), dir.resolve("boot_id"), "n", ring, 1000,
                null, () -> 0L);
        src.open();
        src.pollOnce();
        src.close();
        ring.accept(event(1, "oom_kill", Severity.ERR));

        SampleRecorder rec = new SampleRecorder();
        new EventMetrics(ring, src).write(rec);
        assertThat(rec.families().get("ktel_kernel_events_total").type()).isEqualTo(MetricType.COUNTER);
        assertThat(rec.value("ktel_kernel_events_total", "type", "conntrack_full", "severity", "warning"))
                .contains(2.0);
        assertThat(rec.value("ktel_kernel_events_total", "type", "kmsg_missed", "severity", "warning")).contains(1.0);
        assertThat(rec.value("ktel_kernel_events_total", "type", "log", "severity", "emerg")).contains(1.0);
        assertThat(rec.value("ktel_kernel_events_total", "type", "oom_kill", "severity", "err")).contains(1.0);
        assertThat(rec.samples("ktel_kernel_events_total")).hasSize(4);
        assertThat(rec.value("ktel_events_ring_evicted_total")).contains(3.0);
        assertThat(rec.value("ktel_kmsg_records_total")).contains(3.0);
        assertThat(rec.value("ktel_kmsg_missed_records_total")).contains(3.0);
        assertThat(rec.value("ktel_kmsg_parse_errors_total")).contains(1.0);
    }

    @Test
    void withoutKmsgOnlyTheEventFamilies() {
        SampleRecorder rec = new SampleRecorder();
        new EventMetrics(new EventRing(), null).write(rec);
        assertThat(rec.families()).containsOnlyKeys("ktel_kernel_events_total", "ktel_events_ring_evicted_total");
        assertThat(rec.samples("ktel_kernel_events_total")).isEmpty();
    }
}
