package dev.ktel.store.wal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.store.encoding.Encbuf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalTest {
  @TempDir
  Path dir;

  private static final WalOptions SMALL = new WalOptions(WalOptions.Fsync.COMMIT, java.time.Duration.ofSeconds(1), 4096);

  /** Writes records "r0".."r(n-1)", one commit each, and returns the WAL directory. */
  private Path write(int n, WalOptions o) throws IOException {
    Path w = dir.resolve("wal");
    try (Wal wal = Wal.open(w, o, (t, d) -> { }, null)) {
      Encbuf b = new Encbuf(64);
      for (int i = 0; i < n; i++) {
        b.reset();
        b.putString("r" + i + "-" + "x".repeat(100));
        wal.log((byte) 7, b);
        wal.commit();
      }
    }
    return w;
  }

  private record Replay(List<String> records, Wal.ReplayStats stats) {
  }

  private Replay replay(Path w, WalOptions o) throws IOException {
    List<String> got = new ArrayList<>();
    Wal.ReplayStats[] st = new Wal.ReplayStats[1];
    try (Wal wal = Wal.open(w, o, (t, d) -> got.add(d.getString().split("-")[0]), st)) {
      assertThat(wal.bytesWritten()).isZero(); // replay only
    }
    return new Replay(got, st[0]);
  }

  private static List<Path> segments(Path w) throws IOException {
    try (Stream<Path> s = Files.list(w)) {
      return s.filter(p -> Wal.isSegment(p.getFileName().toString())).sorted().toList();
    }
  }

  @Test
  void replaysEveryCommittedRecordInOrder() throws IOException {
    Path w = write(100, SMALL);
    assertThat(segments(w).size()).isGreaterThan(2);
    Replay r = replay(w, SMALL);
    assertThat(r.records()).hasSize(100).startsWith("r0", "r1").endsWith("r99");
    assertThat(r.stats().corruptions()).isEmpty();
  }

  @Test
  void flippedByteInLastRecordIsDetectedQuarantinedAndTheRestReplays() throws IOException {
    Path w = write(10, WalOptions.DEFAULT);
    Path seg = segments(w).getLast();
    byte[] data = Files.readAllBytes(seg);
    int lastRecord = data.length - (Wal.HEADER + 104); // payload: varint length + "r9-" + 100 x
    data[data.length - 5] ^= 0x40;
    Files.write(seg, data);
    Replay r = replay(w, WalOptions.DEFAULT);
    assertThat(r.records()).hasSize(9).endsWith("r8");
    assertThat(r.stats().corruptions()).singleElement().satisfies(c -> {
      assertThat(c.segment()).isEqualTo(seg.getFileName().toString());
      assertThat(c.offset()).isEqualTo(lastRecord);
      assertThat(c.getMessage()).contains("crc mismatch").contains("wal segment " + seg.getFileName());
    });
    Path q = w.resolve("quarantine").resolve(seg.getFileName() + "." + lastRecord + ".corrupt");
    assertThat(q).exists();
    assertThat(Files.size(q)).isEqualTo(Wal.HEADER + 104);
    assertThat(Files.size(seg)).isEqualTo(lastRecord);
    // the damage is gone for good: a second open is clean and new records append after it
    Replay again = replay(w, WalOptions.DEFAULT);
    assertThat(again.stats().corruptions()).isEmpty();
    assertThat(again.records()).hasSize(9);
  }

  @Test
  void tornTailIsDetectedAtEveryCutPoint() throws IOException {
    Path w = write(3, WalOptions.DEFAULT);
    Path seg = segments(w).getLast();
    byte[] data = Files.readAllBytes(seg);
    int recLen = Wal.HEADER + 104;
    for (int cut = 1; cut < recLen; cut += 7) {
      Path d2 = dir.resolve("cut" + cut);
      Files.createDirectories(d2);
      Files.write(d2.resolve(seg.getFileName()), java.util.Arrays.copyOf(data, data.length - cut));
      Replay r = replay(d2, WalOptions.DEFAULT);
      assertThat(r.records()).as("cut %d", cut).containsExactly("r0", "r1");
      assertThat(r.stats().corruptions()).as("cut %d", cut).hasSize(1);
    }
  }

  @Test
  void corruptionInAnEarlierSegmentKeepsLaterSegments() throws IOException {
    Path w = write(100, SMALL);
    List<Path> segs = segments(w);
    Path first = segs.getFirst();
    byte[] data = Files.readAllBytes(first);
    data[Wal.HEADER + 3] ^= 1; // inside the first record's payload
    Files.write(first, data);
    Replay r = replay(w, SMALL);
    // the first segment's records are lost from the damaged one on; every later segment replays
    assertThat(r.records()).hasSizeBetween(50, 80).endsWith("r99").doesNotContain("r0", "r35");
    assertThat(r.stats().corruptions()).singleElement().satisfies(c -> assertThat(c.offset()).isZero());
  }

  @Test
  void intervalPolicyAcknowledgesAfterWriteAndStillReplays() throws IOException {
    WalOptions o = new WalOptions(WalOptions.Fsync.INTERVAL, java.time.Duration.ofMillis(5), 1 << 20);
    Path w = write(50, o);
    assertThat(replay(w, o).records()).hasSize(50);
  }
}
