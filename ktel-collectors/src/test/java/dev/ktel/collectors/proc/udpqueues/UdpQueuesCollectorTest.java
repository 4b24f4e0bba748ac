package dev.ktel.collectors.proc.udpqueues;

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

class UdpQueuesCollectorTest {
    private final List<ProcParseException> errors = new ArrayList<>();

    private UdpQueues parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        UdpQueues q = new UdpQueues();
        new UdpQueuesParser().parse("/proc/net/udp", b, b.length, q, errors::add);
        return q;
    }

    @Test
    void sumsHexQueuesOverSocketsOfBothFamilies() {
        UdpQueues q = parse("""
                   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
                  311: 00000000:0044 00000000:0000 07 00000010:000000A0 00:00000000 00000000     0        0 17713 2 0000000000000000 0
                 1315: 00000000000000000000000000000000:14EB 00000000000000000000000000000000:0000 07 00000001:00000002 00:00000000 00000000   981        0 21040 2 0000000013726323 0 future
                """);
        assertThat(errors).isEmpty();
        assertThat(q.txQueue).isEqualTo(0x11);
        assertThat(q.rxQueue).isEqualTo(0xA2);
        assertThat(q.sockets).isEqualTo(2);
    }

    @Test
    void reportsTruncatedAndMalformedLines() {
        UdpQueues q = parse("""
                  sl  local_address rem_address   st
                   1: 00000000:0016 00000000:0000 0A
                   2: 00000000:0016 00000000:0000 0A 0000000g:00000001 00:00000000 00000000 0 0 1 2 0 0
                   3: 00000000:0016 00000000:0000 0A 00000004:00000001 00:00000000 00000000 0 0 1 2 0 0
                """);
        assertThat(q.sockets).isEqualTo(1);
        assertThat(q.txQueue).isEqualTo(4);
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).hasMessageStartingWith("/proc/net/udp:2: field 5 (tx_queue:rx_queue): missing");
        assertThat(errors.get(1)).hasMessageStartingWith("/proc/net/udp:3: field 7 (tx_queue)")
                .hasMessageContaining("0000000g");
    }

    @Test
    void capturedFixture() throws Exception {
        SampleRecorder rec = Collect.once(new UdpQueuesCollector.Factory(), Collect.captured("debian12-linux6.18"));
        assertThat(rec.samples("node_udp_queues")).hasSize(4);
        assertThat(rec.value("node_udp_queues", "queue", "rx", "ip", "v6")).contains(0.0);
    }

    @Test
    void nodeExporterFixtureMatchesGolden() throws Exception {
        SampleRecorder rec = Collect.once(new UdpQueuesCollector.Factory(), SharedFixtures.nodeExporter());
        NodeExporterGolden.load().assertFamiliesMatch(rec, f -> f.startsWith("node_udp_"));
    }

    @Test
    void procfsFixtureAndItsBrokenSample() throws Exception {
        var paths = SharedFixtures.procfs();
        SampleRecorder rec = Collect.once(new UdpQueuesCollector.Factory(), paths);
        assertThat(rec.value("node_udp_queues", "queue", "tx", "ip", "v4")).contains(2.0);
        assertThat(rec.value("node_udp_queues", "queue", "rx", "ip", "v4")).contains(2.0);
        assertThat(rec.value("node_udp_queues", "queue", "tx", "ip", "v6")).contains(0.0);
        byte[] broken = Files.readAllBytes(paths.proc("net/udp_broken"));
        UdpQueues q = new UdpQueues();
        new UdpQueuesParser().parse("udp_broken", broken, broken.length, q, errors::add);
        assertThat(q.sockets).isZero();
        assertThat(errors).singleElement().satisfies(e -> assertThat(e).hasMessageStartingWith("udp_broken:2: field 5"));
    }
}
