package dev.ktel.collectors.sys.watchdog;

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

class WatchdogCollectorTest {

    @Test
    void nodeExporterFixtureMatchesGolden() throws Exception {
        SampleRecorder rec = Collect.once(new WatchdogCollector.Factory(), SharedFixtures.nodeExporter());
        List<String> golden = List.of("node_watchdog_access_cs0", "node_watchdog_bootstatus",
                "node_watchdog_fw_version", "node_watchdog_info", "node_watchdog_nowayout",
                "node_watchdog_pretimeout_seconds", "node_watchdog_timeleft_seconds",
                "node_watchdog_timeout_seconds");
        for (String f : golden) {
            NodeExporterGolden.load().assertFamilyMatches(rec, f);
        }
        assertThat(rec.families()).containsOnlyKeys(golden);
    }

    @Test
    void procfsCorpus() throws Exception {
        List<ProcParseException> errors = new ArrayList<>();
        SampleRecorder rec = Collect.once(new WatchdogCollector.Factory(), SharedFixtures.procfs(), Map.of(),
                errors::add);
        assertThat(errors).isEmpty();
        assertThat(rec.value("node_watchdog_info", "name", "watchdog0")).contains(1.0);
        assertThat(rec.value("node_watchdog_bootstatus", "name", "watchdog0")).isPresent();
    }

    @Test
    void badValueReportedOthersKept(@TempDir Path root) throws Exception {
        Path wd = root.resolve("sys/class/watchdog/watchdog3");
        Files.createDirectories(wd);
        Files.writeString(wd.resolve("timeout"), "sixty\n");
        Files.writeString(wd.resolve("timeleft"), "12\n");
        Files.writeString(wd.resolve("identity"), "iTCO_wdt\n");
        List<ProcParseException> errors = new ArrayList<>();
        SampleRecorder rec = Collect.once(new WatchdogCollector.Factory(),
                HostPaths.of(root.resolve("proc"), root.resolve("sys"), root), Map.of(), errors::add);
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.getMessage())
                .startsWith(wd.resolve("timeout") + ":1: value: expected integer"));
        assertThat(rec.value("node_watchdog_timeleft_seconds", "name", "watchdog3")).contains(12.0);
        assertThat(rec.value("node_watchdog_info", "identity", "iTCO_wdt", "state", "")).contains(1.0);
        assertThat(rec.families()).doesNotContainKey("node_watchdog_timeout_seconds");
    }

    @Test
    void capturedAndLiveHost() throws Exception {
        assertThatThrownBy(() -> Collect.once(new WatchdogCollector.Factory(), Collect.captured("debian12-linux6.18")))
                .isInstanceOf(CollectorUnavailableException.class)
                .hasMessageContaining("class/watchdog does not exist");
        HostPaths host = HostPaths.host();
        if (Files.isDirectory(host.sys("class/watchdog"))) {
            long devices;
            try (var s = Files.list(host.sys("class/watchdog"))) {
                devices = s.count();
            }
            SampleRecorder rec = Collect.once(new WatchdogCollector.Factory(), host);
            assertThat(rec.samples("node_watchdog_info")).hasSize((int) devices);
        }
    }
}
