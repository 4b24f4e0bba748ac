package dev.ktel.collectors.proc.netdev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.collectors.testing.Collect;
import dev.ktel.collectors.testing.NodeExporterGolden;
import dev.ktel.collectors.testing.SharedFixtures;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetDevCollectorTest {
    private static final String HEADER = """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
            """;

    private static NetDevStats parse(String text, List<ProcParseException> errors) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        NetDevStats s = new NetDevStats();
        new NetDevParser().parse("/proc/net/dev", b, b.length, s, errors::add);
        return s;
    }

    @Test
    void parsesRowsWithAndWithoutSpaceAfterTheColon() {
        List<ProcParseException> errors = new ArrayList<>();
        NetDevStats s = parse(HEADER
                + "    lo: 1664039048 1566805    0    0    0     0          0         0 1664039048 1566805    0    0    0     0       0          0\n"
                + "vethf345468:648 8 1 2 3 4 5 6 438 5 7 8 9 10 11 12\n"
                + "  eth0: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18\n", errors);
        assertThat(errors).isEmpty();
        assertThat(s.count).isEqualTo(3);
        assertThat(s.devices[0]).isEqualTo("lo");
        assertThat(s.value(0, 0)).isEqualTo(1664039048L);
        assertThat(s.devices[1]).isEqualTo("vethf345468");
        assertThat(s.value(1, 0)).isEqualTo(648);
        assertThat(s.value(1, 3)).isEqualTo(2); // rx drop
        assertThat(s.value(1, 11)).isEqualTo(8); // tx drop
        assertThat(s.value(2, 15)).isEqualTo(16); // future columns 17, 18 ignored
    }

    @Test
    void reportsTruncatedAndMalformedRowsNamingFileLineAndField() {
        List<ProcParseException> errors = new ArrayList<>();
        NetDevStats s = parse(HEADER
                + "  eth0: 1 2 3\n"
                + "  eth1: 1 2 3 x 5 6 7 8 9 10 11 12 13 14 15 16\n"
                + "  eth2: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n", errors);
        assertThat(s.count).isEqualTo(1);
        assertThat(s.devices[0]).isEqualTo("eth2");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).hasMessageStartingWith("/proc/net/dev:3: line: ")
                .hasMessageContaining("found 3 counters");
        assertThat(errors.get(1)).hasMessageStartingWith("/proc/net/dev:4: field 5 (rx_drop)")
                .hasMessageContaining("\"x\"");
    }

    @Test
    void capturedFixture() throws Exception {
        SampleRecorder rec = Collect.once(new NetDevCollector.Factory(), Collect.captured("debian12-linux6.18"));
        assertThat(rec.families()).hasSize(16);
        assertThat(rec.value("node_network_receive_bytes_total", "device", "eth0")).contains(21501956.0);
        assertThat(rec.value("node_network_transmit_packets_total", "device", "lo")).contains(29.0);
        assertThat(rec.value("node_network_receive_drop_total", "device", "ifb0")).contains(0.0);
    }

    @Test
    void deviceFilterOptions() throws Exception {
        HostPaths p = Collect.captured("debian12-linux6.18");
        SampleRecorder inc = Collect.once(new NetDevCollector.Factory(), p, Map.of("device-include", "^eth"),
                ParseErrors.THROW);
        assertThat(inc.samples("node_network_receive_bytes_total")).extracting(r -> r.label("device"))
                .containsExactly("eth0");
        SampleRecorder exc = Collect.once(new NetDevCollector.Factory(), p, Map.of("device-exclude", "ifb"),
                ParseErrors.THROW);
        assertThat(exc.samples("node_network_receive_bytes_total")).extracting(r -> r.label("device"))
                .containsExactly("lo", "eth0");
        assertThatThrownBy(() -> Collect.once(new NetDevCollector.Factory(), p,
                Map.of("device-include", "a", "device-exclude", "b"), ParseErrors.THROW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mutually exclusive");
    }

    /**
     * node_exporter's fixture tree has no proc/net/dev (its e2e netdev lines come from the host's loopback via
     * netlink, all 0 apart from the skipped bytes/packets), so this replays a zeroed loopback plus a device
     * the e2e option {@code device-include=lo} must drop, and compares with the golden.
     */
    @Test
    void matchesNodeExporterGoldenForLoopback(@TempDir Path tmp) throws Exception {
        SharedFixtures.fixtures();
        Files.createDirectories(tmp.resolve("proc/net"));
        Files.writeString(tmp.resolve("proc/net/dev"), HEADER
                + "    lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0\n"
                + "  eth0:     438       5    1    2    3     4          5         6      648       8    7    8    9    10     11        12\n");
        SampleRecorder rec = Collect.once(new NetDevCollector.Factory(), HostPaths.of(tmp.resolve("proc"),
                tmp.resolve("sys"), tmp), Map.of("device-include", "lo"), ParseErrors.THROW);
        NodeExporterGolden golden = NodeExporterGolden.load();
        var families = golden.families(f -> f.matches("node_network_(receive|transmit)_.*_total"));
        int compared = 0;
        for (String f : families) {
            if (f.equals("node_network_receive_nohandler_total")) {
                assertThat(rec.families()).doesNotContainKey(f); // netlink-only statistic
                continue;
            }
            assertThat(rec.families()).containsKey(f);
            assertThat(rec.families().get(f).type().textName()).isEqualTo(golden.type(f));
            if (!f.matches(".*_(bytes|packets)_total")) { // dropped by the e2e skip pattern
                assertThat(NodeExporterGolden.recorded(rec, f)).containsExactlyEntriesOf(golden.family(f));
                compared++;
            }
        }
        assertThat(compared).isEqualTo(12);
        assertThat(rec.families().keySet()).allMatch(families::contains);
    }

    @Test
    void procfsFixture() throws Exception {
        SampleRecorder rec = Collect.once(new NetDevCollector.Factory(), SharedFixtures.procfs());
        assertThat(rec.value("node_network_receive_bytes_total", "device", "eth0")).contains(874354587.0);
        assertThat(rec.value("node_network_transmit_bytes_total", "device", "vethf345468")).contains(438.0);
        assertThat(rec.samples("node_network_receive_bytes_total")).hasSize(4);
    }
}
