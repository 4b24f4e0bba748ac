package dev.ktel.collectors.proc.entropy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.collectors.testing.Collect;
import dev.ktel.collectors.testing.NodeExporterGolden;
import dev.ktel.collectors.testing.SharedFixtures;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.core.text.ProcParseException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntropyCollectorTest {

    private static HostPaths tree(Path tmp, String avail, String pool) throws Exception {
        Path dir = tmp.resolve("proc/sys/kernel/random");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("entropy_avail"), avail);
        if (pool != null) {
            Files.writeString(dir.resolve("poolsize"), pool);
        }
        return HostPaths.of(tmp.resolve("proc"), tmp.resolve("sys"), tmp);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "'256\n'|256",
        "'3797'|3797",
        "'0 \n'|0",
    })
    void readsOneNumber(String content, double expected, @TempDir Path tmp) throws Exception {
        SampleRecorder rec = Collect.once(new EntropyCollector.Factory(), tree(tmp, content, "4096\n"));
        assertThat(rec.value("node_entropy_available_bits")).contains(expected);
        assertThat(rec.value("node_entropy_pool_size_bits")).contains(4096.0);
    }

    @Test
    void malformedValueNamesTheFile(@TempDir Path tmp) throws Exception {
        HostPaths paths = tree(tmp, "lots\n", "4096\n");
        assertThatThrownBy(() -> Collect.once(new EntropyCollector.Factory(), paths))
                .isInstanceOf(ProcParseException.class)
                .hasMessageContaining("entropy_avail:1: value: expected integer, got \"lots\"");
    }

    @Test
    void poolSizeIsOptionalAndEntropyAvailIsRequired(@TempDir Path tmp) throws Exception {
        SampleRecorder rec = Collect.once(new EntropyCollector.Factory(), tree(tmp, "256\n", null));
        assertThat(rec.families()).containsOnlyKeys("node_entropy_available_bits");
        HostPaths empty = HostPaths.of(tmp.resolve("nothing"), tmp.resolve("sys"), tmp);
        assertThatThrownBy(() -> Collect.once(new EntropyCollector.Factory(), empty))
                .isInstanceOf(CollectorUnavailableException.class).hasMessageContaining("entropy_avail");
    }

    @Test
    void capturedFixture() throws Exception {
        SampleRecorder rec = Collect.once(new EntropyCollector.Factory(), Collect.captured("debian12-linux6.18"));
        assertThat(rec.value("node_entropy_available_bits")).contains(256.0);
        assertThat(rec.value("node_entropy_pool_size_bits")).contains(256.0);
    }

    @Test
    void nodeExporterFixtureMatchesGolden() throws Exception {
        SampleRecorder rec = Collect.once(new EntropyCollector.Factory(), SharedFixtures.nodeExporter());
        NodeExporterGolden.load().assertFamiliesMatch(rec, "node_entropy_available_bits", "node_entropy_pool_size_bits");
    }

    @Test
    void procfsFixture() throws Exception {
        SampleRecorder rec = Collect.once(new EntropyCollector.Factory(), SharedFixtures.procfs());
        assertThat(rec.value("node_entropy_available_bits")).contains(3943.0);
    }
}
