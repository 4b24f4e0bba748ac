package dev.ktel.collectors.sys.powersupply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.collectors.testing.Collect;
import dev.ktel.collectors.testing.NodeExporterGolden;
import dev.ktel.collectors.testing.SharedFixtures;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PowerSupplyCollectorTest {

    @Test
    void nodeExporterFixtureMatchesGolden() throws Exception {
        SampleRecorder rec = Collect.once(new PowerSupplyCollector.Factory(), SharedFixtures.nodeExporter());
        List<String> golden = List.of("node_power_supply_capacity", "node_power_supply_cyclecount",
                "node_power_supply_energy_full", "node_power_supply_energy_full_design",
                "node_power_supply_energy_watthour", "node_power_supply_info", "node_power_supply_online",
                "node_power_supply_power_watt", "node_power_supply_present",
                "node_power_supply_voltage_min_design", "node_power_supply_voltage_volt");
        for (String f : golden) {
            NodeExporterGolden.load().assertFamilyMatches(rec, f);
        }
        assertThat(rec.families()).containsOnlyKeys(golden);
    }

    @Test
    void ignoredSuppliesOption() throws Exception {
        SampleRecorder rec = Collect.once(new PowerSupplyCollector.Factory(), SharedFixtures.nodeExporter(),
                Map.of("ignored-supplies", "^BAT"), ParseErrors.THROW);
        assertThat(rec.samples("node_power_supply_info")).singleElement()
                .satisfies(s -> assertThat(s.label("power_supply")).isEqualTo("AC"));
        assertThat(rec.families()).doesNotContainKey("node_power_supply_capacity");
    }

    @Test
    void procfsCorpusDoesNotCrash() throws Exception {
        List<ProcParseException> errors = new ArrayList<>();
        SampleRecorder rec = Collect.once(new PowerSupplyCollector.Factory(), SharedFixtures.procfs(), Map.of(),
                errors::add);
        assertThat(errors).isEmpty();
        assertThat(rec.samples("node_power_supply_info")).extracting(s -> s.label("power_supply"))
                .containsExactly("AC", "BAT0");
    }

    @Test
    void temperaturesAndBadValues(@TempDir Path root) throws Exception {
        Path bat = root.resolve("sys/class/power_supply/BAT1");
        Files.createDirectories(bat);
        Files.writeString(bat.resolve("temp"), "253\n");
        Files.writeString(bat.resolve("current_now"), "1500000\n");
        Files.writeString(bat.resolve("capacity"), "full\n");
        Files.writeString(bat.resolve("status"), "Charging\n");
        Files.writeString(bat.resolve("some_future_attribute"), "1\n");
        List<ProcParseException> errors = new ArrayList<>();
        SampleRecorder rec = Collect.once(new PowerSupplyCollector.Factory(),
                HostPaths.of(root.resolve("proc"), root.resolve("sys"), root), Map.of(), errors::add);
        assertThat(rec.value("node_power_supply_temp_celsius", "power_supply", "BAT1")).contains(25.3);
        assertThat(rec.value("node_power_supply_current_ampere", "power_supply", "BAT1")).contains(1.5);
        assertThat(rec.value("node_power_supply_info", "status", "Charging")).contains(1.0);
        assertThat(rec.families()).doesNotContainKey("node_power_supply_capacity");
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.getMessage())
                .startsWith(bat.resolve("capacity") + ":1: value: expected integer, got \"full\""));
    }

    @Test
    void capturedAndLiveHost() throws Exception {
        assertThatThrownBy(() -> Collect.once(new PowerSupplyCollector.Factory(),
                Collect.captured("debian12-linux6.18")))
                .isInstanceOf(CollectorUnavailableException.class)
                .hasMessageContaining("class/power_supply does not exist");
        HostPaths host = HostPaths.host();
        if (Files.isDirectory(host.sys("class/power_supply"))) {
            long supplies;
            try (var s = Files.list(host.sys("class/power_supply"))) {
                supplies = s.count();
            }
            SampleRecorder rec = Collect.once(new PowerSupplyCollector.Factory(), host);
            assertThat(rec.samples("node_power_supply_info")).hasSize((int) supplies);
        }
    }
}
