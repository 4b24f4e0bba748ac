package dev.ktel.collectors.proc.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.collectors.CollectorContext;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CpuCollectorTest {
    private static final String HEAD = "cpu  10 0 10 100 0 0 0 0 0 0\n";

    private static CpuTimes parse(String text, List<ProcParseException> errors) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        CpuTimes t = new CpuTimes();
        new CpuStatParser().parse("/proc/stat", b, b.length, t, errors::add);
        return t;
    }

    @Test
    void parsesAllTenColumnsAndStopsAfterTheCpuBlock() {
        List<ProcParseException> errors = new ArrayList<>();
        CpuTimes t = parse(HEAD + "cpu0 1 2 3 4 5 6 7 8 9 10\ncpu3 11 12 13 14 15 16 17 18 19 20\nintr 5 1 2\n"
                + "cpu9 this is not read\n", errors);
        assertThat(errors).isEmpty();
        assertThat(t.count).isEqualTo(2);
        assertThat(t.cpu[0]).isEqualTo("0");
        assertThat(t.cpu[1]).isEqualTo("3");
        assertThat(t.get(0, CpuTimes.USER)).isEqualTo(1);
        assertThat(t.get(0, CpuTimes.STEAL)).isEqualTo(8);
        assertThat(t.get(1, CpuTimes.GUEST_NICE)).isEqualTo(20);
    }

    @Test
    void olderKernelsWithFewerColumnsReadAsZeroAndFutureColumnsAreIgnored() {
        List<ProcParseException> errors = new ArrayList<>();
        CpuTimes t = parse(HEAD + "cpu0 1 2 3 4\ncpu1 1 2 3 4 5 6 7 8 9 10 11 12\n", errors);
        assertThat(errors).isEmpty();
        assertThat(t.count).isEqualTo(2);
        assertThat(t.get(0, CpuTimes.IDLE)).isEqualTo(4);
        assertThat(t.get(0, CpuTimes.STEAL)).isZero();
        assertThat(t.get(1, CpuTimes.GUEST_NICE)).isEqualTo(10);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "cpu0 1 x 3 4 5 6 7 8 0 0|/proc/stat:2: field 3 (nice): expected unsigned integer, got \"x\"",
        "cpu0 1 2|/proc/stat:2: field 4 (system): missing",
        "cpuX 1 2 3 4 5 6 7 8 0 0|/proc/stat:2: field 1 (cpu): expected cpuN",
        "cpu0 1 2 3 4 -5 6 7 8 0 0|/proc/stat:2: field 6 (iowait)",
    })
    void malformedLineIsReportedWithFileLineAndFieldAndSkipped(String line, String message) {
        List<ProcParseException> errors = new ArrayList<>();
        CpuTimes t = parse(HEAD + line + "\ncpu1 1 2 3 4 5 6 7 8 0 0\n", errors);
        assertThat(errors).singleElement().extracting(Throwable::getMessage).asString().startsWith(message);
        assertThat(t.count).isEqualTo(1);
        assertThat(t.cpu[0]).isEqualTo("1");
    }

    @Test
    void capturedFixtureHasEveryModeIncludingSteal() throws Exception {
        SampleRecorder rec = Collect.once(new CpuCollector.Factory(), Collect.captured("debian12-linux6.18"));
        assertThat(rec.families()).containsOnlyKeys("node_cpu_seconds_total", "node_cpu_guest_seconds_total");
        assertThat(rec.samples("node_cpu_seconds_total")).hasSize(2 * 8);
        assertThat(rec.value("node_cpu_seconds_total", "cpu", "1", "mode", "steal")).contains(0.0);
        assertThat(rec.value("node_cpu_seconds_total", "cpu", "0", "mode", "user")).contains(10.55);
        assertThat(rec.value("node_cpu_seconds_total", "cpu", "1", "mode", "idle")).contains(417.06);
        assertThat(rec.samples("node_cpu_guest_seconds_total")).hasSize(2 * 2);
    }

    @Test
    void nodeExporterFixtureMatchesGolden() throws Exception {
        SampleRecorder rec = Collect.once(new CpuCollector.Factory(), SharedFixtures.nodeExporter());
        NodeExporterGolden.load().assertFamiliesMatch(rec, "node_cpu_seconds_total", "node_cpu_guest_seconds_total");
    }

    @Test
    void procfsFixtureParses() throws Exception {
        SampleRecorder rec = Collect.once(new CpuCollector.Factory(), SharedFixtures.procfs());
        assertThat(rec.samples("node_cpu_seconds_total")).hasSize(8 * 8);
        assertThat(rec.value("node_cpu_seconds_total", "cpu", "7", "mode", "nice")).contains(2.68);
    }

    @Test
    void countersNeverGoBackwardsAndAnIdleDropResetsTheCpu(@TempDir Path tmp) throws Exception {
        Path stat = tmp.resolve("proc/stat");
        Files.createDirectories(stat.getParent());
        HostPaths paths = HostPaths.of(tmp.resolve("proc"), tmp.resolve("sys"), tmp);
        Files.writeString(stat, HEAD + "cpu0 100 0 100 100000 500 0 0 7 0 0\n");
        try (var c = new CpuCollector.Factory().create(CollectorContext.forTest("cpu", paths))) {
            c.collect(new SampleRecorder());
            // iowait decreased (NO_HZ accounting): keep the previous value
            Files.writeString(stat, HEAD + "cpu0 110 0 100 100100 400 0 0 9 0 0\n");
            SampleRecorder second = new SampleRecorder();
            c.collect(second);
            assertThat(second.value("node_cpu_seconds_total", "cpu", "0", "mode", "iowait")).contains(5.0);
            assertThat(second.value("node_cpu_seconds_total", "cpu", "0", "mode", "user")).contains(1.1);
            assertThat(second.value("node_cpu_seconds_total", "cpu", "0", "mode", "steal")).contains(0.09);
            // idle fell by more than 3 s: the CPU was replugged, start over
            Files.writeString(stat, HEAD + "cpu0 1 0 1 10 2 0 0 0 0 0\n");
            SampleRecorder third = new SampleRecorder();
            c.collect(third);
            assertThat(third.value("node_cpu_seconds_total", "cpu", "0", "mode", "iowait")).contains(0.02);
            assertThat(third.value("node_cpu_seconds_total", "cpu", "0", "mode", "idle")).contains(0.1);
        }
    }

    @Test
    void noCpuLinesFailsTheCollection(@TempDir Path tmp) throws Exception {
        Path stat = tmp.resolve("proc/stat");
        Files.createDirectories(stat.getParent());
        Files.writeString(stat, "intr 1\nctxt 2\n");
        HostPaths paths = HostPaths.of(tmp.resolve("proc"), tmp.resolve("sys"), tmp);
        assertThatThrownBy(() -> Collect.once(new CpuCollector.Factory(), paths))
                .hasMessageContaining("no per-CPU lines");
    }
}
