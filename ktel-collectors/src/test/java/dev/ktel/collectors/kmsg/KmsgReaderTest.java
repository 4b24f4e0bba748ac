package dev.ktel.collectors.kmsg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.text.ProcParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KmsgReaderTest {
    static final String BOOT_A = "2de2dc5e-9154-47ca-8dfb-790ee082d3e6";
    static final String BOOT_B = "7f1e0c55-0d6b-4d0e-a4c1-3c2b1a000001";

    @TempDir
    Path dir;

    /** Collects what the reader reports. */
    static final class Log implements KmsgReader.Listener {
        final List<Long> seqs = new ArrayList<>();
        final List<String> missed = new ArrayList<>();
        final List<ProcParseException> errors = new ArrayList<>();

        @Override
        public void record(KmsgRecord record) {
            seqs.add(record.seq());
        }

        @Override
        public void missed(long count, String reason, long afterSeq, long nextSeq) {
            missed.add(reason + ":" + count + ":" + afterSeq + "->" + nextSeq);
        }

        @Override
        public void parseError(ProcParseException error) {
            errors.add(error);
        }
    }

    @Test
    void readsUntilEmptyAndCountsSequenceGaps() throws IOException {
        FakeKmsgDevice dev = new FakeKmsgDevice().rec(10, "a").rec(11, "b").rec(15, "c");
        KmsgReader reader = new KmsgReader(dev, dir.resolve("state"), BOOT_A);
        Log log = new Log();
        assertThat(reader.poll(log, 100)).isEqualTo(3);
        assertThat(log.seqs).containsExactly(10L, 11L, 15L);
        assertThat(log.missed).containsExactly("gap:3:11->15");
        assertThat(reader.missed()).isEqualTo(3);
        assertThat(reader.records()).isEqualTo(3);
        assertThat(reader.poll(log, 100)).isZero();
    }

    @Test
    void epipeIsCountedThroughTheGapThatFollows() throws IOException {
        FakeKmsgDevice dev = new FakeKmsgDevice().rec(1, "a").add(FakeKmsgDevice.EPIPE).rec(40, "b");
        KmsgReader reader = new KmsgReader(dev, null, BOOT_A);
        Log log = new Log();
        reader.poll(log, 100);
        assertThat(log.seqs).containsExactly(1L, 40L);
        assertThat(reader.overwrittenSignals()).isEqualTo(1);
        assertThat(reader.missed()).isEqualTo(38);
        assertThat(log.missed).containsExactly("gap:38:1->40");
    }

    @Test
    void malformedRecordsAreCountedAndSkipped() throws IOException {
        FakeKmsgDevice dev = new FakeKmsgDevice().rec(1, "a").add("6,zz,1,-;bad\n").rec(2, "b");
        KmsgReader reader = new KmsgReader(dev, null, BOOT_A);
        Log log = new Log();
        reader.poll(log, 100);
        assertThat(log.seqs).containsExactly(1L, 2L);
        assertThat(reader.parseErrors()).isEqualTo(1);
        assertThat(log.errors.getFirst().getMessage()).startsWith("/dev/kmsg:2: sequence:");
    }

    @Test
    void restartResumesAfterTheSavedSequenceWithoutReemitting() throws IOException {
        Path state = dir.resolve("data/kmsg.state");
        FakeKmsgDevice first = new FakeKmsgDevice().rec(5, "a").rec(6, "b").rec(7, "c");
        try (KmsgReader reader = new KmsgReader(first, state, BOOT_A)) {
            reader.poll(new Log(), 100);
        }
        assertThat(Files.readString(state)).isEqualTo("seq=7\nboot_id=" + BOOT_A + "\n");
        assertThat(state.resolveSibling("kmsg.state.tmp")).doesNotExist();

        // the kernel hands the whole buffer out again after the restart, plus one new record
        FakeKmsgDevice second = new FakeKmsgDevice().rec(5, "a").rec(6, "b").rec(7, "c").rec(8, "d");
        KmsgReader reader = new KmsgReader(second, state, BOOT_A);
        Log log = new Log();
        reader.poll(log, 100);
        assertThat(log.seqs).containsExactly(8L);
        assertThat(log.missed).isEmpty();
        assertThat(reader.missed()).isZero();
    }

    @Test
    void restartAfterTheBufferWrappedReportsWhatWasOverwritten() throws IOException {
        Path state = dir.resolve("kmsg.state");
        Files.writeString(state, "seq=7\nboot_id=" + BOOT_A + "\n");
        FakeKmsgDevice dev = new FakeKmsgDevice().rec(20, "x").rec(21, "y");
        KmsgReader reader = new KmsgReader(dev, state, BOOT_A);
        Log log = new Log();
        reader.poll(log, 100);
        assertThat(log.seqs).containsExactly(20L, 21L);
        assertThat(log.missed).containsExactly("overwritten:12:7->20");
        assertThat(reader.missed()).isEqualTo(12);
    }

    @Test
    void rebootIsDetectedByTheBootId() throws IOException {
        Path state = dir.resolve("kmsg.state");
        Files.writeString(state, "seq=900\nboot_id=" + BOOT_A + "\n");
        // new boot: sequence numbers restart; the first 3 records were already overwritten
        FakeKmsgDevice dev = new FakeKmsgDevice().rec(3, "x").rec(4, "y");
        KmsgReader reader = new KmsgReader(dev, state, BOOT_B);
        Log log = new Log();
        reader.poll(log, 100);
        assertThat(reader.rebootDetected()).isTrue();
        assertThat(reader.previousBootId()).isEqualTo(BOOT_A);
        assertThat(log.seqs).containsExactly(3L, 4L);
        assertThat(log.missed).containsExactly("reboot:3:-1->3");
        reader.close();
        assertThat(Files.readString(state)).isEqualTo("seq=4\nboot_id=" + BOOT_B + "\n");
    }

    @Test
    void rebootWithNothingLostStillSaysSo() throws IOException {
        Path state = dir.resolve("kmsg.state");
        Files.writeString(state, "seq=900\nboot_id=" + BOOT_A + "\n");
        KmsgReader reader = new KmsgReader(new FakeKmsgDevice().rec(0, "boot"), state, BOOT_B);
        Log log = new Log();
        reader.poll(log, 100);
        assertThat(log.missed).containsExactly("reboot:0:-1->0");
        assertThat(reader.missed()).isZero();
    }

    @Test
    void unreadableStateStartsFromTheBeginning() throws IOException {
        Path state = dir.resolve("kmsg.state");
        Files.writeString(state, "seq=notanumber\n");
        KmsgReader reader = new KmsgReader(new FakeKmsgDevice().rec(1, "a"), state, BOOT_A);
        Log log = new Log();
        reader.poll(log, 100);
        assertThat(log.seqs).containsExactly(1L);
    }

    @Test
    void pollStopsAtMax() throws IOException {
        FakeKmsgDevice dev = new FakeKmsgDevice().rec(1, "a").rec(2, "b").rec(3, "c");
        KmsgReader reader = new KmsgReader(dev, null, BOOT_A);
        Log log = new Log();
        assertThat(reader.poll(log, 2)).isEqualTo(2);
        assertThat(reader.poll(log, 2)).isEqualTo(1);
        assertThat(log.seqs).containsExactly(1L, 2L, 3L);
    }
}
