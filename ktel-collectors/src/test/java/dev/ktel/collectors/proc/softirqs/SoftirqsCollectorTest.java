package dev.ktel.collectors.proc.softirqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.collectors.testing.Collect;
import dev.ktel.collectors.testing.NodeExporterGolden;
import dev.ktel.collectors.testing.SharedFixtures;
import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SoftirqsCollectorTest {
    private static final String HEADER = "                    CPU0       CPU1       \n";

    private static Softirqs parse(String text, List<ProcParseException> errors) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        Softirqs s = new Softirqs();
        new SoftirqsParser().parse("/proc/softirqs", b, b.length, s, errors::add);
        return s;
    }

    @Test
    void parsesRowsIncludingTypesOfNewerKernels() {
        List<ProcParseException> errors = new ArrayList<>();
        Softirqs s = parse(HEADER + "          HI:          0          3\n      NET_RX:        584        633\n"
                + "     FUTURE:          1          2\n", errors);
        assertThat(errors).isEmpty();
        assertThat(s.cpus).isEqualTo(2);
        assertThat(s.types).isEqualTo(3);
        assertThat(s.type[1]).isEqualTo("NET_RX");
        assertThat(s.counts[1 * 2 + 1]).isEqualTo(633);
        assertThat(s.type[2]).isEqualTo("FUTURE");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "NET_RX:  584|/proc/softirqs:2: line: expected 2 per-CPU counts, got 1",
        "NET_RX:  584  x|/proc/softirqs:2: field 3 (count): expected unsigned integer, got \"x\"",
        "NET_RX  584  1|/proc/softirqs:2: field 1 (type): expected NAME:",
    })
    void malformedRowIsReportedAndSkipped(String line, String message) {
        List<ProcParseException> errors = new ArrayList<>();
        Softirqs s = parse(HEADER + line + "\nHI: 1 2\n", errors);
        assertThat(errors).singleElement().extracting(Throwable::getMessage).asString().startsWith(message);
        assertThat(s.types).isEqualTo(1);
        assertThat(s.type[0]).isEqualTo("HI");
    }

    @Test
    void badHeaderFailsTheWholeFile() {
        byte[] b = "CPU0 CPUx\nHI: 1 2\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new SoftirqsParser().parse("/proc/softirqs", b, b.length, new Softirqs(),
                ParseErrors.THROW)).isInstanceOf(ProcParseException.class)
                .hasMessageStartingWith("/proc/softirqs:1: field 2 (header): expected CPUn");
    }

    @Test
    void capturedFixture() throws Exception {
        SampleRecorder rec = Collect.once(new SoftirqsCollector.Factory(), Collect.captured("debian12-linux6.18"));
        assertThat(rec.samples("node_softirqs_functions_total")).hasSize(2 * 10);
        assertThat(rec.value("node_softirqs_functions_total", "cpu", "1", "type", "BLOCK")).contains(33378.0);
    }

    @Test
    void nodeExporterFixtureMatchesGolden() throws Exception {
        SampleRecorder rec = Collect.once(new SoftirqsCollector.Factory(), SharedFixtures.nodeExporter());
        NodeExporterGolden.load().assertFamiliesMatch(rec, "node_softirqs_functions_total");
    }

    @Test
    void procfsFixtureParses() throws Exception {
        SampleRecorder rec = Collect.once(new SoftirqsCollector.Factory(), SharedFixtures.procfs());
        assertThat(rec.value("node_softirqs_functions_total", "cpu", "0", "type", "TIMER")).contains(2776180.0);
    }
}
