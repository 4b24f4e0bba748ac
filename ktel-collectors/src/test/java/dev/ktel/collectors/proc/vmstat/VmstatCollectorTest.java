package dev.ktel.collectors.proc.vmstat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.collectors.testing.Collect;
import dev.ktel.collectors.testing.NodeExporterGolden;
import dev.ktel.collectors.testing.SharedFixtures;
import dev.ktel.core.metric.MetricType;
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

class VmstatCollectorTest {

    private static Vmstat parse(String text, List<ProcParseException> errors) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        Vmstat v = new Vmstat();
        new VmstatParser().parse("/proc/vmstat", b, b.length, v, errors::add);
        return v;
    }

    @Test
    void parsesEveryKeyIncludingNegativeDriftAndNewKeys() {
        List<ProcParseException> errors = new ArrayList<>();
        Vmstat v = parse("nr_free_pages 977769\nnr_dirtied -3\noom_kill 2\nsome_future_counter 5\n", errors);
        assertThat(errors).isEmpty();
        assertThat(v.count).isEqualTo(4);
        assertThat(v.value[1]).isEqualTo(-3);
        assertThat(v.key[2]).isEqualTo("oom_kill");
        assertThat(v.value[2]).isEqualTo(2);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "pgfault many|/proc/vmstat:2: field 2 (value): expected integer, got \"many\"",
        "pgfault|/proc/vmstat:2: line: expected \"key value\"",
        "pgfault 1 2|/proc/vmstat:2: line: expected \"key value\"",
    })
    void malformedLineIsReportedAndSkipped(String line, String message) {
        List<ProcParseException> errors = new ArrayList<>();
        Vmstat v = parse("pgpgin 1\n" + line + "\noom_kill 3\n", errors);
        assertThat(errors).singleElement().extracting(Throwable::getMessage).asString().startsWith(message);
        assertThat(v.count).isEqualTo(2);
        assertThat(v.key[1]).isEqualTo("oom_kill");
    }

    @Test
    void capturedFixtureExportsTheDefaultFieldsOnlyIncludingOomKill() throws Exception {
        SampleRecorder rec = Collect.once(new VmstatCollector.Factory(), Collect.captured("debian12-linux6.18"));
        assertThat(rec.families()).containsOnlyKeys("node_vmstat_pgpgin", "node_vmstat_pgpgout",
                "node_vmstat_pswpin", "node_vmstat_pswpout", "node_vmstat_pgfault", "node_vmstat_pgmajfault",
                "node_vmstat_oom_kill");
        assertThat(rec.families().get("node_vmstat_oom_kill").type()).isEqualTo(MetricType.UNTYPED);
        assertThat(rec.value("node_vmstat_oom_kill")).contains(0.0);
    }

    @Test
    void emptyFieldsOptionExportsEverything() throws Exception {
        SampleRecorder rec = Collect.once(new VmstatCollector.Factory(), Collect.captured("debian12-linux6.18"),
                Map.of("fields", ""), ParseErrors.THROW);
        assertThat(rec.families()).hasSizeGreaterThan(100).containsKey("node_vmstat_nr_free_pages");
    }

    @Test
    void invalidRegexIsAConfigurationError() {
        assertThatThrownBy(() -> Collect.once(new VmstatCollector.Factory(), Collect.captured("debian12-linux6.18"),
                Map.of("fields", "(oom"), ParseErrors.THROW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("collector.vmstat.fields");
    }

    @Test
    void nodeExporterFixtureMatchesGolden() throws Exception {
        SampleRecorder rec = Collect.once(new VmstatCollector.Factory(), SharedFixtures.nodeExporter());
        NodeExporterGolden golden = NodeExporterGolden.load();
        List<String> families = golden.familiesStartingWith("node_vmstat_");
        assertThat(rec.families().keySet()).containsExactlyInAnyOrderElementsOf(families);
        golden.assertFamiliesMatch(rec, families.toArray(String[]::new));
    }
}
