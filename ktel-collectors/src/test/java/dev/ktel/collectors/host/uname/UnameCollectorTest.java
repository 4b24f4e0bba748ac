package dev.ktel.collectors.host.uname;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.collectors.testing.Collect;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.metric.RecordedSample;
import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.core.text.ProcParseException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnameCollectorTest {

    @Test
    void decodesCStringsAndSysctlLines() {
        UnameParser p = new UnameParser();
        byte[] field = new byte[UnameParser.FIELD_LENGTH * 2];
        System.arraycopy("Linux".getBytes(StandardCharsets.US_ASCII), 0, field, 0, 5);
        byte[] full = "x".repeat(UnameParser.FIELD_LENGTH).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(full, 0, field, UnameParser.FIELD_LENGTH, full.length);
        assertThat(p.cString(field, 0, UnameParser.FIELD_LENGTH)).isEqualTo("Linux");
        // a field filling all 65 bytes has no NUL: stop at the field end
        assertThat(p.cString(field, UnameParser.FIELD_LENGTH, UnameParser.FIELD_LENGTH)).hasSize(65);

        byte[] b = "6.18.0-1-amd64\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(p.line("osrelease", b, b.length)).isEqualTo("6.18.0-1-amd64");
        byte[] none = "(none)\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(p.line("domainname", none, none.length)).isEqualTo("(none)");
        assertThatThrownBy(() -> p.line("/proc/sys/kernel/osrelease", new byte[0], 0))
                .isInstanceOf(ProcParseException.class)
                .hasMessageStartingWith("/proc/sys/kernel/osrelease:1: value: empty file");
    }

    @Test
    void capturedFixture() throws Exception {
        SampleRecorder rec = Collect.once(new UnameCollector.Factory(), Collect.captured("debian12-linux6.18"));
        RecordedSample s = rec.samples("node_uname_info").getFirst();
        assertThat(s.labels()).containsEntry("sysname", "Linux")
                .containsEntry("nodename", "fixture-host")
                .containsEntry("machine", "x86_64")
                .containsEntry("domainname", "(none)");
        assertThat(s.label("release")).startsWith("6.");
        assertThat(s.label("version")).startsWith("#");
    }

    @Test
    void liveHostThroughUname() throws Exception {
        SampleRecorder rec = Collect.once(new UnameCollector.Factory(), HostPaths.host());
        RecordedSample s = rec.samples("node_uname_info").getFirst();
        assertThat(s.label("sysname")).isEqualTo("Linux");
        assertThat(s.label("release")).isEqualTo(Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip());
        assertThat(s.label("nodename")).isEqualTo(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip());
        assertThat(s.label("machine")).isNotEmpty();
        assertThat(s.value()).isEqualTo(1.0);
    }

    @Test
    void capturedTreeWithoutSysctlsIsUnavailable(@TempDir Path tmp) {
        assertThatThrownBy(() -> Collect.once(new UnameCollector.Factory(),
                HostPaths.of(tmp.resolve("proc"), tmp.resolve("sys"), tmp)))
                .isInstanceOf(CollectorUnavailableException.class)
                .hasMessageContaining("ostype does not exist");
    }
}
