package dev.ktel.collectors.sys.dmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.collectors.testing.Collect;
import dev.ktel.collectors.testing.NodeExporterGolden;
import dev.ktel.collectors.testing.SharedFixtures;
import dev.ktel.core.metric.SampleRecorder;
import org.junit.jupiter.api.Test;

class DmiCollectorTest {

    @Test
    void nodeExporterFixtureMatchesGolden() throws Exception {
        SampleRecorder rec = Collect.once(new DmiCollector.Factory(), SharedFixtures.nodeExporter());
        NodeExporterGolden.load().assertFamilyMatches(rec, "node_dmi_info");
        // chassis_type, modalias and uevent are not labels
        assertThat(rec.families().get("node_dmi_info").labelNames()).doesNotContain("chassis_type", "modalias")
                .contains("system_vendor");
    }

    @Test
    void procfsCorpus() throws Exception {
        SampleRecorder rec = Collect.once(new DmiCollector.Factory(), SharedFixtures.procfs());
        assertThat(rec.samples("node_dmi_info")).singleElement()
                .satisfies(s -> assertThat(s.labels()).containsKeys("bios_vendor", "product_name"));
    }

    @Test
    void capturedVmWithoutDmiIsUnavailable() {
        // this KVM guest exposes no /sys/class/dmi
        assertThatThrownBy(() -> Collect.once(new DmiCollector.Factory(), Collect.captured("debian12-linux6.18")))
                .isInstanceOf(CollectorUnavailableException.class)
                .hasMessageContaining("class/dmi/id does not exist");
    }
}
