package dev.ktel.collectors.proc.pressure;

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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PressureCollectorTest {

    private static PressureStall parse(String text, List<ProcParseException> errors) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        PressureStall p = new PressureStall();
        new PressureParser().parse("/proc/pressure/io", b, b.length, p, errors::add);
        return p;
    }

    @Test
    void parsesSomeAndFull() {
        List<ProcParseException> errors = new ArrayList<>();
        PressureStall p = parse("some avg10=0.18 avg60=0.13 avg300=0.38 total=4929646\n"
                + "full avg10=0.00 avg60=0.02 avg300=0.31 total=3732157\n", errors);
        assertThat(errors).isEmpty();
        assertThat(p.hasSome).isTrue();
        assertThat(p.someAvg10).isEqualTo(0.18);
        assertThat(p.someTotalMicros).isEqualTo(4929646);
        assertThat(p.fullAvg300).isEqualTo(0.31);
        assertThat(p.fullTotalMicros).isEqualTo(3732157);
    }

    @Test
    void onlyFullWithoutNewlineAndUnknownKeysAndLines() {
        List<ProcParseException> errors = new ArrayList<>();
        PressureStall p = parse("burst x=1\nfull avg10=0.00 avg60=0.00 avg300=0.00 avg900=1.0 total=8494", errors);
        assertThat(errors).isEmpty();
        assertThat(p.hasSome).isFalse();
        assertThat(p.hasFull).isTrue();
        assertThat(p.fullTotalMicros).isEqualTo(8494);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "some avg10=0.18 avg60=0.13 avg300=0.38 total=-4|/proc/pressure/io:1: field 5 (total): expected total=",
        "some avg10=0.18 avg60=0.13 avg300=0.38|/proc/pressure/io:1: field 5 (total): missing",
        "some avg10=high avg60=0.13 avg300=0.38 total=1|/proc/pressure/io:1: field 2 (avg10)",
    })
    void malformedLineIsReportedAndTheOtherKept(String line, String message) {
        List<ProcParseException> errors = new ArrayList<>();
        PressureStall p = parse(line + "\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=3\n", errors);
        assertThat(errors).singleElement().extracting(Throwable::getMessage).asString().startsWith(message);
        assertThat(p.hasSome).isFalse();
        assertThat(p.fullTotalMicros).isEqualTo(3);
    }

    @Test
    void capturedFixtureWithoutIrqFile() throws Exception {
        SampleRecorder rec = Collect.once(new PressureCollector.Factory(), Collect.captured("debian12-linux6.18"));
        assertThat(rec.families()).containsOnlyKeys("node_pressure_cpu_waiting_seconds_total",
                "node_pressure_io_waiting_seconds_total", "node_pressure_io_stalled_seconds_total",
                "node_pressure_memory_waiting_seconds_total", "node_pressure_memory_stalled_seconds_total");
        assertThat(rec.value("node_pressure_cpu_waiting_seconds_total")).contains(4929646 / 1000.0 / 1000.0);
    }

    @Test
    void nodeExporterFixtureMatchesGoldenIncludingIrq() throws Exception {
        SampleRecorder rec = Collect.once(new PressureCollector.Factory(), SharedFixtures.nodeExporter());
        NodeExporterGolden golden = NodeExporterGolden.load();
        List<String> families = golden.familiesStartingWith("node_pressure_");
        assertThat(families).contains("node_pressure_irq_stalled_seconds_total");
        assertThat(rec.families().keySet()).containsExactlyInAnyOrderElementsOf(families);
        golden.assertFamiliesMatch(rec, families.toArray(String[]::new));
    }

    @Test
    void procfsFixtureWithSomeOnlyCpu() throws Exception {
        SampleRecorder rec = Collect.once(new PressureCollector.Factory(), SharedFixtures.procfs());
        assertThat(rec.value("node_pressure_cpu_waiting_seconds_total")).contains(15 / 1000.0 / 1000.0);
        assertThat(rec.value("node_pressure_memory_stalled_seconds_total")).contains(25 / 1000.0 / 1000.0);
    }

    @Test
    void missingPressureDirectoryIsUnavailableWithReason(@TempDir Path tmp) {
        HostPaths paths = HostPaths.of(tmp.resolve("proc"), tmp.resolve("sys"), tmp);
        assertThatThrownBy(() -> Collect.once(new PressureCollector.Factory(), paths))
                .isInstanceOf(CollectorUnavailableException.class)
                .hasMessageContaining("pressure/cpu does not exist")
                .hasMessageContaining("PSI");
    }
}
