package dev.ktel.collectors.proc.meminfo;

import static org.assertj.core.api.Assertions.assertThat;

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

class MeminfoCollectorTest {

    private static Meminfo parse(String text, List<ProcParseException> errors) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        Meminfo m = new Meminfo();
        new MeminfoParser().parse("/proc/meminfo", b, b.length, m, errors::add);
        return m;
    }

    @Test
    void parsesKilobyteAndPlainFieldsAndSkipsEmptyLines() {
        List<ProcParseException> errors = new ArrayList<>();
        Meminfo m = parse("MemTotal:        3742148 kB\n\nActive(anon):    2020004 kB\nHugePages_Total:       0\n"
                + "FutureField:  12 kB\n", errors);
        assertThat(errors).isEmpty();
        assertThat(m.count).isEqualTo(4);
        assertThat(m.key[1]).isEqualTo("Active(anon)");
        assertThat(m.value[1]).isEqualTo(2020004);
        assertThat(m.kilobytes[1]).isTrue();
        assertThat(m.kilobytes[2]).isFalse();
        assertThat(m.key[3]).isEqualTo("FutureField");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "Dirty:   x kB|/proc/meminfo:2: field 2 (value): expected unsigned integer, got \"x\"",
        "Dirty:|/proc/meminfo:2: field 2: missing",
        "Dirty   12 kB|/proc/meminfo:2: field 1 (key): expected KEY:",
        "Dirty:   12 MB|/proc/meminfo:2: line: expected \"KEY: VALUE [kB]\"",
    })
    void malformedLineIsReportedAndSkipped(String line, String message) {
        List<ProcParseException> errors = new ArrayList<>();
        Meminfo m = parse("MemTotal: 1 kB\n" + line + "\nMemFree: 2 kB\n", errors);
        assertThat(errors).singleElement().extracting(Throwable::getMessage).asString().startsWith(message);
        assertThat(m.count).isEqualTo(2);
        assertThat(m.key[1]).isEqualTo("MemFree");
    }

    @Test
    void namesFollowNodeExporter() {
        assertThat(MeminfoCollector.family("Active(anon)", true).name()).isEqualTo("node_memory_Active_anon_bytes");
        assertThat(MeminfoCollector.family("HugePages_Total", false).name()).isEqualTo("node_memory_HugePages_Total");
        assertThat(MeminfoCollector.family("MemTotal", true).help()).isEqualTo(
                "Memory information field MemTotal_bytes.");
    }

    @Test
    void capturedFixture() throws Exception {
        SampleRecorder rec = Collect.once(new MeminfoCollector.Factory(), Collect.captured("debian12-linux6.18"));
        assertThat(rec.families()).containsKeys("node_memory_MemTotal_bytes", "node_memory_MemAvailable_bytes",
                "node_memory_Active_anon_bytes", "node_memory_HugePages_Total");
        assertThat(rec.value("node_memory_MemTotal_bytes").orElseThrow()).isPositive();
        assertThat(rec.value("node_memory_MemTotal_bytes").orElseThrow() % 1024).isZero();
    }

    @Test
    void nodeExporterFixtureMatchesGoldenForEveryMemoryFamily() throws Exception {
        SampleRecorder rec = Collect.once(new MeminfoCollector.Factory(), SharedFixtures.nodeExporter());
        NodeExporterGolden golden = NodeExporterGolden.load();
        // node_memory_numa_* come from the meminfo_numa collector (sysfs), not from /proc/meminfo
        List<String> families = golden.familiesStartingWith("node_memory_").stream()
                .filter(f -> !f.startsWith("node_memory_numa_")).toList();
        assertThat(families).hasSizeGreaterThan(40);
        assertThat(rec.families().keySet()).containsExactlyInAnyOrderElementsOf(families);
        golden.assertFamiliesMatch(rec, families.toArray(String[]::new));
    }

    @Test
    void procfsFixtureParses() throws Exception {
        SampleRecorder rec = Collect.once(new MeminfoCollector.Factory(), SharedFixtures.procfs());
        assertThat(rec.value("node_memory_MemTotal_bytes").orElseThrow()).isPositive();
    }

    @Test
    void repeatedKeyIsWrittenOnce(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("proc"));
        Files.writeString(tmp.resolve("proc/meminfo"), "MemTotal: 1 kB\nMemTotal: 2 kB\n");
        SampleRecorder rec = Collect.once(new MeminfoCollector.Factory(),
                HostPaths.of(tmp.resolve("proc"), tmp.resolve("sys"), tmp));
        assertThat(rec.samples()).hasSize(1);
        assertThat(rec.value("node_memory_MemTotal_bytes")).contains(1024.0);
    }
}
