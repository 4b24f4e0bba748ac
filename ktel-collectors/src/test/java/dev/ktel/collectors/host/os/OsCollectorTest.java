package dev.ktel.collectors.host.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.collectors.testing.Collect;
import dev.ktel.collectors.testing.NodeExporterGolden;
import dev.ktel.collectors.testing.SharedFixtures;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.core.text.ParseErrors;
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

class OsCollectorTest {

    private static OsRelease parse(String text, List<ProcParseException> errors) {
        OsRelease r = new OsRelease();
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        new OsReleaseParser().parse("/etc/os-release", b, b.length, r, errors::add);
        return r;
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "NAME=\"Debian GNU/Linux\"|NAME|Debian GNU/Linux",
        "NAME='Fedora Linux'|NAME|Fedora Linux",
        "ID=ubuntu|ID|ubuntu",
        "  ID_LIKE=\"rhel centos fedora\"  |ID_LIKE|rhel centos fedora",
        "PRETTY_NAME=\"say \\\"hi\\\" \\$HOME\"|PRETTY_NAME|say \"hi\" $HOME",
        "VERSION_ID=\"12\" # a comment|VERSION_ID|12",
        "VERSION=1.0\\ beta|VERSION|1.0 beta",
        "SUPPORT_END=2030-06-30|SUPPORT_END|2030-06-30",
        "FUTURE_KEY=x|ID|''",
    })
    void parsesValues(String line, String key, String expected) {
        List<ProcParseException> errors = new ArrayList<>();
        OsRelease r = parse("# comment\n\n" + line + "\n", errors);
        assertThat(errors).isEmpty();
        assertThat(r.get(key)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "NAME=\"Debian|unterminated quote",
        "just text|expected KEY=value",
        "NAME=two words|unquoted space",
    })
    void reportsMalformedLinesNamingFileAndLine(String line, String expected) {
        List<ProcParseException> errors = new ArrayList<>();
        OsRelease r = parse("ID=debian\n" + line + "\nVERSION_ID=12\n", errors);
        assertThat(errors).singleElement().satisfies(e -> assertThat(e)
                .hasMessageStartingWith("/etc/os-release:2: ").hasMessageContaining(expected));
        // the other lines still count
        assertThat(r.get("ID")).isEqualTo("debian");
        assertThat(r.get("VERSION_ID")).isEqualTo("12");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {"20.04|20.04", "12|12", "9.3.1|9.3", "rolling|0", "''|0", "2024.1a|2024.1"})
    void majorMinorLikeNodeExporter(String versionId, double expected) {
        assertThat(OsReleaseParser.majorMinor(versionId)).isEqualTo(expected);
    }

    @Test
    void nodeExporterFixtureMatchesGolden() throws Exception {
        SampleRecorder rec = Collect.once(new OsCollector.Factory(), SharedFixtures.nodeExporter());
        NodeExporterGolden.load().assertFamilyMatches(rec, "node_os_info");
        NodeExporterGolden.load().assertFamilyMatches(rec, "node_os_version");
        assertThat(rec.families()).doesNotContainKey("node_os_support_end_timestamp_seconds");
    }

    @Test
    void capturedFixturePrefersEtc() throws Exception {
        SampleRecorder rec = Collect.once(new OsCollector.Factory(), Collect.captured("debian12-linux6.18"));
        assertThat(rec.value("node_os_info", "id", "debian", "version_id", "12")).contains(1.0);
        assertThat(rec.value("node_os_version", "id", "debian")).contains(12.0);
    }

    @Test
    void fallsBackToUsrLibAndReadsChangesAndSupportEnd(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("usr/lib"));
        Files.writeString(root.resolve("usr/lib/os-release"), "ID=fedora\nVERSION_ID=41\nSUPPORT_END=2025-12-15\n");
        HostPaths paths = HostPaths.of(root.resolve("proc"), root.resolve("sys"), root);
        var factory = new OsCollector.Factory();
        try (var c = factory.create(new dev.ktel.collectors.CollectorContext("os", paths, Map.of(),
                ParseErrors.THROW))) {
            SampleRecorder rec = new SampleRecorder();
            c.collect(rec);
            assertThat(rec.value("node_os_version", "id", "fedora")).contains(41.0);
            assertThat(rec.value("node_os_support_end_timestamp_seconds")).contains(1765756800.0);

            Files.createDirectories(root.resolve("etc"));
            Files.writeString(root.resolve("etc/os-release"), "ID=fedora\nVERSION_ID=42\n");
            SampleRecorder again = new SampleRecorder();
            c.collect(again);
            assertThat(again.value("node_os_version", "id", "fedora")).contains(42.0);
            assertThat(again.families()).doesNotContainKey("node_os_support_end_timestamp_seconds");
        }
    }

    @Test
    void unavailableWithoutOsRelease(@TempDir Path root) {
        assertThatThrownBy(() -> Collect.once(new OsCollector.Factory(),
                HostPaths.of(root.resolve("proc"), root.resolve("sys"), root)))
                .isInstanceOf(CollectorUnavailableException.class)
                .hasMessageContaining("os-release");
    }
}
