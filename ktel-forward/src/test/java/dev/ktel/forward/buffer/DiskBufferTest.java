package dev.ktel.forward.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskBufferTest {
    @TempDir
    Path dir;

    private final Map<PriorityClass, Long> dropped = new EnumMap<>(PriorityClass.class);

    private DiskBuffer open(long max) throws IOException {
        return new DiskBuffer(dir, max, (c, items) -> dropped.merge(c, (long) items, Long::sum));
    }

    @Test
    void replaysOldestFirstAcrossRestartsAndNeverReusesASequence() throws Exception {
        String agent;
        try (DiskBuffer b = open(1 << 20)) {
            agent = b.agentId();
            assertThat(b.append(PriorityClass.METRICS_CORE, (byte) 0, 10, new byte[] {1})).isEqualTo(1);
            assertThat(b.append(PriorityClass.EVENTS_OTHER, (byte) 0, 1, new byte[] {2})).isEqualTo(2);
            assertThat(b.append(PriorityClass.METRICS_CORE, (byte) 0, 10, new byte[] {3})).isEqualTo(3);
            BufferedBatch first = b.next(0);
            assertThat(first.sequence()).isEqualTo(1);
            assertThat(first.body()).containsExactly(1);
            b.remove(1);
        }
        try (DiskBuffer b = open(1 << 20)) {
            assertThat(b.agentId()).isEqualTo(agent);
            assertThat(b.size()).isEqualTo(2);
            BufferedBatch next = b.next(0);
            assertThat(next.sequence()).isEqualTo(2);
            assertThat(next.priority()).isEqualTo(PriorityClass.EVENTS_OTHER);
            b.remove(2);
            assertThat(b.next(0).sequence()).isEqualTo(3);
            b.remove(3);
            assertThat(b.size()).isZero();
        }
        try (DiskBuffer b = open(1 << 20)) {
            assertThat(b.size()).isZero();
            assertThat(b.append(PriorityClass.METRICS_CORE, (byte) 0, 1, new byte[] {4})).isEqualTo(4);
        }
    }

    @Test
    void tornTailIsCutOffAndEarlierRecordsSurvive() throws Exception {
        try (DiskBuffer b = open(1 << 20)) {
            b.append(PriorityClass.METRICS_CORE, (byte) 0, 1, new byte[100]);
            b.append(PriorityClass.METRICS_CORE, (byte) 0, 1, new byte[100]);
        }
        Path seg;
        try (Stream<Path> s = Files.list(dir.resolve("metrics_core"))) {
            seg = s.findFirst().orElseThrow();
        }
        long size = Files.size(seg);
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.truncate(size - 7); // a crash in the middle of the second append
        }
        try (DiskBuffer b = open(1 << 20)) {
            assertThat(b.size()).isEqualTo(1);
            assertThat(b.next(0).sequence()).isEqualTo(1);
            assertThat(Files.size(seg)).isEqualTo(size / 2);
            // the torn record's sequence was never acknowledged, so reusing it is safe; newer ones continue
            assertThat(b.append(PriorityClass.METRICS_CORE, (byte) 0, 1, new byte[1])).isGreaterThan(1);
        }
    }

    @Test
    void whenFullDropsLeastImportantOldestFirstAndCountsItems() throws Exception {
        int rec = DiskBuffer.HEADER + DiskBuffer.BODY_PREFIX + 100;
        try (DiskBuffer b = open(4L * rec)) {
            b.append(PriorityClass.EVENTS_OTHER, (byte) 0, 1, new byte[100]);     // seq 1
            b.append(PriorityClass.METRICS_LOW, (byte) 0, 20, new byte[100]);     // seq 2
            b.append(PriorityClass.METRICS_CORE, (byte) 0, 30, new byte[100]);    // seq 3
            b.append(PriorityClass.EVENTS_CRITICAL, (byte) 0, 2, new byte[100]);  // seq 4
            assertThat(dropped).isEmpty();
            b.append(PriorityClass.METRICS_CORE, (byte) 0, 30, new byte[100]);    // drops events:other
            assertThat(dropped).containsExactly(Map.entry(PriorityClass.EVENTS_OTHER, 1L));
            b.append(PriorityClass.METRICS_CORE, (byte) 0, 30, new byte[100]);    // drops metrics:low
            assertThat(dropped).containsEntry(PriorityClass.METRICS_LOW, 20L);
            b.append(PriorityClass.METRICS_LOW, (byte) 0, 20, new byte[100]);     // everything left is more important
            assertThat(dropped).containsEntry(PriorityClass.METRICS_LOW, 40L);
            b.append(PriorityClass.EVENTS_CRITICAL, (byte) 0, 2, new byte[100]);  // drops the oldest core batch (3)
            assertThat(dropped).containsEntry(PriorityClass.METRICS_CORE, 30L);
            assertThat(b.itemsByClass()).containsEntry(PriorityClass.EVENTS_CRITICAL, 4L)
                    .containsEntry(PriorityClass.METRICS_CORE, 60L);
            assertThat(b.bytes()).isLessThanOrEqualTo(4L * rec);
            assertThat(b.next(0).sequence()).isEqualTo(4);
        }
        try (DiskBuffer b = open(4L * rec)) {
            assertThat(b.size()).isEqualTo(4); // drops are durable: dropped batches do not come back
        }
    }

    @Test
    void theBatchBeingSentIsNeverDropped() throws Exception {
        int rec = DiskBuffer.HEADER + DiskBuffer.BODY_PREFIX + 100;
        try (DiskBuffer b = open(2L * rec)) {
            b.append(PriorityClass.EVENTS_OTHER, (byte) 0, 1, new byte[100]);
            b.append(PriorityClass.EVENTS_OTHER, (byte) 0, 1, new byte[100]);
            assertThat(b.next(0).sequence()).isEqualTo(1);
            b.append(PriorityClass.EVENTS_OTHER, (byte) 0, 1, new byte[100]); // drops 2, not the in-flight 1
            b.remove(1);
            assertThat(b.next(0).sequence()).isEqualTo(3);
        }
    }
}
