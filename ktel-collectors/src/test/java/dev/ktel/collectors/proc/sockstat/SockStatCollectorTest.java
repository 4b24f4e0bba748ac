package dev.ktel.collectors.proc.sockstat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.collectors.testing.Collect;
import dev.ktel.collectors.testing.NodeExporterGolden;
import dev.ktel.collectors.testing.SharedFixtures;
import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.core.text.ProcParseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SockStatCollectorTest {
    private final List<ProcParseException> errors = new ArrayList<>();

    private SockStatValues parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        SockStatValues v = new SockStatValues();
        new SockStatParser().parse("/proc/net/sockstat", b, b.length, v, errors::add);
        return v;
    }

    @Test
    void parsesKeyValuePairsAndSkipsUnknownKeys() {
        SockStatValues v = parse("""
                sockets: used 1602
                TCP: inuse 35 orphan 0 tw 4 alloc 59 mem 22 future 9
                FRAG: inuse 0 memory 0
                MPTCP: inuse 1
                """);
        assertThat(errors).isEmpty();
        assertThat(v.get("sockets_used")).isEqualTo(1602);
        assertThat(v.get("TCP_tw")).isEqualTo(4);
        assertThat(v.get("TCP_mem")).isEqualTo(22);
        assertThat(v.get("TCP_future")).isNull();
        assertThat(v.get("FRAG_memory")).isZero();
        assertThat(v.get("MPTCP_inuse")).isEqualTo(1);
    }

    @Test
    void reportsOddPairsAndBadNumbersNamingFileLineAndField() {
        SockStatValues v = parse("""
                TCP: inuse 35 orphan
                UDP: inuse x mem 1
                RAW: inuse 2
                TCP
                """);
        assertThat(v.count).isEqualTo(1);
        assertThat(v.get("RAW_inuse")).isEqualTo(2);
        assertThat(errors).hasSize(3);
        assertThat(errors.get(0)).hasMessageStartingWith("/proc/net/sockstat:1: line: expected a protocol");
        assertThat(errors.get(1)).hasMessageStartingWith("/proc/net/sockstat:2: field 3 (value)");
        assertThat(errors.get(2)).hasMessageStartingWith("/proc/net/sockstat:4: field 1 (protocol)");
    }

    @Test
    void capturedFixture() throws Exception {
        SampleRecorder rec = Collect.once(new SockStatCollector.Factory(), Collect.captured("debian12-linux6.18"));
        assertThat(rec.value("node_sockstat_sockets_used")).contains(8.0);
        assertThat(rec.value("node_sockstat_TCP_mem")).contains(259.0);
        assertThat(rec.value("node_sockstat_TCP_mem_bytes")).contains(259.0 * PageSize.BYTES);
        assertThat(rec.value("node_sockstat_TCP6_inuse")).contains(0.0);
        assertThat(rec.value("node_sockstat_FRAG6_memory")).contains(0.0);
    }

    @Test
    void nodeExporterFixtureMatchesGolden() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(PageSize.BYTES == 4096, "golden assumes 4 KiB pages");
        SampleRecorder rec = Collect.once(new SockStatCollector.Factory(), SharedFixtures.nodeExporter());
        NodeExporterGolden.load().assertFamiliesMatch(rec, f -> f.startsWith("node_sockstat_"));
        assertThat(rec.value("node_sockstat_TCP_mem_bytes")).contains(4096.0);
    }

    @Test
    void procfsFixture() throws Exception {
        SampleRecorder rec = Collect.once(new SockStatCollector.Factory(), SharedFixtures.procfs());
        assertThat(rec.value("node_sockstat_sockets_used")).contains(1602.0);
        assertThat(rec.value("node_sockstat_UDP_mem")).contains(62.0);
        assertThat(rec.value("node_sockstat_RAW6_inuse")).contains(1.0);
    }
}
