package dev.ktel.collectors.proc.mdadm;

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
import java.util.Map;
import org.junit.jupiter.api.Test;

class MdadmCollectorTest {

    private static MdStat parse(String text, List<ProcParseException> errors) {
        MdStat md = new MdStat();
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        new MdStatParser().parse("/proc/mdstat", b, b.length, md, errors::add);
        return md;
    }

    @Test
    void parsesRecoveringArrayWithBitmapAndFutureLines() {
        List<ProcParseException> errors = new ArrayList<>();
        MdStat md = parse("""
                Personalities : [raid1] [raid6]
                md6 : active raid1 sdb2[2](F) sdc[1](S) sda2[0]
                      195310144 blocks [2/1] [U_]
                      bitmap: 0/30 pages [0KB], 65536KB chunk
                      [=>...................]  recovery =  8.5% (16775552/195310144) finish=17.0min speed=259783K/sec

                md0 : active raid1 sdi1[0] sdj1[1]
                      248896 blocks [2/2] [UU]
                      some-future-line: 1

                unused devices: <none>
                """, errors);
        assertThat(errors).isEmpty();
        assertThat(md.count).isEqualTo(2);
        assertThat(md.name[0]).isEqualTo("md6");
        assertThat(md.state[0]).isEqualTo(MdStat.RECOVERING);
        assertThat(md.disksTotal[0]).isEqualTo(2);
        assertThat(md.disksActive[0]).isEqualTo(1);
        assertThat(md.disksDown[0]).isEqualTo(1);
        assertThat(md.disksFailed[0]).isEqualTo(1);
        assertThat(md.disksSpare[0]).isEqualTo(1);
        assertThat(md.blocksSynced[0]).isEqualTo(16775552);
        assertThat(md.state[1]).isEqualTo(MdStat.ACTIVE);
        assertThat(md.blocksSynced[1]).isEqualTo(248896);
    }

    @Test
    void malformedArraysAreReportedAndSkipped() {
        List<ProcParseException> errors = new ArrayList<>();
        MdStat md = parse("""
                md1 : active raid1 sda1[0] sdb1[1]
                      lots blocks [2/2] [UU]
                md2 : active raid1 sda2[0] sdb2[1]
                      1000 blocks [2/2] [UX]
                md3 : active raid1 sda3[0] sdb3[1]
                      1000 blocks [2/2] [UU]
                      [=>....]  resync =  8.5% (a/b) finish=1min speed=1K/sec
                md4 : active raid1 sda4[0] sdb4[1]
                      1000 blocks [2/2] [UU]
                md5 : active raid1 sda5[0]
                """, errors);
        assertThat(md.count).isEqualTo(1);
        assertThat(md.name[0]).isEqualTo("md4");
        assertThat(errors).extracting(Throwable::getMessage).satisfiesExactly(
                m -> assertThat(m).startsWith("/proc/mdstat:2: field 1 (blocks): expected unsigned integer"),
                m -> assertThat(m).startsWith("/proc/mdstat:4: field 4 (disk states)").contains("[UX]"),
                m -> assertThat(m).startsWith("/proc/mdstat:7: field 5 (synced/total blocks)"),
                m -> assertThat(m).contains("missing status line of md5"));
    }

    @Test
    void unavailableWithoutMdstat() {
        // the captured machine has no md driver loaded
        assertThatThrownBy(() -> Collect.once(new MdadmCollector.Factory(), Collect.captured("debian12-linux6.18")))
                .isInstanceOf(CollectorUnavailableException.class)
                .hasMessageContaining("mdstat does not exist");
    }

    @Test
    void nodeExporterFixtureMatchesGolden() throws Exception {
        SampleRecorder rec = Collect.once(new MdadmCollector.Factory(), SharedFixtures.nodeExporter());
        List<String> families = NodeExporterGolden.load().familiesStartingWith("node_md_");
        assertThat(families).hasSize(7);
        for (String f : families) {
            NodeExporterGolden.load().assertFamilyMatches(rec, f);
        }
    }

    @Test
    void procfsCorpusParses() throws Exception {
        List<ProcParseException> errors = new ArrayList<>();
        SampleRecorder rec = Collect.once(new MdadmCollector.Factory(), SharedFixtures.procfs(), Map.of(),
                errors::add);
        assertThat(errors).isEmpty();
        assertThat(rec.value("node_md_blocks", "device", "md3")).contains(5853468288.0);
    }
}
