package dev.ktel.collectors.host.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ktel.collectors.testing.Collect;
import dev.ktel.collectors.testing.NodeExporterGolden;
import dev.ktel.collectors.testing.SharedFixtures;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeCollectorTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "'tsc hpet acpi_pm \n'|tsc,hpet,acpi_pm",
        "'kvm-clock \n'|kvm-clock",
        "'kvm-clock tsc hpet acpi_pm future_source\n'|kvm-clock,tsc,hpet,acpi_pm,future_source",
        "''|''",
    })
    void parsesAvailableClocksources(String text, String expected) {
        Clocksource cs = new Clocksource();
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        new ClocksourceParser().parseAvailable("available_clocksource", b, b.length, cs);
        String[] want = expected.isEmpty() ? new String[0] : expected.split(",");
        assertThat(Arrays.copyOf(cs.available, cs.availableCount)).containsExactly(want);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "''|empty file",
        "'tsc hpet\n'|expected one clocksource name",
    })
    void rejectsBadCurrentClocksource(String text, String expected) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new ClocksourceParser().parseCurrent("/sys/cs0/current_clocksource", b, b.length,
                new Clocksource()))
                .isInstanceOf(ProcParseException.class)
                .hasMessageStartingWith("/sys/cs0/current_clocksource:1: ")
                .hasMessageContaining(expected);
    }

    @Test
    void timeAndZoneFromTheClock() throws Exception {
        HostPaths paths = Collect.captured("debian12-linux6.18");
        Instant summer = Instant.parse("2025-07-01T12:00:00.250Z");
        SampleRecorder rec = new SampleRecorder();
        try (TimeCollector c = new TimeCollector(Clock.fixed(summer, ZoneId.of("Europe/Berlin")),
                paths.sys("devices/system/clocksource"), ParseErrors.THROW)) {
            c.collect(rec);
        }
        assertThat(rec.value("node_time_seconds")).contains(1751371200.25);
        assertThat(rec.value("node_time_zone_offset_seconds", "time_zone", "CEST")).contains(7200.0);

        SampleRecorder utc = new SampleRecorder();
        try (TimeCollector c = new TimeCollector(Clock.fixed(summer, ZoneId.of("UTC")),
                paths.sys("devices/system/clocksource"), ParseErrors.THROW)) {
            c.collect(utc);
        }
        assertThat(utc.value("node_time_zone_offset_seconds", "time_zone", "UTC")).contains(0.0);
    }

    @Test
    void capturedFixture() throws Exception {
        SampleRecorder rec = Collect.once(new TimeCollector.Factory(), Collect.captured("debian12-linux6.18"));
        assertThat(rec.samples("node_time_clocksource_available_info")).singleElement()
                .satisfies(s -> assertThat(s.labels()).containsEntry("clocksource", "kvm-clock")
                        .containsEntry("device", "0"));
        assertThat(rec.value("node_time_clocksource_current_info", "clocksource", "kvm-clock")).contains(1.0);
        assertThat(rec.value("node_time_seconds").orElseThrow())
                .isCloseTo(System.currentTimeMillis() / 1000.0, within(60.0));
    }

    @Test
    void nodeExporterFixtureMatchesGolden() throws Exception {
        SampleRecorder rec = Collect.once(new TimeCollector.Factory(), SharedFixtures.nodeExporter());
        NodeExporterGolden.load().assertFamilyMatches(rec, "node_time_clocksource_available_info");
        NodeExporterGolden.load().assertFamilyMatches(rec, "node_time_clocksource_current_info");
    }

    @Test
    void missingClocksourceDirectoryStillGivesTime() throws Exception {
        SampleRecorder rec = Collect.once(new TimeCollector.Factory(),
                HostPaths.of(java.nio.file.Path.of("/nonexistent/proc"), java.nio.file.Path.of("/nonexistent/sys"),
                        java.nio.file.Path.of("/nonexistent")));
        assertThat(rec.families()).containsOnlyKeys("node_time_seconds", "node_time_zone_offset_seconds");
    }
}
