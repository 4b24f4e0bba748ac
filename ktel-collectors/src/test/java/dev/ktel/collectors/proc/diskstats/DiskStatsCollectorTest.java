package dev.ktel.collectors.proc.diskstats;

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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiskStatsCollectorTest {

    private static DiskStats parse(String text, List<ProcParseException> errors) {
        DiskStats ds = new DiskStats();
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        new DiskStatsParser().parse("/proc/diskstats", b, b.length, ds, errors::add);
        return ds;
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        // 14 fields (kernel < 4.18), 18 (discards), 20 (flushes), 21 (a future field: ignored)
        "8 0 sda 1 2 3 4 5 6 7 8 9 10 11|11|0|0",
        "8 16 sdb 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15|15|15|0",
        "8 32 sdc 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17|17|15|17",
        "8 48 sdd 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18|17|15|17",
    })
    void parsesEachKernelVariant(String line, int statCount, long discardTicks, long flushTicks) {
        List<ProcParseException> errors = new ArrayList<>();
        DiskStats ds = parse("   " + line + "\n", errors);
        assertThat(errors).isEmpty();
        assertThat(ds.count).isEqualTo(1);
        assertThat(ds.statCount[0]).isEqualTo(statCount);
        assertThat(ds.major[0]).isEqualTo(8);
        assertThat(ds.stat(0, DiskStats.READS)).isEqualTo(1);
        assertThat(ds.stat(0, DiskStats.IN_FLIGHT)).isEqualTo(9);
        assertThat(ds.stat(0, DiskStats.TIME_IN_QUEUE)).isEqualTo(11);
        assertThat(ds.stat(0, DiskStats.DISCARD_TICKS)).isEqualTo(discardTicks);
        assertThat(ds.stat(0, DiskStats.FLUSH_TICKS)).isEqualTo(flushTicks);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "8 0 sda 1 2 3 4 5 6 7 8 9 10|line: expected at least 14 fields",
        "8 0 sda 1 2 x 4 5 6 7 8 9 10 11|field 6 (sectors_read): expected unsigned integer, got \"x\"",
        "8 0 sda 1 2 3 4 5 6 7 8 -9 10 11|field 12 (in_flight)",
        "eight 0 sda 1 2 3 4 5 6 7 8 9 10 11|field 1 (major)",
    })
    void reportsMalformedLinesAndKeepsTheRest(String bad, String expected) {
        List<ProcParseException> errors = new ArrayList<>();
        DiskStats ds = parse("8 16 sdb 1 2 3 4 5 6 7 8 9 10 11\n" + bad + "\n8 32 sdc 1 2 3 4 5 6 7 8 9 10 11\n",
                errors);
        assertThat(ds.count).isEqualTo(2);
        assertThat(ds.device[0]).isEqualTo("sdb");
        assertThat(ds.device[1]).isEqualTo("sdc");
        assertThat(errors).singleElement().satisfies(e -> assertThat(e)
                .hasMessageStartingWith("/proc/diskstats:2: ").hasMessageContaining(expected));
    }

    @Test
    void udevPropertiesKeepKnownKeysOnly() {
        byte[] b = ("S:disk/by-id/x\nE:ID_MODEL=Virtual_CDROM0\nE:ID_FS_TYPE=\nE:ID_OTHER=1\nE:ID_PATH=pci-0:1 a=b\n"
                + "E:broken\nG:systemd\n").getBytes(StandardCharsets.UTF_8);
        UdevProperties p = new UdevProperties();
        p.parse(b, b.length, new dev.ktel.core.text.StringCache());
        assertThat(p.get(UdevProperties.ID_MODEL)).isEqualTo("Virtual_CDROM0");
        assertThat(p.get(UdevProperties.ID_FS_TYPE)).isEmpty();
        assertThat(p.get(UdevProperties.ID_PATH)).isEqualTo("pci-0:1 a=b");
        assertThat(p.get(UdevProperties.ID_WWN)).isNull();
        assertThat(p.label(UdevProperties.ID_WWN)).isEmpty();
    }

    @Test
    void capturedFixture() throws Exception {
        SampleRecorder rec = Collect.once(new DiskStatsCollector.Factory(), Collect.captured("debian12-linux6.18"));
        // loop* and zram0 are excluded by the default pattern; vda has the 20-field (flush) layout.
        assertThat(rec.samples("node_disk_io_now")).extracting(s -> s.label("device")).containsExactly("vda");
        assertThat(rec.value("node_disk_reads_completed_total", "device", "vda")).contains(28912.0);
        assertThat(rec.value("node_disk_read_bytes_total", "device", "vda")).contains(1632674 * 512.0);
        assertThat(rec.value("node_disk_io_time_weighted_seconds_total", "device", "vda")).contains(13.663);
        assertThat(rec.value("node_disk_flush_requests_total", "device", "vda")).contains(592.0);
        assertThat(rec.value("node_disk_info", "device", "vda", "major", "254", "minor", "0", "rotational", "1"))
                .contains(1.0);
    }

    @Test
    void deviceIncludeReplacesTheDefaultExclude() throws Exception {
        SampleRecorder rec = Collect.once(new DiskStatsCollector.Factory(), Collect.captured("debian12-linux6.18"),
                Map.of("device-include", "^loop[01]$"), ParseErrors.THROW);
        assertThat(rec.samples("node_disk_io_now")).extracting(s -> s.label("device"))
                .containsExactly("loop0", "loop1");
        assertThatThrownBy(() -> Collect.once(new DiskStatsCollector.Factory(), Collect.captured("debian12-linux6.18"),
                Map.of("device-include", "a", "device-exclude", "b"), ParseErrors.THROW))
                .hasMessageContaining("mutually exclusive");
    }

    @Test
    void nodeExporterFixtureMatchesGolden() throws Exception {
        SampleRecorder rec = Collect.once(new DiskStatsCollector.Factory(), SharedFixtures.nodeExporter());
        List<String> families = NodeExporterGolden.load().familiesStartingWith("node_disk_");
        assertThat(families).hasSizeGreaterThan(20);
        for (String f : families) {
            NodeExporterGolden.load().assertFamilyMatches(rec, f);
        }
        assertThat(rec.families().keySet()).allMatch(families::contains);
    }

    @Test
    void procfsCorpusParsesWithoutErrors() throws Exception {
        SampleRecorder rec = Collect.once(new DiskStatsCollector.Factory(), SharedFixtures.procfs());
        assertThat(rec.value("node_disk_reads_completed_total", "device", "sda")).isPresent();
    }
}
