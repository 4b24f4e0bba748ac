package dev.ktel.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.store.api.Appender;
import dev.ktel.store.api.Labels;
import dev.ktel.store.api.Matcher;
import dev.ktel.store.api.SampleIterator;
import dev.ktel.store.api.Series;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WAL corruption, head cut + checkpoint, and block checksums, through the store. */
class StoreDurabilityTest {
  static final long T0 = 1_700_000_000_000L / 7_200_000 * 7_200_000;

  @TempDir
  Path dir;

  private static long count(TsdbSeriesStore s) {
    long n = 0;
    for (Series ser : s.select(Long.MIN_VALUE, Long.MAX_VALUE)) {
      SampleIterator it = ser.iterator();
      long prev = Long.MIN_VALUE;
      while (it.next()) {
        assertThat(it.t()).isGreaterThan(prev);
        prev = it.t();
        n++;
      }
    }
    return n;
  }

  private static void commitStep(TsdbSeriesStore s, int step, int series) {
    Appender a = s.appender();
    for (int i = 0; i < series; i++) {
      a.append(Labels.metric("m", "i", Integer.toString(i)), T0 + step * 15_000L, step + i);
    }
    a.commit();
  }

  private List<Path> walSegments() throws IOException {
    try (Stream<Path> st = Files.list(dir.resolve("wal"))) {
      return st.filter(p -> p.getFileName().toString().matches("\\d{8}")).sorted().toList();
    }
  }

  @Test
  void corruptLastWalRecordLosesOnlyThatCommit() throws IOException {
    try (TsdbSeriesStore s = TsdbSeriesStore.builder(dir).open()) {
      for (int step = 0; step < 20; step++) {
        commitStep(s, step, 10);
      }
    }
    Path seg = walSegments().getLast();
    byte[] data = Files.readAllBytes(seg);
    data[data.length - 3] ^= 0x10;
    Files.write(seg, data);
    try (TsdbSeriesStore s = TsdbSeriesStore.builder(dir).open()) {
      assertThat(count(s)).isEqualTo(19 * 10);
      assertThat(s.stats().corruptions()).isEqualTo(1);
      assertThat(dir.resolve("wal/quarantine")).isNotEmptyDirectory();
      commitStep(s, 20, 10);
    }
    try (TsdbSeriesStore s = TsdbSeriesStore.builder(dir).open()) {
      assertThat(count(s)).isEqualTo(20 * 10);
      assertThat(s.stats().corruptions()).isZero();
    }
  }

  @Test
  void headCutWritesBlocksCheckpointsWalAndReopensExactlyOnce() throws IOException {
    int steps = 4 * 240 + 7; // 4 hours at 15 s: the head is cut when it spans 3 hours
    try (TsdbSeriesStore s = TsdbSeriesStore.builder(dir).open()) {
      for (int step = 0; step < steps; step++) {
        commitStep(s, step, 5);
      }
      assertThat(s.stats().blocks()).isEqualTo(1);
      assertThat(s.stats().compactions()).isEqualTo(1);
      assertThat(count(s)).isEqualTo(steps * 5L);
    }
    try (Stream<Path> st = Files.list(dir.resolve("wal"))) {
      assertThat(st.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("checkpoint."));
    }
    try (TsdbSeriesStore s = TsdbSeriesStore.builder(dir).open()) {
      assertThat(count(s)).isEqualTo(steps * 5L);
      assertThat(s.seriesCount()).isEqualTo(5);
      var one = s.select(T0, T0 + 3 * 3_600_000L, Matcher.eq("i", "3"));
      assertThat(one).hasSize(1);
    }
  }

  private Path onlyBlock() throws IOException {
    try (Stream<Path> st = Files.list(dir)) {
      return st.filter(p -> Files.isDirectory(p) && p.getFileName().toString().length() == 26).findFirst()
          .orElseThrow();
    }
  }

  @Test
  void flippedChunkByteFailsTheReadWithBlockAndOffset() throws IOException {
    try (TsdbSeriesStore s = TsdbSeriesStore.builder(dir).open()) {
      for (int step = 0; step < 100; step++) {
        commitStep(s, step, 3);
      }
      s.flush();
    }
    Path chunks = onlyBlock().resolve("chunks");
    byte[] data = Files.readAllBytes(chunks);
    data[data.length / 2] ^= 0x01;
    Files.write(chunks, data);
    try (TsdbSeriesStore s = TsdbSeriesStore.builder(dir).open()) {
      assertThatThrownBy(() -> count(s)).isInstanceOf(CorruptionException.class)
          .hasMessageContaining(onlyBlock().getFileName() + "/chunks at offset").hasMessageContaining("crc mismatch");
    }
  }

  @Test
  void damagedIndexQuarantinesTheBlockAndTheStoreStillOpens() throws IOException {
    try (TsdbSeriesStore s = TsdbSeriesStore.builder(dir).open()) {
      for (int step = 0; step < 100; step++) {
        commitStep(s, step, 3);
      }
      s.flush();
      commitStep(s, 1000, 3);
    }
    Path block = onlyBlock();
    Path index = block.resolve("index");
    byte[] data = Files.readAllBytes(index);
    data[20] ^= 0x01;
    Files.write(index, data);
    try (TsdbSeriesStore s = TsdbSeriesStore.builder(dir).open()) {
      assertThat(s.stats().corruptions()).isEqualTo(1);
      assertThat(block.resolveSibling(block.getFileName() + ".corrupt")).isDirectory();
      assertThat(count(s)).isEqualTo(3); // the head (after the block) is intact
    }
  }

  @Test
  void secondOpenOfTheSameDirectoryFails() throws IOException {
    try (TsdbSeriesStore s = TsdbSeriesStore.builder(dir).open()) {
      assertThatThrownBy(() -> TsdbSeriesStore.builder(dir).open()).isInstanceOf(IOException.class)
          .hasMessageContaining("in use");
      assertThat(s.check().ok()).isTrue();
    }
  }
}
