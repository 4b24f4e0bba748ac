package dev.ktel.collectors.sys.thermal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.collectors.testing.Collect;
import dev.ktel.collectors.testing.NodeExporterGolden;
import dev.ktel.collectors.testing.SharedFixtures;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.core.text.ProcParseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThermalZoneCollectorTest {

    private static void write(Path p, String content) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @Test
    void readsZonesAndCoolingDevicesAndReportsBadValues(@TempDir Path root) throws Exception {
        Path t = root.resolve("sys/class/thermal");
        write(t.resolve("thermal_zone0/type"), "x86_pkg_temp\n");
        write(t.resolve("thermal_zone0/temp"), "-2500\n");
        write(t.resolve("thermal_zone1/type"), "acpitz\n");
        write(t.resolve("thermal_zone1/temp"), "hot\n");
        write(t.resolve("thermal_zone2/type"), "iwlwifi\n"); // no temp: sensor off, no series
        write(t.resolve("cooling_device0/type"), "Fan\n");
        write(t.resolve("cooling_device0/cur_state"), "1\n");
        write(t.resolve("cooling_device0/max_state"), "7\n");
        write(t.resolve("cooling_device0/future_attribute"), "1\n");
        write(t.resolve("cooling_devicex/type"), "ignored\n");
        List<ProcParseException> errors = new ArrayList<>();
        SampleRecorder rec = Collect.once(new ThermalZoneCollector.Factory(),
                HostPaths.of(root.resolve("proc"), root.resolve("sys"), root), Map.of(), errors::add);
        assertThat(rec.value("node_thermal_zone_temp", "zone", "0", "type", "x86_pkg_temp")).contains(-2.5);
        assertThat(rec.samples("node_thermal_zone_temp")).hasSize(1);
        assertThat(rec.value("node_cooling_device_cur_state", "name", "0", "type", "Fan")).contains(1.0);
        assertThat(rec.value("node_cooling_device_max_state", "name", "0", "type", "Fan")).contains(7.0);
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.getMessage())
                .contains("thermal_zone1/temp:1: value: expected integer, got \"hot\""));
    }

    @Test
    void capturedFixtureHasNoZones() {
        // the captured VM has an empty /sys/class/thermal
        assertThatThrownBy(() -> Collect.once(new ThermalZoneCollector.Factory(),
                Collect.captured("debian12-linux6.18")))
                .isInstanceOf(CollectorUnavailableException.class)
                .hasMessageContaining("class/thermal");
    }

    @Test
    void nodeExporterFixtureMatchesGolden() throws Exception {
        SampleRecorder rec = Collect.once(new ThermalZoneCollector.Factory(), SharedFixtures.nodeExporter());
        NodeExporterGolden.load().assertFamilyMatches(rec, "node_thermal_zone_temp");
        NodeExporterGolden.load().assertFamilyMatches(rec, "node_cooling_device_cur_state");
        NodeExporterGolden.load().assertFamilyMatches(rec, "node_cooling_device_max_state");
    }

    @Test
    void procfsCorpus() throws Exception {
        List<ProcParseException> errors = new ArrayList<>();
        SampleRecorder rec = Collect.once(new ThermalZoneCollector.Factory(), SharedFixtures.procfs(), Map.of(),
                errors::add);
        assertThat(rec.samples("node_thermal_zone_temp")).isNotEmpty();
    }
}
