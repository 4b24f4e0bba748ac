package dev.ktel.collectors.proc.stat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.collectors.testing.Collect;
import dev.ktel.collectors.testing.NodeExporterGolden;
import dev.ktel.collectors.testing.SharedFixtures;
import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatCollectorTest {
    private static final String STAT = """
            cpu  2900 0 2466 85240 480 0 107 0 0 0
            cpu0 1055 0 918 43534 32 0 39 0 0 0
            intr 131004 0 0 1 8
            ctxt 258281
            btime 1795574920
            processes 3052
            procs_running 2
            procs_blocked 1
            softirq 90221 0 9980 3 1217 33378 0 4 27149 0 18490
            """;

    private static KernelStat parse(String text, List<ProcParseException> errors) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        KernelStat s = new KernelStat();
        new KernelStatParser().parse("/proc/stat", b, b.length, s, errors::add);
        return s;
    }

    @Test
    void parsesEverySystemWideLine() {
        List<ProcParseException> errors = new ArrayList<>();
        KernelStat s = parse(STAT, errors);
        assertThat(errors).isEmpty();
        assertThat(s.intr).isEqualTo(131004);
        assertThat(s.contextSwitches).isEqualTo(258281);
        assertThat(s.bootTime).isEqualTo(1795574920);
        assertThat(s.forks).isEqualTo(3052);
        assertThat(s.procsRunning).isEqualTo(2);
        assertThat(s.procsBlocked).isEqualTo(1);
        assertThat(s.softirqTotal).isEqualTo(90221);
        assertThat(s.softirqVectors).isEqualTo(10);
        assertThat(s.softirq[4]).isEqualTo(33378); // block
        assertThat(s.softirq[9]).isEqualTo(18490);
    }

    @Test
    void unknownLinesAndExtraSoftirqVectorsFromNewerKernelsAreIgnored() {
        List<ProcParseException> errors = new ArrayList<>();
        KernelStat s = parse("btime 5\nnew_counter 1 2 3\nsoftirq 11 1 1 1 1 1 1 1 1 1 1 99\n", errors);
        assertThat(errors).isEmpty();
        assertThat(s.bootTime).isEqualTo(5);
        assertThat(s.softirqVectors).isEqualTo(10);
        assertThat(s.intr).isEqualTo(-1);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "ctxt lots|/proc/stat:2: field 2 (ctxt): expected unsigned integer, got \"lots\"",
        "procs_running|/proc/stat:2: field 2: missing",
        "softirq 10 1 -2|/proc/stat:2: field 4 (timer)",
    })
    void malformedLineIsReportedAndTheRestIsKept(String line, String message) {
        List<ProcParseException> errors = new ArrayList<>();
        KernelStat s = parse("btime 7\n" + line + "\nprocesses 9\n", errors);
        assertThat(errors).singleElement().extracting(Throwable::getMessage).asString().startsWith(message);
        assertThat(s.bootTime).isEqualTo(7);
        assertThat(s.forks).isEqualTo(9);
    }

    @Test
    void capturedFixtureWithoutSoftirqOption() throws Exception {
        SampleRecorder rec = Collect.once(new StatCollector.Factory(), Collect.captured("debian12-linux6.18"));
        assertThat(rec.families()).containsOnlyKeys("node_intr_total", "node_context_switches_total",
                "node_forks_total", "node_boot_time_seconds", "node_procs_running", "node_procs_blocked");
        assertThat(rec.value("node_boot_time_seconds")).contains(1795574920.0);
        assertThat(rec.value("node_context_switches_total")).contains(258281.0);
    }

    @Test
    void nodeExporterFixtureMatchesGoldenWithSoftirqOption() throws Exception {
        SampleRecorder rec = Collect.once(new StatCollector.Factory(), SharedFixtures.nodeExporter(),
                Map.of("softirq", "true"), ParseErrors.THROW);
        NodeExporterGolden.load().assertFamiliesMatch(rec, "node_intr_total", "node_context_switches_total",
                "node_forks_total", "node_boot_time_seconds", "node_procs_running", "node_procs_blocked",
                "node_softirqs_total");
    }

    @Test
    void procfsFixtureParses() throws Exception {
        SampleRecorder rec = Collect.once(new StatCollector.Factory(), SharedFixtures.procfs());
        assertThat(rec.value("node_intr_total")).contains(73777505.0);
        assertThat(rec.value("node_procs_blocked")).contains(1.0);
    }
}
