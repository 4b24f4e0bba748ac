package dev.ktel.collectors.proc.schedstat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.collectors.testing.Collect;
import dev.ktel.collectors.testing.NodeExporterGolden;
import dev.ktel.collectors.testing.SharedFixtures;
import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.core.text.ProcParseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchedstatCollectorTest {
    private static final String HEAD = "version 15\ntimestamp 15819019232\n";

    private static Schedstat parse(String text, List<ProcParseException> errors) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        Schedstat s = new Schedstat();
        new SchedstatParser().parse("/proc/schedstat", b, b.length, s, errors::add);
        return s;
    }

    @Test
    void parsesCpuLinesAndSkipsDomainLinesAndExtraFields() {
        List<ProcParseException> errors = new ArrayList<>();
        Schedstat s = parse(HEAD + "cpu0 1 0 3 4 5 6 700 800 900\ndomain0 00000003 1 2 3 4\n"
                + "cpu1 1 0 3 4 5 6 70 80 90 1000 1001\n", errors);
        assertThat(errors).isEmpty();
        assertThat(s.version).isEqualTo(15);
        assertThat(s.count).isEqualTo(2);
        assertThat(s.cpu[1]).isEqualTo("1");
        assertThat(s.runningNanos[0]).isEqualTo(700);
        assertThat(s.waitingNanos[0]).isEqualTo(800);
        assertThat(s.timeslices[1]).isEqualTo(90);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "cpu0 1 0 3 4 5 6 7 8|/proc/schedstat:3: line: expected cpuN and 9 counters, got 8 counters",
        "cpu0 1 0 3 4 5 6 7 x 9|/proc/schedstat:3: field 9 (waiting_ns): expected unsigned integer, got \"x\"",
        "cpuA 1 0 3 4 5 6 7 8 9|/proc/schedstat:3: field 1 (cpu): expected cpuN",
    })
    void malformedCpuLineIsReportedAndSkipped(String line, String message) {
        List<ProcParseException> errors = new ArrayList<>();
        Schedstat s = parse(HEAD + line + "\ncpu1 1 0 3 4 5 6 7 8 9\n", errors);
        assertThat(errors).singleElement().extracting(Throwable::getMessage).asString().startsWith(message);
        assertThat(s.count).isEqualTo(1);
        assertThat(s.cpu[0]).isEqualTo("1");
    }

    @Test
    void capturedMachineHasNoSchedstatAndIsUnavailableWithReason() {
        assertThatThrownBy(() -> Collect.once(new SchedstatCollector.Factory(), Collect.captured("debian12-linux6.18")))
                .isInstanceOf(CollectorUnavailableException.class)
                .hasMessageEndingWith("schedstat does not exist (kernel built without CONFIG_SCHEDSTATS)");
    }

    @Test
    void nodeExporterFixtureMatchesGolden() throws Exception {
        SampleRecorder rec = Collect.once(new SchedstatCollector.Factory(), SharedFixtures.nodeExporter());
        NodeExporterGolden.load().assertFamiliesMatch(rec, "node_schedstat_running_seconds_total",
                "node_schedstat_waiting_seconds_total", "node_schedstat_timeslices_total");
    }

    @Test
    void procfsFixtureParses() throws Exception {
        SampleRecorder rec = Collect.once(new SchedstatCollector.Factory(), SharedFixtures.procfs());
        // procfs's schedstat_test.go: cpu0 running 2045936778163039 ns, waiting 343796328169361 ns
        assertThat(rec.value("node_schedstat_running_seconds_total", "cpu", "0")).contains(2045936.778163039);
        assertThat(rec.value("node_schedstat_timeslices_total", "cpu", "1")).contains(5145567945.0);
    }
}
