package dev.ktel.eventstore.wal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventWalTest {
  @TempDir
  Path dir;

  private static List<byte[]> batch(String... payloads) {
    List<byte[]> out = new ArrayList<>();
    for (String p : payloads) {
      out.add(p.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  private List<String> replay(long after, ReplayResult[] result) throws IOException {
    List<String> seen = new ArrayList<>();
    result[0] = EventWal.replay(dir, after,
        (seq, b, off, len) -> seen.add(seq + "=" + new String(b, off, len, StandardCharsets.UTF_8)));
    return seen;
  }

  private Path writeTwoBatches() throws IOException {
    try (EventWal w = EventWal.create(dir, FsyncPolicy.EVERY_BATCH, 10)) {
      w.append(10, batch("a", "bb"));
      w.append(12, batch("ccc"));
      return w.currentSegment();
    }
  }

  @Test
  void replaysEveryEventAfterTheCommittedSequence() throws IOException {
    writeTwoBatches();
    ReplayResult[] r = new ReplayResult[1];
    assertThat(replay(-1, r)).containsExactly("10=a", "11=bb", "12=ccc");
    assertThat(r[0]).isEqualTo(new ReplayResult(12, 3, 0, 0));
    assertThat(replay(11, r)).containsExactly("12=ccc");
    assertThat(r[0].maxSeq()).isEqualTo(12);
  }

  @Test
  void aTornTailIsTruncatedCountedAndTheRecordBeforeItKept() throws IOException {
    Path seg = writeTwoBatches();
    long full = Files.size(seg);
    byte[] data = Files.readAllBytes(seg);
    Files.write(seg, java.util.Arrays.copyOf(data, data.length - 2));
    ReplayResult[] r = new ReplayResult[1];
    assertThat(replay(-1, r)).containsExactly("10=a", "11=bb");
    assertThat(r[0].corruptions()).isEqualTo(1);
    long firstRecordEnd = full - (EventWal.RECORD_HEADER + 12 + 4 + 3);
    assertThat(Files.size(seg)).isEqualTo(firstRecordEnd);
    assertThat(r[0].bytesDropped()).isEqualTo(full - 2 - firstRecordEnd);
    // the truncation is persistent: a second replay finds a clean log
    assertThat(replay(-1, r)).containsExactly("10=a", "11=bb");
    assertThat(r[0].corruptions()).isZero();
  }

  @Test
  void aFlippedByteFailsTheCrcAndDropsThatRecordOnly() throws IOException {
    Path seg = writeTwoBatches();
    byte[] data = Files.readAllBytes(seg);
    data[data.length - 1] ^= 0x20; // inside the second record's payload
    Files.write(seg, data);
    ReplayResult[] r = new ReplayResult[1];
    assertThat(replay(-1, r)).containsExactly("10=a", "11=bb");
    assertThat(r[0].corruptions()).isEqualTo(1);
  }

  @Test
  void rotationDeletesOlderSegments() throws IOException {
    try (EventWal w = EventWal.create(dir, FsyncPolicy.INTERVAL, 0)) {
      w.append(0, batch("x"));
      w.sync();
      w.rotate(1);
      w.append(1, batch("y"));
      assertThat(EventWal.segments(dir)).hasSize(1);
      assertThat(w.currentSegment().getFileName().toString()).isEqualTo("00000000000000000001.wal");
    }
    ReplayResult[] r = new ReplayResult[1];
    assertThat(replay(-1, r)).containsExactly("1=y");
  }
}
