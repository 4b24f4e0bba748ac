package dev.ktel.collectors.sys.hwmon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.collectors.testing.Collect;
import dev.ktel.collectors.testing.NodeExporterGolden;
import dev.ktel.collectors.testing.SharedFixtures;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.core.text.ParseErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HwmonCollectorTest {
    private static final String GOLDEN_CHIPS = "(applesmc|asus_nb_wmi|coretemp|hwmon4|ieee80211|nct6779)";

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "temp1_input|temp|1|input",
        "fan2_min|fan|2|min",
        "pwm1_auto_point1_pwm|pwm|1|auto_point1_pwm",
        "beep_enable|beep_enable|''|",
        "in0|in|0|",
    })
    void splitsFileNamesAsNodeExporter(String file, String type, String id, String property) {
        var m = HwmonPlan.FILENAME.matcher(file);
        assertThat(m.matches()).isTrue();
        assertThat(m.group("type")).isEqualTo(type);
        assertThat(m.group("id")).isEqualTo(id);
        assertThat(m.group("property")).isEqualTo(property);
    }

    @Test
    void cleansNames() {
        assertThat(HwmonPlan.clean("Core 0")).isEqualTo("core_0");
        assertThat(HwmonPlan.clean("_asus-nb-wmi_")).isEqualTo("asus_nb_wmi");
    }

    private static void write(Path p, String content) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @Test
    void readsSensorsAndSkipsUnreadableOrBadValues(@TempDir Path root) throws Exception {
        Path chip = root.resolve("sys/class/hwmon/hwmon0");
        write(chip.resolve("name"), "k10temp\n");
        write(chip.resolve("temp1_input"), "45250\n");
        write(chip.resolve("temp1_label"), "Tctl\n");
        write(chip.resolve("temp2_input"), "garbage\n"); // driver reports no reading: no series
        write(chip.resolve("fan1_input"), "1200\n");
        write(chip.resolve("power1_average"), "12500000\n");
        write(chip.resolve("energy1_input"), "3000000\n");
        write(chip.resolve("in0_input"), "1250\n");
        write(chip.resolve("uevent"), "DRIVER=k10temp\n");
        write(chip.resolve("futuresensor1_input"), "7\n"); // unknown sensor types are skipped
        SampleRecorder rec = Collect.once(new HwmonCollector.Factory(),
                HostPaths.of(root.resolve("proc"), root.resolve("sys"), root), Map.of(), ParseErrors.THROW);
        assertThat(rec.value("node_hwmon_chip_names", "chip", "k10temp", "chip_name", "k10temp")).contains(1.0);
        assertThat(rec.value("node_hwmon_temp_celsius", "chip", "k10temp", "sensor", "temp1")).contains(45.25);
        assertThat(rec.samples("node_hwmon_temp_celsius")).hasSize(1);
        assertThat(rec.value("node_hwmon_sensor_label", "sensor", "temp1", "label", "Tctl")).contains(1.0);
        assertThat(rec.value("node_hwmon_fan_rpm", "sensor", "fan1")).contains(1200.0);
        assertThat(rec.value("node_hwmon_power_average_watt", "sensor", "power1")).contains(12.5);
        assertThat(rec.value("node_hwmon_energy_joule_total", "sensor", "energy1")).contains(3.0);
        assertThat(rec.families().get("node_hwmon_energy_joule_total").type().textName()).isEqualTo("counter");
        assertThat(rec.value("node_hwmon_in_volts", "sensor", "in0")).contains(1.25);
        assertThat(rec.families().keySet()).noneMatch(f -> f.contains("futuresensor"));
    }

    @Test
    void unavailableOnCapturedVm() {
        assertThatThrownBy(() -> Collect.once(new HwmonCollector.Factory(), Collect.captured("debian12-linux6.18")))
                .isInstanceOf(CollectorUnavailableException.class)
                .hasMessageContaining("class/hwmon does not exist");
    }

    @Test
    void nodeExporterFixtureMatchesGolden() throws Exception {
        SampleRecorder rec = Collect.once(new HwmonCollector.Factory(), SharedFixtures.nodeExporter(),
                Map.of("chip-include", GOLDEN_CHIPS), ParseErrors.THROW);
        List<String> families = NodeExporterGolden.load().familiesStartingWith("node_hwmon_");
        assertThat(families).hasSizeGreaterThan(40);
        for (String f : families) {
            NodeExporterGolden.load().assertFamilyMatches(rec, f);
        }
        assertThat(rec.families().keySet()).allMatch(families::contains);
    }

    @Test
    void chipExcludeDropsChips() throws Exception {
        SampleRecorder rec = Collect.once(new HwmonCollector.Factory(), SharedFixtures.nodeExporter(),
                Map.of("chip-include", GOLDEN_CHIPS, "chip-exclude", "coretemp"), ParseErrors.THROW);
        assertThat(rec.samples("node_hwmon_temp_celsius")).isNotEmpty()
                .noneMatch(s -> s.label("chip").contains("coretemp"));
    }

    @Test
    void allFixtureChipsWithoutFilter() throws Exception {
        // procfs's corpus has no hwmon tree; node_exporter's has chips the golden filters out
        SampleRecorder rec = Collect.once(new HwmonCollector.Factory(), SharedFixtures.nodeExporter());
        assertThat(rec.samples("node_hwmon_chip_names").size())
                .isGreaterThan(NodeExporterGolden.load().family("node_hwmon_chip_names").size());
    }
}
