package dev.ktel.collectors.proc.softnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.collectors.testing.Collect;
import dev.ktel.collectors.testing.NodeExporterGolden;
import dev.ktel.collectors.testing.SharedFixtures;
import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.core.text.ProcParseException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoftnetCollectorTest {
    private final List<ProcParseException> errors = new ArrayList<>();

    private SoftnetStats parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        SoftnetStats s = new SoftnetStats();
        new SoftnetParser().parse("/proc/net/softnet_stat", b, b.length, s, errors::add);
        return s;
    }

    @Test
    void parsesEveryKernelGenerationsColumnCount() {
        SoftnetStats s = parse("""
                00358fe3 00006283 00000000 00000000 00000000 00000000 00000000 00000000 00000000 000855fc 00000076 00000000 00000000
                00953d1a 00000446 000000b1 00000000 00000000 00000000 00000000 00000000 00000000 008eeb9a 0000002b 000000dc 00000007 00000001 00000002
                00015c73 00020e76 F0000769 00000000 00000000 00000000 00000000 00000000 00000004 00000003 00000002
                01663fb2 00000000 000109a4 00000000 00000000 00000000 00000000 00000000 00020e76
                """);
        assertThat(errors).isEmpty();
        assertThat(s.count).isEqualTo(4);
        assertThat(s.processed[0]).isEqualTo(0x358fe3);
        assertThat(s.dropped[0]).isEqualTo(0x6283);
        assertThat(s.cpu[1]).isEqualTo(7); // CPU id column (5.14+), not the line number
        assertThat(s.backlogLen[1]).isEqualTo(0xdc);
        assertThat(s.timeSqueezed[2]).isEqualTo(0xF0000769L);
        assertThat(s.flowLimitCount[2]).isEqualTo(2);
        assertThat(s.cpu[2]).isEqualTo(2);
        assertThat(s.cpuCollision[3]).isEqualTo(0x20e76);
        assertThat(s.receivedRps[3]).isZero();
    }

    @Test
    void reportsShortAndMalformedLinesNamingFileLineAndField() {
        SoftnetStats s = parse("""
                00015c73 00020e76 F0000769 00000000
                00015c73 zz 00000000 00000000 00000000 00000000 00000000 00000000 00000000
                00000001 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000
                """);
        assertThat(s.count).isEqualTo(1);
        assertThat(s.cpu[0]).isEqualTo(2);
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).hasMessageStartingWith("/proc/net/softnet_stat:1: line: expected at least 9 columns, found 4");
        assertThat(errors.get(1)).hasMessageStartingWith("/proc/net/softnet_stat:2: field 2 (dropped)");
    }

    @Test
    void capturedFixture() throws Exception {
        SampleRecorder rec = Collect.once(new SoftnetCollector.Factory(), Collect.captured("debian12-linux6.18"));
        assertThat(rec.families()).hasSize(7);
        assertThat(rec.value("node_softnet_processed_total", "cpu", "0")).contains(20.0);
        assertThat(rec.value("node_softnet_processed_total", "cpu", "1")).contains(873.0);
        assertThat(rec.value("node_softnet_dropped_total", "cpu", "1")).contains(0.0);
    }

    @Test
    void nodeExporterFixtureMatchesGolden() throws Exception {
        SampleRecorder rec = Collect.once(new SoftnetCollector.Factory(), SharedFixtures.nodeExporter());
        NodeExporterGolden.load().assertFamiliesMatch(rec, f -> f.startsWith("node_softnet_"));
        assertThat(rec.value("node_softnet_dropped_total", "cpu", "1")).contains(41.0);
    }

    @Test
    void procfsFixtureAndItsBrokenSample() throws Exception {
        var paths = SharedFixtures.procfs();
        SampleRecorder rec = Collect.once(new SoftnetCollector.Factory(), paths);
        assertThat(rec.samples("node_softnet_processed_total")).hasSize(5);
        assertThat(rec.value("node_softnet_processed_total", "cpu", "0")).contains((double) 0x358fe3);
        assertThat(rec.value("node_softnet_backlog_len", "cpu", "1")).contains((double) 0xdc);

        byte[] broken = Files.readAllBytes(paths.proc("net/softnet_stat.broken"));
        SoftnetStats s = new SoftnetStats();
        new SoftnetParser().parse("softnet_stat.broken", broken, broken.length, s, errors::add);
        assertThat(s.count).isZero();
        assertThat(errors).singleElement().satisfies(e -> assertThat(e)
                .hasMessageStartingWith("softnet_stat.broken:1: line: expected at least 9 columns, found 4"));
    }
}
