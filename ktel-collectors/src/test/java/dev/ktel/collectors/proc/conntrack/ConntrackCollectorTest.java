package dev.ktel.collectors.proc.conntrack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.collectors.testing.Collect;
import dev.ktel.collectors.testing.NodeExporterGolden;
import dev.ktel.collectors.testing.SharedFixtures;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.core.text.ProcParseException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConntrackCollectorTest {
    private final List<ProcParseException> errors = new ArrayList<>();

    private ConntrackStat parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ConntrackStat s = new ConntrackStat();
        new ConntrackStatParser().parse("/proc/net/stat/nf_conntrack", b, b.length, s, errors::add);
        return s;
    }

    @Test
    void sumsPerCpuColumnsFoundByHeaderName() {
        // 6.x header (clashres, chainlength); a future column at the end
        ConntrackStat s = parse("""
                entries  clashres found new invalid ignore delete chainlength insert insert_failed drop early_drop icmp_error  expect_new expect_create expect_delete search_restart future
                00000021  00000001 00000002 00000000 00000035 00000004 00000000 00000000 00000005 00000006 00000007 00000008 00000000  00000000 00000000 00000000 00000009 00000001
                00000021  00000001 00000002 00000000 00000001 00000004 00000000 00000000 00000005 00000006 00000007 00000008 00000000  00000000 00000000 00000000 00000001 00000001
                """);
        assertThat(errors).isEmpty();
        assertThat(s.cpus).isEqualTo(2);
        assertThat(s.get("found")).isEqualTo(4);
        assertThat(s.get("invalid")).isEqualTo(0x36);
        assertThat(s.get("early_drop")).isEqualTo(16);
        assertThat(s.get("search_restart")).isEqualTo(10);
    }

    @Test
    void olderHeaderWithoutSearchRestartAndMalformedLines() {
        ConntrackStat s = parse("""
                entries searched found new invalid ignore delete delete_list insert insert_failed drop early_drop icmp_error expect_new expect_create expect_delete
                00000001 00000000 00000003 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000
                00000001 00000000 0000000x 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000
                00000001 00000000
                """);
        assertThat(s.get("found")).isEqualTo(3);
        assertThat(s.present[7]).isFalse(); // search_restart
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).hasMessageStartingWith("/proc/net/stat/nf_conntrack:3: field 3 (found)");
        assertThat(errors.get(1)).hasMessageStartingWith("/proc/net/stat/nf_conntrack:4: line: expected 16 columns");
    }

    @Test
    void capturedFixture() throws Exception {
        SampleRecorder rec = Collect.once(new ConntrackCollector.Factory(), Collect.captured("debian12-linux6.18"));
        assertThat(rec.value("node_nf_conntrack_entries")).contains(0.0);
        assertThat(rec.value("node_nf_conntrack_entries_limit")).contains(262144.0);
        assertThat(rec.value("node_nf_conntrack_stat_search_restart")).contains(0.0);
    }

    @Test
    void unavailableWithAReasonWithoutConntrack(@TempDir Path tmp) {
        assertThatThrownBy(() -> Collect.once(new ConntrackCollector.Factory(),
                HostPaths.of(tmp.resolve("proc"), tmp.resolve("sys"), tmp)))
                .isInstanceOf(CollectorUnavailableException.class)
                .hasMessageContaining("nf_conntrack_count does not exist (nf_conntrack module not loaded)");
    }

    @Test
    void statFileIsOptional(@TempDir Path tmp) throws Exception {
        Path nf = Files.createDirectories(tmp.resolve("proc/sys/net/netfilter"));
        Files.writeString(nf.resolve("nf_conntrack_count"), "12\n");
        Files.writeString(nf.resolve("nf_conntrack_max"), "65536\n");
        SampleRecorder rec = Collect.once(new ConntrackCollector.Factory(),
                HostPaths.of(tmp.resolve("proc"), tmp.resolve("sys"), tmp));
        assertThat(rec.families()).containsOnlyKeys("node_nf_conntrack_entries", "node_nf_conntrack_entries_limit");
        assertThat(rec.value("node_nf_conntrack_entries")).contains(12.0);
    }

    @Test
    void nodeExporterFixtureMatchesGolden() throws Exception {
        SampleRecorder rec = Collect.once(new ConntrackCollector.Factory(), SharedFixtures.nodeExporter());
        NodeExporterGolden.load().assertFamiliesMatch(rec, f -> f.startsWith("node_nf_conntrack_"));
    }
}
