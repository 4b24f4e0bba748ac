package dev.ktel.collectors.sys.edac;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EdacCollectorTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "'mc#0csrow#1channel#0\n'|mc0_csrow1_channel0", "'DIMM_A1'|DIMM_A1", "'CPU_SrcID#0_Ha#0_Chan#0_DIMM#0'|CPU_SrcID0_Ha0_Chan0_DIMM0",
    })
    void dimmLabelsRewrittenAsNodeExporter(String raw, String expected) {
        assertThat(EdacCollector.dimmLabel(raw)).isEqualTo(expected);
    }

    @Test
    void nodeExporterFixtureMatchesGolden() throws Exception {
        SampleRecorder rec = Collect.once(new EdacCollector.Factory(), SharedFixtures.nodeExporter());
        for (String f : List.of("node_edac_correctable_errors_total", "node_edac_uncorrectable_errors_total",
                "node_edac_csrow_correctable_errors_total", "node_edac_csrow_uncorrectable_errors_total",
                "node_edac_channel_correctable_errors_total", "node_edac_channel_uncorrectable_errors_total")) {
            NodeExporterGolden.load().assertFamilyMatches(rec, f);
        }
    }

    @Test
    void badCountIsReportedAndSkipped(@TempDir Path root) throws Exception {
        Path mc = root.resolve("sys/devices/system/edac/mc/mc0");
        Files.createDirectories(mc.resolve("csrow0"));
        Files.writeString(mc.resolve("ce_count"), "oops\n");
        Files.writeString(mc.resolve("ue_count"), "2\n");
        Files.writeString(mc.resolve("ce_noinfo_count"), "0\n");
        Files.writeString(mc.resolve("ue_noinfo_count"), "0\n");
        Files.writeString(mc.resolve("csrow0/ce_count"), "1\n");
        Files.writeString(mc.resolve("csrow0/ue_count"), "0\n");
        Files.writeString(mc.resolve("csrow0/ch0_ce_count"), "1\n");
        List<ProcParseException> errors = new ArrayList<>();
        SampleRecorder rec = Collect.once(new EdacCollector.Factory(),
                HostPaths.of(root.resolve("proc"), root.resolve("sys"), root), Map.of(), errors::add);
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.getMessage())
                .startsWith(mc.resolve("ce_count") + ":1: value: expected unsigned integer, got \"oops\""));
        assertThat(rec.families()).doesNotContainKey("node_edac_correctable_errors_total");
        assertThat(rec.value("node_edac_uncorrectable_errors_total", "controller", "0")).contains(2.0);
        assertThat(rec.value("node_edac_channel_correctable_errors_total", "dimm_label", "unknown")).contains(1.0);
        assertThat(rec.families()).doesNotContainKey("node_edac_channel_uncorrectable_errors_total");
    }

    @Test
    void capturedVmWithoutEdacIsUnavailable() {
        assertThatThrownBy(() -> Collect.once(new EdacCollector.Factory(), Collect.captured("debian12-linux6.18")))
                .isInstanceOf(CollectorUnavailableException.class)
                .hasMessageContaining("edac/mc does not exist");
    }
}
