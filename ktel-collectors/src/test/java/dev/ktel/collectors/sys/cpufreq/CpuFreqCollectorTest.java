package dev.ktel.collectors.sys.cpufreq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.collectors.testing.Collect;
import dev.ktel.collectors.testing.NodeExporterGolden;
import dev.ktel.collectors.testing.SharedFixtures;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.metric.SampleRecorder;
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

class CpuFreqCollectorTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "''|0|false",
        "2-3,5|3|true",
        "2-3,5|4|false",
        "2-3,5|5|true",
        "0|0|true",
    })
    void parsesCpuLists(String list, int cpu, boolean expected) {
        CpuRangeParser p = new CpuRangeParser();
        byte[] b = (list + "\n").getBytes(StandardCharsets.UTF_8);
        p.parse("/sys/devices/system/cpu/offline", b, b.length);
        assertThat(p.contains(cpu)).isEqualTo(expected);
    }

    @Test
    void rejectsBadCpuList() {
        byte[] b = "1-x\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new CpuRangeParser().parse("/sys/devices/system/cpu/offline", b, b.length))
                .isInstanceOf(ProcParseException.class)
                .hasMessageStartingWith("/sys/devices/system/cpu/offline:1: field 1 (cpu range)");
    }

    private static void write(Path p, String content) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @Test
    void skipsOfflineCpusAndReportsBadValues(@TempDir Path root) throws Exception {
        Path cpu = root.resolve("sys/devices/system/cpu");
        write(cpu.resolve("offline"), "1\n");
        write(cpu.resolve("cpu0/cpufreq/scaling_cur_freq"), "1200000\n");
        write(cpu.resolve("cpu0/cpufreq/cpuinfo_max_freq"), "oops\n");
        write(cpu.resolve("cpu0/cpufreq/scaling_governor"), "schedutil\n");
        write(cpu.resolve("cpu0/cpufreq/scaling_available_governors"), "performance schedutil\n");
        write(cpu.resolve("cpu1/cpufreq/scaling_cur_freq"), "800000\n");
        List<ProcParseException> errors = new ArrayList<>();
        SampleRecorder rec = Collect.once(new CpuFreqCollector.Factory(),
                HostPaths.of(root.resolve("proc"), root.resolve("sys"), root), Map.of(), errors::add);
        assertThat(rec.samples("node_cpu_scaling_frequency_hertz")).singleElement()
                .satisfies(s -> assertThat(s.value()).isEqualTo(1.2e9));
        assertThat(rec.value("node_cpu_scaling_governor", "cpu", "0", "governor", "schedutil")).contains(1.0);
        assertThat(rec.value("node_cpu_scaling_governor", "cpu", "0", "governor", "performance")).contains(0.0);
        assertThat(rec.families()).doesNotContainKey("node_cpu_frequency_max_hertz");
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.getMessage())
                .contains("cpuinfo_max_freq:1: value: expected integer, got \"oops\""));
    }

    @Test
    void unavailableOnCapturedVm() {
        assertThatThrownBy(() -> Collect.once(new CpuFreqCollector.Factory(), Collect.captured("debian12-linux6.18")))
                .isInstanceOf(CollectorUnavailableException.class)
                .hasMessageContaining("cpufreq");
    }

    @Test
    void nodeExporterFixtureMatchesGolden() throws Exception {
        SampleRecorder rec = Collect.once(new CpuFreqCollector.Factory(), SharedFixtures.nodeExporter());
        for (String f : List.of("node_cpu_scaling_frequency_hertz", "node_cpu_scaling_frequency_min_hertz",
                "node_cpu_scaling_frequency_max_hertz", "node_cpu_scaling_governor")) {
            NodeExporterGolden.load().assertFamilyMatches(rec, f);
        }
        // the golden's node_cpu_frequency_hertz comes from /proc/cpuinfo (cpu collector), not from cpufreq
        assertThat(rec.families()).doesNotContainKey("node_cpu_frequency_hertz");
    }

    @Test
    void procfsCorpus() throws Exception {
        SampleRecorder rec = Collect.once(new CpuFreqCollector.Factory(), SharedFixtures.procfs());
        assertThat(rec.samples("node_cpu_frequency_hertz")).isNotEmpty();
    }
}
