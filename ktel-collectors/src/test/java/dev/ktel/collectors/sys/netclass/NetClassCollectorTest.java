package dev.ktel.collectors.sys.netclass;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetClassCollectorTest {
    private final NetClassAttributeParser parser = new NetClassAttributeParser();

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "1500\\n|1500",
        "0x1303\\n|4867",
        "0x20|32",
        "-1\\n|-1",
        "0|0",
    })
    void parsesDecimalHexAndNegativeIntegers(String text, long expected) {
        byte[] b = text.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);
        assertThat(parser.integer("/sys/class/net/eth0/mtu", b, b.length)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {"''", "up", "0xZZ", "12 13"})
    void rejectsNonIntegersNamingTheFile(String text) {
        byte[] b = (text + "\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.integer("/sys/class/net/eth0/mtu", b, b.length))
                .isInstanceOf(ProcParseException.class)
                .hasMessageStartingWith("/sys/class/net/eth0/mtu:1: value: expected integer");
    }

    @Test
    void stringsDropTheirNewline() {
        byte[] b = "01:01:01:01:01:01\n".getBytes(StandardCharsets.UTF_8);
        assertThat(parser.string(b, b.length)).isEqualTo("01:01:01:01:01:01");
        assertThat(parser.string(new byte[] {'\n'}, 1)).isEmpty();
    }

    @Test
    void capturedFixtureSkipsAttributesOfADownLink() throws Exception {
        SampleRecorder rec = Collect.once(new NetClassCollector.Factory(), Collect.captured("debian12-linux6.18"));
        assertThat(rec.value("node_network_up", "device", "eth0")).contains(1.0);
        assertThat(rec.value("node_network_up", "device", "ifb0")).contains(0.0);
        assertThat(rec.value("node_network_mtu_bytes", "device", "eth0")).contains(1400.0);
        assertThat(rec.value("node_network_carrier_changes_total", "device", "eth0")).contains(2.0);
        // ifb0 is down: no carrier, speed or duplex attribute to read
        assertThat(rec.value("node_network_carrier", "device", "ifb0")).isEmpty();
        assertThat(rec.value("node_network_speed_bytes", "device", "ifb0")).isEmpty();
        assertThat(rec.value("node_network_info", "device", "ifb0", "duplex", "", "adminstate", "down")).contains(1.0);
        assertThat(rec.value("node_network_info", "device", "eth0", "address", "02:fc:00:00:00:01",
                "operstate", "up", "adminstate", "up")).contains(1.0);
        assertThat(rec.value("node_network_speed_bytes", "device", "eth0")).contains(-125000.0);
        SampleRecorder valid = Collect.once(new NetClassCollector.Factory(), Collect.captured("debian12-linux6.18"),
                Map.of("ignore-invalid-speed", "true"), ParseErrors.THROW);
        assertThat(valid.samples("node_network_speed_bytes")).isEmpty();
    }

    @Test
    void unreadableAttributesAreSkippedAndDevicesComeAndGo(@TempDir Path tmp) throws Exception {
        Path eth = Files.createDirectories(tmp.resolve("sys/class/net/eth9"));
        Files.writeString(eth.resolve("operstate"), "down\n");
        Files.writeString(eth.resolve("mtu"), "9000\n");
        Files.createDirectory(eth.resolve("speed")); // reading a directory fails like EINVAL would
        Files.writeString(tmp.resolve("sys/class/net/bonding_masters"), "bond0\n");
        HostPaths paths = HostPaths.of(tmp.resolve("proc"), tmp.resolve("sys"), tmp);
        SampleRecorder rec = Collect.once(new NetClassCollector.Factory(), paths);
        assertThat(rec.samples("node_network_up")).extracting(s -> s.label("device")).containsExactly("eth9");
        assertThat(rec.value("node_network_mtu_bytes", "device", "eth9")).contains(9000.0);
        assertThat(rec.samples("node_network_speed_bytes")).isEmpty();
        assertThat(rec.value("node_network_info", "device", "eth9", "adminstate", "unknown")).contains(1.0);

        List<ProcParseException> errors = new ArrayList<>();
        Files.writeString(eth.resolve("mtu"), "lots\n");
        SampleRecorder bad = Collect.once(new NetClassCollector.Factory(), paths, Map.of(), errors::add);
        assertThat(bad.samples("node_network_mtu_bytes")).isEmpty();
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.getMessage()).contains("eth9/mtu:1: value"));
    }

    @Test
    void interfacesAppearingAfterStartShowUpWhenTheDirectoryIsReListed(@TempDir Path tmp) throws Exception {
        Path net = Files.createDirectories(tmp.resolve("class/net"));
        writeDevice(net.resolve("eth0"), "up", "1500");
        try (NetClassCollector c = new NetClassCollector(net, null, false, ParseErrors.THROW, Long.MAX_VALUE)) {
            assertThat(devices(c)).containsExactly("eth0");
            writeDevice(net.resolve("eth1"), "up", "9000");
            assertThat(devices(c)).as("not re-listed within the interval").containsExactly("eth0");
        }
        try (NetClassCollector c = new NetClassCollector(net, null, false, ParseErrors.THROW, 0)) {
            assertThat(devices(c)).containsExactly("eth0", "eth1");
            writeDevice(net.resolve("eth2"), "up", "1400");
            SampleRecorder rec = new SampleRecorder();
            c.collect(rec);
            assertThat(rec.value("node_network_mtu_bytes", "device", "eth2")).contains(1400.0);
        }
    }

    @Test
    void vanishedInterfaceIsDroppedWhenReListed(@TempDir Path tmp) throws Exception {
        // (sysfs fails reads on the kept files of a removed device, which drops it at once; files in a plain
        // directory stay readable after deletion, so this shows the re-listing path)
        Path net = Files.createDirectories(tmp.resolve("class/net"));
        writeDevice(net.resolve("eth0"), "up", "1500");
        writeDevice(net.resolve("veth1"), "up", "1500");
        try (NetClassCollector c = new NetClassCollector(net, null, false, ParseErrors.THROW, 0)) {
            assertThat(devices(c)).containsExactly("eth0", "veth1");
            deleteTree(net.resolve("veth1"));
            assertThat(devices(c)).containsExactly("eth0");
        }
    }

    @Test
    void refusedAttributesAreNotRetriedUntilTheLinkStateChanges(@TempDir Path tmp) throws Exception {
        Path net = Files.createDirectories(tmp.resolve("class/net"));
        Path eth = net.resolve("eth0");
        writeDevice(eth, "up", "1500");
        Files.writeString(eth.resolve("flags"), "0x1003\n");
        try (NetClassCollector c = new NetClassCollector(net, null, false, ParseErrors.THROW, Long.MAX_VALUE)) {
            SampleRecorder first = new SampleRecorder();
            c.collect(first);
            assertThat(first.samples("node_network_speed_bytes")).isEmpty();
            // speed becomes readable, but the link state is the same: still remembered as refused
            Files.writeString(eth.resolve("speed"), "1000\n");
            SampleRecorder second = new SampleRecorder();
            c.collect(second);
            assertThat(second.samples("node_network_speed_bytes")).isEmpty();
            // operstate changes: refused attributes are probed again
            Files.writeString(eth.resolve("operstate"), "dormant\n");
            SampleRecorder third = new SampleRecorder();
            c.collect(third);
            assertThat(third.value("node_network_speed_bytes", "device", "eth0")).contains(1.25e8);
        }
    }

    private static void writeDevice(Path dir, String operstate, String mtu) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("operstate"), operstate + "\n");
        Files.writeString(dir.resolve("mtu"), mtu + "\n");
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    private static List<String> devices(NetClassCollector c) throws Exception {
        SampleRecorder rec = new SampleRecorder();
        c.collect(rec);
        return rec.samples("node_network_up").stream().map(s -> s.label("device")).toList();
    }

    @Test
    void nodeExporterFixtureMatchesGoldenWithTheE2eOptions() throws Exception {
        SampleRecorder rec = Collect.once(new NetClassCollector.Factory(), SharedFixtures.nodeExporter(),
                Map.of("ignored-devices", "(dmz|int)", "ignore-invalid-speed", "true"), ParseErrors.THROW);
        NodeExporterGolden.load().assertFamiliesMatch(rec, f -> f.startsWith("node_network_")
                && !f.matches("node_network_(receive|transmit)_.*_total"));
        assertThat(rec.value("node_network_speed_bytes", "device", "eth0")).contains(1.25e8);
    }

    @Test
    void procfsFixture() throws Exception {
        SampleRecorder rec = Collect.once(new NetClassCollector.Factory(), SharedFixtures.procfs());
        assertThat(rec.value("node_network_up", "device", "eth0")).isPresent();
        assertThat(rec.value("node_network_mtu_bytes", "device", "eth0")).isPresent();
    }
}
