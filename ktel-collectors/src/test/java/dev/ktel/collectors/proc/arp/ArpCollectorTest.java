package dev.ktel.collectors.proc.arp;

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

class ArpCollectorTest {
    private static final String HEADER = "IP address       HW type     Flags       HW address            Mask     Device\n";
    private final List<ProcParseException> errors = new ArrayList<>();

    private ArpEntries parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ArpEntries e = new ArpEntries();
        new ArpParser().parse("/proc/net/arp", b, b.length, e, errors::add);
        return e;
    }

    @Test
    void countsEntriesPerDeviceIncludingIncompleteOnes() {
        ArpEntries e = parse(HEADER
                + "192.168.224.1    0x1         0x2         00:50:56:c0:00:08     *        ens33\n"
                + "192.168.224.2    0x1         0x0         00:00:00:00:00:00     *        ens33\n"
                + "10.0.0.1         0x1         0x2         00:50:56:c0:00:09     *        eth1\n");
        assertThat(errors).isEmpty();
        assertThat(e.count).isEqualTo(2);
        assertThat(e.get("ens33")).isEqualTo(2);
        assertThat(e.get("eth1")).isEqualTo(1);
    }

    @Test
    void reportsLinesWithTheWrongColumnCount() {
        ArpEntries e = parse(HEADER
                + "192.168.224.1    0x1         0x2         00:50:56:c0:00:08\n"
                + "10.0.0.1         0x1         0x2         00:50:56:c0:00:09     *        eth1\n");
        assertThat(e.get("eth1")).isEqualTo(1);
        assertThat(errors).singleElement().satisfies(x -> assertThat(x)
                .hasMessageStartingWith("/proc/net/arp:2: line: expected 6 columns")
                .hasMessageContaining("found 4"));
    }

    @Test
    void capturedFixture() throws Exception {
        SampleRecorder rec = Collect.once(new ArpCollector.Factory(), Collect.captured("debian12-linux6.18"));
        assertThat(rec.value("node_arp_entries", "device", "eth0")).contains(1.0);
    }

    @Test
    void nodeExporterFixtureMatchesGoldenWithTheE2eExclude() throws Exception {
        SampleRecorder rec = Collect.once(new ArpCollector.Factory(), SharedFixtures.nodeExporter(),
                Map.of("device-exclude", "nope"), ParseErrors.THROW);
        NodeExporterGolden.load().assertFamiliesMatch(rec, f -> f.startsWith("node_arp_"));
        SampleRecorder only = Collect.once(new ArpCollector.Factory(), SharedFixtures.nodeExporter(),
                Map.of("device-include", "eth0"), ParseErrors.THROW);
        assertThat(only.samples("node_arp_entries")).singleElement().satisfies(s -> assertThat(s.value()).isEqualTo(3));
    }

    @Test
    void procfsFixture() throws Exception {
        SampleRecorder rec = Collect.once(new ArpCollector.Factory(), SharedFixtures.procfs());
        assertThat(rec.value("node_arp_entries", "device", "ens33")).contains(2.0);
    }
}
