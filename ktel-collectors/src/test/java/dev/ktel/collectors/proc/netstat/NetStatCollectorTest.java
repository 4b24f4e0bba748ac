package dev.ktel.collectors.proc.netstat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.collectors.testing.Collect;
import dev.ktel.collectors.testing.NodeExporterGolden;
import dev.ktel.collectors.testing.SharedFixtures;
import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetStatCollectorTest {
    private final List<ProcParseException> errors = new ArrayList<>();

    private NetStatValues pairs(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        NetStatValues v = new NetStatValues();
        new NetStatParser().parsePairs("/proc/net/snmp", b, b.length, v, errors::add);
        return v;
    }

    @Test
    void parsesHeaderAndValueLinePairs() {
        NetStatValues v = pairs("""
                Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens RetransSegs
                Tcp: 1 200 120000 -1 1103 348
                Udp: InDatagrams NoPorts InErrors RcvbufErrors SndbufErrors FutureField
                Udp: 10179 50 0 9 8 18446744073709551615
                """);
        assertThat(errors).isEmpty();
        assertThat(v.get("Tcp_MaxConn")).isEqualTo(-1);
        assertThat(v.get("Tcp_RetransSegs")).isEqualTo(348);
        assertThat(v.get("Udp_RcvbufErrors")).isEqualTo(9);
        assertThat(v.get("Udp_FutureField")).isEqualTo(1.8446744073709552E19);
    }

    @Test
    void reportsMismatchedAndMalformedPairsAndKeepsGoing() {
        NetStatValues v = pairs("""
                Tcp: ActiveOpens PassiveOpens
                Tcp: 1
                Ip: Forwarding DefaultTTL
                Ip: 1 x
                Udp: InErrors
                Udp: 7
                Icmp: InMsgs
                """);
        assertThat(v.get("Udp_InErrors")).isEqualTo(7);
        assertThat(v.get("Tcp_ActiveOpens")).isNaN();
        assertThat(errors).hasSize(3);
        assertThat(errors.get(0)).hasMessageStartingWith("/proc/net/snmp:2: line: 1 values for 2 names");
        assertThat(errors.get(1)).hasMessageStartingWith("/proc/net/snmp:4: field 3 (value)")
                .hasMessageContaining("\"x\"");
        assertThat(errors.get(2)).hasMessageStartingWith("/proc/net/snmp:7: line: header line without a value line");
    }

    @Test
    void parsesSnmp6AndSkipsLinesWithoutAProtocol() {
        byte[] b = """
                Ip6InReceives                   \t92166
                Icmp6InMsgs                     \t12
                UdpLite6InErrors                \t3
                Mode: 644
                Udp6RcvbufErrors\tbad
                """.getBytes(StandardCharsets.UTF_8);
        NetStatValues v = new NetStatValues();
        new NetStatParser().parseSnmp6("/proc/net/snmp6", b, b.length, v, errors::add);
        assertThat(v.get("Ip6_InReceives")).isEqualTo(92166);
        assertThat(v.get("Icmp6_InMsgs")).isEqualTo(12);
        assertThat(v.get("UdpLite6_InErrors")).isEqualTo(3);
        assertThat(v.count).isEqualTo(3);
        assertThat(errors).singleElement().satisfies(e -> assertThat(e)
                .hasMessageStartingWith("/proc/net/snmp6:5: field 2 (value)"));
    }

    @Test
    void capturedFixtureHasTheSignalsTheSlosNeed() throws Exception {
        SampleRecorder rec = Collect.once(new NetStatCollector.Factory(), Collect.captured("debian12-linux6.18"));
        assertThat(rec.families()).containsKeys("node_netstat_Tcp_RetransSegs", "node_netstat_TcpExt_ListenDrops",
                "node_netstat_TcpExt_ListenOverflows", "node_netstat_TcpExt_TCPTimeouts",
                "node_netstat_Udp_RcvbufErrors", "node_netstat_Udp_InErrors", "node_netstat_Udp6_RcvbufErrors",
                "node_netstat_Ip6_InOctets", "node_netstat_IpExt_InOctets");
        assertThat(rec.families()).doesNotContainKey("node_netstat_Tcp_MaxConn");
        assertThat(rec.families().get("node_netstat_Tcp_RetransSegs").type().textName()).isEqualTo("untyped");
    }

    @Test
    void fieldsOptionReplacesTheDefaultFilter() throws Exception {
        SampleRecorder rec = Collect.once(new NetStatCollector.Factory(), Collect.captured("debian12-linux6.18"),
                Map.of("fields", "^Tcp_MaxConn$"), ParseErrors.THROW);
        assertThat(rec.families()).containsOnlyKeys("node_netstat_Tcp_MaxConn");
        assertThat(rec.value("node_netstat_Tcp_MaxConn")).contains(-1.0);
    }

    @Test
    void nodeExporterFixtureMatchesGolden() throws Exception {
        SampleRecorder rec = Collect.once(new NetStatCollector.Factory(), SharedFixtures.nodeExporter());
        NodeExporterGolden.load().assertFamiliesMatch(rec, f -> f.startsWith("node_netstat_"));
        assertThat(rec.value("node_netstat_Tcp_RetransSegs")).contains(227.0);
        assertThat(rec.value("node_netstat_IpExt_InOctets")).contains(6.28639697e+09);
    }

    @Test
    void procfsFixtureIncludingTheSnmp6WithAStrayLine() throws Exception {
        var p = SharedFixtures.procfs();
        var pid = dev.ktel.core.io.HostPaths.of(p.proc("26231"), p.sysfs(), p.rootfs());
        SampleRecorder rec = Collect.once(new NetStatCollector.Factory(), pid);
        assertThat(rec.value("node_netstat_Tcp_RetransSegs")).contains(348.0);
        assertThat(rec.value("node_netstat_TcpExt_TCPSynRetrans")).contains(16.0);
        assertThat(rec.value("node_netstat_Ip6_InOctets")).isPresent();
    }
}
