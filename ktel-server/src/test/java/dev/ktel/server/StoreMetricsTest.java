package dev.ktel.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.store.api.Appender;
import dev.ktel.store.api.Labels;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store self-metrics follow the store: samples appended, head cuts, bytes on disk per tier once maintenance has
 * downsampled, and a corrupt block found on restart is counted (and the server still starts).
 */
class StoreMetricsTest {
  @TempDir
  Path data;

  private static double value(Server s, String name, String... pairs) {
    SampleRecorder r = new SampleRecorder();
    s.metrics().write(r);
    return r.value(name, pairs).orElseThrow(() -> new AssertionError(name + " missing"));
  }

  @Test
  void figuresFollowTheStoreAndCorruptionIsCounted() throws Exception {
    long start = (System.currentTimeMillis() - 7 * 3_600_000L) / 7_200_000L * 7_200_000L;
    int steps = 6 * 240;
    try (Server s = new Server(ServerSettings.of(data)).start()) {
      Appender a = s.store().appender();
      for (int i = 0; i < steps; i++) {
        a.append(Labels.metric("m", "i", "0"), start + i * 15_000L, i);
        a.append(Labels.metric("m", "i", "1"), start + i * 15_000L, i % 7);
        if (i % 100 == 99) {
          a.commit();
          a = s.store().appender();
        }
      }
      a.commit();
      s.maintain();
      assertThat(value(s, "ktel_tsdb_samples_appended_total")).isEqualTo(2.0 * steps);
      assertThat(value(s, "ktel_tsdb_head_series")).isEqualTo(2);
      assertThat(value(s, "ktel_tsdb_compactions_total", "tier", "raw")).isGreaterThanOrEqualTo(2);
      assertThat(value(s, "ktel_tsdb_bytes_on_disk", "tier", "raw")).isPositive();
      assertThat(value(s, "ktel_tsdb_bytes_on_disk", "tier", "5m")).isPositive();
      assertThat(value(s, "ktel_tsdb_bytes_on_disk", "tier", "1h")).isPositive();
      assertThat(value(s, "ktel_tsdb_wal_size_bytes")).isPositive();
      assertThat(value(s, "ktel_tsdb_corruptions_total", "tier", "raw")).isZero();
      assertThat(value(s, "ktel_tsdb_maintenance_errors_total")).isZero();
    }
    Path index;
    try (Stream<Path> st = Files.list(Server.tsdbDir(data))) {
      index = st.filter(p -> Files.isRegularFile(p.resolve("index"))).findFirst().orElseThrow().resolve("index");
    }
    try (RandomAccessFile f = new RandomAccessFile(index.toFile(), "rw")) {
      f.seek(f.length() / 2);
      f.write(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef});
    }
    try (Server s = new Server(ServerSettings.of(data)).start()) {
      assertThat(value(s, "ktel_tsdb_corruptions_total", "tier", "raw")).isEqualTo(1);
      assertThat(s.store().select(0, Long.MAX_VALUE)).as("the rest stays readable").isNotEmpty();
    }
  }

}
