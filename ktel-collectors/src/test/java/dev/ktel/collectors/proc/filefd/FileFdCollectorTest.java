package dev.ktel.collectors.proc.filefd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.collectors.testing.Collect;
import dev.ktel.collectors.testing.NodeExporterGolden;
import dev.ktel.collectors.testing.SharedFixtures;
import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.core.text.ProcParseException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileFdCollectorTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "'1024\t0\t1631329'|1024|1631329",
        "'2272 0 9223372036854775807'|2272|9223372036854775807",
        "'5 0 10 future'|5|10",
    })
    void parsesValidLines(String line, long allocated, long maximum) {
        byte[] b = (line + "\n").getBytes(StandardCharsets.UTF_8);
        FileNr f = new FileNr();
        new FileNrParser().parse("/proc/sys/fs/file-nr", b, b.length, f);
        assertThat(f.allocated).isEqualTo(allocated);
        assertThat(f.maximum).isEqualTo(maximum);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "'1024 0'|/proc/sys/fs/file-nr:1: field 3: missing",
        "'x 0 5'|/proc/sys/fs/file-nr:1: field 1 (allocated): expected unsigned integer, got \"x\"",
        "''|/proc/sys/fs/file-nr:1: line: empty file",
    })
    void rejectsMalformedInput(String line, String message) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new FileNrParser().parse("/proc/sys/fs/file-nr", b, b.length, new FileNr()))
                .isInstanceOf(ProcParseException.class).hasMessageStartingWith(message);
    }

    @Test
    void capturedFixture() throws Exception {
        SampleRecorder rec = Collect.once(new FileFdCollector.Factory(), Collect.captured("debian12-linux6.18"));
        assertThat(rec.families()).containsOnlyKeys("node_filefd_allocated", "node_filefd_maximum");
        assertThat(rec.value("node_filefd_allocated").orElseThrow()).isPositive();
    }

    @Test
    void nodeExporterFixtureMatchesGolden() throws Exception {
        SampleRecorder rec = Collect.once(new FileFdCollector.Factory(), SharedFixtures.nodeExporter());
        NodeExporterGolden.load().assertFamiliesMatch(rec, "node_filefd_allocated", "node_filefd_maximum");
    }
}
