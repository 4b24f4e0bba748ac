package dev.ktel.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.store.api.Appender;
import dev.ktel.store.api.Labels;
import dev.ktel.store.api.SampleIterator;
import dev.ktel.store.api.Series;
import dev.ktel.store.block.BlockMeta;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Head cuts produce level-1 blocks; adjacent ones merge into 3x and 9x ranges; size retention drops the oldest. */
class CompactionTest {
  static final long RANGE = 60_000; // 1 minute blocks keep the test small
  static final long T0 = 1_700_000_000_000L / (27 * RANGE) * (27 * RANGE);

  @TempDir
  Path dir;

  private static void fill(TsdbSeriesStore s, int steps) {
    for (int step = 0; step < steps; step++) {
      Appender a = s.appender();
      for (int i = 0; i < 4; i++) {
        a.append(Labels.metric("m", "i", Integer.toString(i)), T0 + step * 1000L, step * 0.5 + i);
      }
      a.commit();
    }
  }

  private static void assertAllOnce(TsdbSeriesStore s, int steps) {
    List<Series> all = s.select(Long.MIN_VALUE, Long.MAX_VALUE);
    assertThat(all).hasSize(4);
    for (Series ser : all) {
      SampleIterator it = ser.iterator();
      int n = 0;
      while (it.next()) {
        assertThat(it.t()).isEqualTo(T0 + n * 1000L);
        n++;
      }
      assertThat(n).isEqualTo(steps);
    }
  }

  private List<BlockMeta> metas() throws IOException {
    try (Stream<Path> st = Files.list(dir)) {
      return st.filter(p -> Files.isRegularFile(p.resolve("meta.json"))).map(p -> {
        try {
          return BlockMeta.parse(Files.readString(p.resolve("meta.json"), StandardCharsets.UTF_8), p.toString());
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).sorted(java.util.Comparator.comparingLong(BlockMeta::minTime)).toList();
    }
  }

  @Test
  void headCutsMergeIntoLargerBlocksAndDataStaysExactlyOnce() throws IOException {
    int steps = 20 * 60; // 20 minutes at 1 s
    try (TsdbSeriesStore s = TsdbSeriesStore.builder(dir).blockRangeMillis(RANGE).open()) {
      fill(s, steps);
      assertAllOnce(s, steps);
      assertThat(s.stats().blocks()).isLessThan(10);
    }
    List<BlockMeta> metas = metas();
    assertThat(metas).anySatisfy(m -> {
      assertThat(m.level()).isGreaterThanOrEqualTo(3);
      assertThat(m.maxTime() - m.minTime()).isEqualTo(9 * RANGE);
    });
    for (int i = 1; i < metas.size(); i++) {
      assertThat(metas.get(i).minTime()).isGreaterThanOrEqualTo(metas.get(i - 1).maxTime());
    }
    try (TsdbSeriesStore s = TsdbSeriesStore.builder(dir).blockRangeMillis(RANGE).open()) {
      assertAllOnce(s, steps);
    }
  }

  @Test
  void parentsLeftByACrashDuringMergeAreDeletedOnOpen() throws IOException {
    Path saved = Files.createTempDirectory(dir.getParent(), "saved");
    try (TsdbSeriesStore s = TsdbSeriesStore.builder(dir).blockRangeMillis(RANGE).autoCompact(false).open()) {
      fill(s, 6 * 60);
      s.flush();
      assertThat(s.stats().blocks()).isEqualTo(6);
      try (Stream<Path> st = Files.list(dir)) {
        for (Path p : st.filter(p -> Files.isRegularFile(p.resolve("meta.json"))).toList()) {
          Path copy = Files.createDirectories(saved.resolve(p.getFileName()));
          for (String f : new String[] {"chunks", "index", "meta.json"}) {
            Files.copy(p.resolve(f), copy.resolve(f));
          }
        }
      }
      s.compactBlocks();
      assertThat(s.stats().blocks()).isLessThan(6);
    }
    // put the parents back, as if the process died before deleting them
    try (Stream<Path> st = Files.list(saved)) {
      for (Path p : st.toList()) {
        if (Files.exists(dir.resolve(p.getFileName()))) {
          continue; // not merged, still there
        }
        Path back = Files.createDirectories(dir.resolve(p.getFileName()));
        for (String f : new String[] {"chunks", "index", "meta.json"}) {
          Files.copy(p.resolve(f), back.resolve(f));
        }
      }
    }
    try (TsdbSeriesStore s = TsdbSeriesStore.builder(dir).blockRangeMillis(RANGE).open()) {
      assertAllOnce(s, 6 * 60);
      assertThat(s.stats().blocks()).isLessThan(6);
    }
  }

  @Test
  void sizeRetentionDropsOldestBlocks() throws IOException {
    try (TsdbSeriesStore s = TsdbSeriesStore.builder(dir).blockRangeMillis(RANGE).autoCompact(false)
        .retentionBytes(1).open()) {
      fill(s, 5 * 60);
      s.flush();
      long before = s.stats().blocks();
      assertThat(before).isEqualTo(5);
      s.applyRetention(T0);
      assertThat(s.stats().blocks()).isZero();
      assertThat(s.select(Long.MIN_VALUE, Long.MAX_VALUE)).isEmpty();
    }
  }
}
