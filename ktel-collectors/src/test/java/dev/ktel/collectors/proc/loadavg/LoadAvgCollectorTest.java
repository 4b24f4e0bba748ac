package dev.ktel.collectors.proc.loadavg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.collectors.testing.Collect;
import dev.ktel.collectors.testing.SharedFixtures;
import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.core.text.ProcParseException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoadAvgCollectorTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "0.21 0.37 0.39 1/719 19473|0.21|0.37|0.39",
        "12.00 3.5 0.00 2/100 1|12|3.5|0",
        "0.02 0.04 0.00 1/1 1 extra-future-field|0.02|0.04|0",
    })
    void parsesValidLines(String line, double l1, double l5, double l15) {
        LoadAvg la = new LoadAvg();
        byte[] b = (line + "\n").getBytes(StandardCharsets.UTF_8);
        new LoadAvgParser().parse("/proc/loadavg", b, b.length, la);
        assertThat(la.load1).isEqualTo(l1);
        assertThat(la.load5).isEqualTo(l5);
        assertThat(la.load15).isEqualTo(l15);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "0.21 x 0.39 1/719 19473|field 2 (load5)",
        "0.21|field 2",
        "''|empty file",
    })
    void rejectsMalformedLinesNamingFileLineAndField(String line, String expected) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new LoadAvgParser().parse("/proc/loadavg", b, b.length, new LoadAvg()))
                .isInstanceOf(ProcParseException.class)
                .hasMessageStartingWith("/proc/loadavg:1: ")
                .hasMessageContaining(expected);
    }

    @Test
    void capturedFixture() throws Exception {
        SampleRecorder rec = Collect.once(new LoadAvgCollector.Factory(), Collect.captured("debian12-linux6.18"));
        assertThat(rec.families()).containsOnlyKeys("node_load1", "node_load5", "node_load15");
        assertThat(rec.value("node_load1")).isPresent();
    }

    @Test
    void nodeExporterFixtureMatchesGolden() throws Exception {
        SampleRecorder rec = Collect.once(new LoadAvgCollector.Factory(), SharedFixtures.nodeExporter());
        assertThat(rec.value("node_load1")).contains(0.21);
        assertThat(rec.value("node_load15")).contains(0.39);
    }
}
