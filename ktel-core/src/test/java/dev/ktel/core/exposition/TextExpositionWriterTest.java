package dev.ktel.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.metric.MetricFamily;
import java.io.ByteArrayInputStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class TextExpositionWriterTest {
    private static final MetricFamily CPU = MetricFamily.counter("node_cpu_seconds_total",
            "Seconds the CPUs spent in each mode.", "cpu", "mode");
    private static final MetricFamily ENTRIES = MetricFamily.gauge("node_arp_entries", "ARP entries by device",
            "device");
    private static final MetricFamily ODD = MetricFamily.counter("odd_counter", "Help with \\ and\nnewline.", "v");
    private static final MetricFamily LAT = MetricFamily.histogram("ktel_syscall_latency_seconds", "Latency.",
            "group");

    private String write(ExpositionFormat format) {
        ByteBuf buf = new ByteBuf(16);
        TextExpositionWriter w = new TextExpositionWriter(buf);
        w.begin(format);
        w.family(CPU);
        w.sample("0", "idle", 1234.5);
        w.sample("0", "user", 7);
        w.family(ENTRIES);
        w.sample("eth0", 3);
        w.family(ODD);
        w.sample("quote\" back\\slash\nnewline ü", 1);
        w.family(LAT);
        w.histogram(new String[] {"file"}, new double[] {0.001, 0.002}, new long[] {3, 5}, 6, 0.25);
        w.finish();
        return buf.toString();
    }

    @Test
    void prometheusText() {
        assertThat(write(ExpositionFormat.PROMETHEUS_TEXT)).isEqualTo("""
                # HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.
                # TYPE node_cpu_seconds_total counter
                node_cpu_seconds_total{cpu="0",mode="idle"} 1234.5
                node_cpu_seconds_total{cpu="0",mode="user"} 7
                # HELP node_arp_entries ARP entries by device
                # TYPE node_arp_entries gauge
                node_arp_entries{device="eth0"} 3
                # HELP odd_counter Help with \\\\ and\\nnewline.
                # TYPE odd_counter counter
                odd_counter{v="quote\\" back\\\\slash\\nnewline ü"} 1
                # HELP ktel_syscall_latency_seconds Latency.
                # TYPE ktel_syscall_latency_seconds histogram
                ktel_syscall_latency_seconds_bucket{group="file",le="0.001"} 3
                ktel_syscall_latency_seconds_bucket{group="file",le="0.002"} 5
                ktel_syscall_latency_seconds_bucket{group="file",le="+Inf"} 6
                ktel_syscall_latency_seconds_sum{group="file"} 0.25
                ktel_syscall_latency_seconds_count{group="file"} 6
                """);
    }

    @Test
    void openMetricsAnnouncesCountersWithoutTotalAndEndsWithEof() {
        String om = write(ExpositionFormat.OPENMETRICS);
        assertThat(om).contains("# TYPE node_cpu_seconds counter\n")
                .contains("node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 1234.5\n")
                .contains("# TYPE odd_counter unknown\n")
                .endsWith("# EOF\n");
    }

    @Test
    void rollbackDropsPartialCollectorOutput() {
        ByteBuf buf = new ByteBuf(16);
        TextExpositionWriter w = new TextExpositionWriter(buf);
        w.begin(ExpositionFormat.PROMETHEUS_TEXT);
        w.family(ENTRIES);
        w.sample("lo", 1);
        w.checkpoint();
        w.family(CPU);
        w.sample("0", "idle", 1);
        w.rollback();
        assertThat(buf.toString()).doesNotContain("node_cpu").contains("node_arp_entries{device=\"lo\"} 1");
    }

    @Test
    void gzipRoundTrips() throws Exception {
        String text = write(ExpositionFormat.PROMETHEUS_TEXT).repeat(200);
        byte[] raw = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        GzipEncoder gz = new GzipEncoder();
        ByteBuf out = new ByteBuf(16);
        for (int i = 0; i < 3; i++) { // reuse must not corrupt
            gz.encode(raw, raw.length, out);
            byte[] zipped = java.util.Arrays.copyOf(out.array(), out.length());
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped))) {
                assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(text);
            }
            assertThat(out.length()).isLessThan(raw.length / 5);
        }
    }

    @Test
    void negotiatesOpenMetricsOnlyWhenPreferred() {
        assertThat(ExpositionFormat.negotiate(null)).isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
        assertThat(ExpositionFormat.negotiate("text/plain;version=0.0.4")).isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
        // what Prometheus 2.x sends
        assertThat(ExpositionFormat.negotiate("application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
                + "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1")).isEqualTo(ExpositionFormat.OPENMETRICS);
        assertThat(ExpositionFormat.negotiate("text/plain;q=1,application/openmetrics-text;q=0.5"))
                .isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
    }
}
