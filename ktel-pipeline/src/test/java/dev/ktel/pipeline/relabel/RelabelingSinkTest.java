package dev.ktel.pipeline.relabel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.exposition.ByteBuf;
import dev.ktel.core.exposition.ExpositionFormat;
import dev.ktel.core.exposition.TextExpositionWriter;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.SampleRecorder;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelabelingSinkTest {
    private static final MetricFamily CPU = MetricFamily.counter("node_cpu_seconds_total", "CPU.", "cpu", "mode");
    private static final MetricFamily FS = MetricFamily.gauge("node_filesystem_avail_bytes", "Avail.", "device",
            "mountpoint", "fstype");
    private static final MetricFamily LAT = MetricFamily.histogram("op_seconds", "Op latency.", "op");

    private static RelabelingSink sink(SampleRecorder rec, RelabelRule... rules) {
        return new RelabelingSink(new Relabeler(List.of(rules)), rec);
    }

    @Test
    void dropsRenamesAndRegroupsFamilies() {
        SampleRecorder rec = new SampleRecorder();
        RelabelingSink s = sink(rec,
                RelabelRule.builder().sourceLabels("mode").regex("idle|iowait").action("drop").build(),
                RelabelRule.builder().sourceLabels("fstype").regex("tmpfs").action("drop").build(),
                RelabelRule.builder().sourceLabels("__name__").regex("node_(.+)").targetLabel("__name__")
                        .replacement("host_$1").build(),
                RelabelRule.builder().regex("fstype").action("labeldrop").build());
        s.beginCollection();
        s.checkpoint();
        s.family(CPU);
        s.sample("0", "idle", 10);
        s.sample("0", "user", 5);
        s.sample("1", "system", 2);
        s.family(FS);
        s.sample(new String[] {"/dev/sda1", "/", "ext4"}, 100);
        s.sample(new String[] {"tmpfs", "/run", "tmpfs"}, 5);
        s.endCollection();
        assertThat(rec.families().keySet()).containsExactly("host_cpu_seconds_total", "host_filesystem_avail_bytes");
        assertThat(rec.families().get("host_filesystem_avail_bytes").labelNames()).containsExactly("device",
                "mountpoint");
        assertThat(rec.samples()).hasSize(3);
        assertThat(rec.value("host_cpu_seconds_total", "cpu", "1", "mode", "system")).contains(2.0);
        assertThat(s.dropped()).isEqualTo(2);
    }

    @Test
    void seriesWithDifferentResultingLabelsShareOneFamilyBlock() {
        ByteBuf buf = new ByteBuf(1024);
        TextExpositionWriter w = new TextExpositionWriter(buf);
        w.begin(ExpositionFormat.PROMETHEUS_TEXT);
        RelabelingSink s = new RelabelingSink(new Relabeler(List.of(RelabelRule.builder().sourceLabels("cpu")
                .regex("0").targetLabel("boot_cpu").replacement("yes").build())), w);
        s.beginCollection();
        s.family(CPU);
        s.sample("0", "user", 1);
        s.sample("1", "user", 2);
        s.endCollection();
        w.finish();
        assertThat(buf.toString()).isEqualTo("""
                # HELP node_cpu_seconds_total CPU.
                # TYPE node_cpu_seconds_total counter
                node_cpu_seconds_total{cpu="0",mode="user",boot_cpu="yes"} 1
                node_cpu_seconds_total{cpu="1",mode="user",boot_cpu=""} 2
                """);
    }

    @Test
    void histogramsAreRelabeledAsOneSeries() {
        SampleRecorder rec = new SampleRecorder();
        RelabelingSink s = sink(rec, RelabelRule.builder().sourceLabels("op").regex("(.*)").targetLabel("operation")
                .build(), RelabelRule.builder().regex("op").action("labeldrop").build());
        s.beginCollection();
        s.family(LAT);
        s.histogram(new String[] {"read"}, new double[] {0.1, 1}, new long[] {1, 2}, 3, 0.5);
        s.endCollection();
        assertThat(rec.value("op_seconds_bucket", "operation", "read", "le", "1.0")).contains(2.0);
        assertThat(rec.value("op_seconds_count", "operation", "read")).contains(3.0);
    }

    @Test
    void rollbackDiscardsTheFailedCollectorsBufferedFamily() {
        SampleRecorder rec = new SampleRecorder();
        RelabelingSink s = sink(rec, RelabelRule.builder().sourceLabels("mode").regex("x").action("drop").build());
        s.beginCollection();
        s.checkpoint();
        s.family(CPU);
        s.sample("0", "user", 1);
        s.checkpoint();
        s.family(FS);
        s.sample(new String[] {"a", "b", "c"}, 1);
        s.rollback();
        s.endCollection();
        assertThat(rec.families()).containsOnlyKeys("node_cpu_seconds_total");
    }

    @Test
    void invalidResultingNameIsDroppedAndCounted() {
        SampleRecorder rec = new SampleRecorder();
        RelabelingSink s = sink(rec, RelabelRule.builder().sourceLabels("cpu").targetLabel("__name__")
                .replacement("0-bad").build());
        s.beginCollection();
        s.family(CPU);
        s.sample("0", "user", 1);
        s.endCollection();
        assertThat(rec.samples()).isEmpty();
        assertThat(s.errors()).isEqualTo(1);
    }
}
