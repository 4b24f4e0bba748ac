package dev.ktel.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.store.api.Appender;
import dev.ktel.store.api.Labels;
import dev.ktel.store.testing.NodeLikeGenerator;
import dev.ktel.store.wal.WalOptions;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measured figures for the README (printed, with loose bounds so that a large regression fails): on-disk bytes per
 * sample of a persisted block (chunks + index) and single-threaded append throughput with the WAL on.
 * Not a benchmark harness: JMH versions belong in ktel-benchmarks.
 */
class StoreFiguresTest {
  @TempDir
  Path dir;

  private static long run(TsdbSeriesStore s, NodeLikeGenerator g, int steps, int stepsPerCommit) {
    long start = 1_700_000_000_000L / 7_200_000 * 7_200_000;
    Labels[] ls = new Labels[g.size()];
    for (int i = 0; i < ls.length; i++) {
      ls[i] = g.labels(i);
    }
    long n = 0;
    Appender a = s.appender();
    for (int step = 0; step < steps; step++) {
      long t = g.timestamp(start, step);
      for (int i = 0; i < ls.length; i++) {
        a.append(ls[i], t, g.next(i));
        n++;
      }
      if ((step + 1) % stepsPerCommit == 0) {
        a.commit();
        a = s.appender();
      }
    }
    a.commit();
    return n;
  }

  @Test
  void blockBytesPerSampleAndAppendRate() throws Exception {
    int series = 500;
    int steps = 6 * 240; // 6 h at 15 s
    // warm-up run (JIT), then measured runs
    try (TsdbSeriesStore s = TsdbSeriesStore.builder(dir.resolve("warm")).open()) {
      run(s, new NodeLikeGenerator(series, 1), 240, 1);
    }
    long n;
    long t0;
    double commitRate;
    try (TsdbSeriesStore s = TsdbSeriesStore.builder(dir.resolve("commit")).autoCompact(false).open()) {
      t0 = System.nanoTime();
      n = run(s, new NodeLikeGenerator(series, 2), steps, 1);
      commitRate = n / ((System.nanoTime() - t0) / 1e9);
    }
    double intervalRate;
    try (TsdbSeriesStore s = TsdbSeriesStore.builder(dir.resolve("interval")).autoCompact(false)
        .wal(new WalOptions(WalOptions.Fsync.INTERVAL, Duration.ofSeconds(1), 32L << 20)).open()) {
      t0 = System.nanoTime();
      n = run(s, new NodeLikeGenerator(series, 3), steps, 20);
      intervalRate = n / ((System.nanoTime() - t0) / 1e9);
    }
    TsdbSeriesStore.Stats st;
    try (TsdbSeriesStore s = TsdbSeriesStore.builder(dir.resolve("disk")).open()) {
      n = run(s, new NodeLikeGenerator(series, 7), steps, 20);
      s.flush();
      st = s.stats();
      // query latency: 1 h range over all 500 series from blocks (warm), median of 20
      long from = 1_700_000_000_000L / 7_200_000 * 7_200_000 + 2 * 3_600_000L;
      long[] lat = new long[20];
      for (int i = 0; i < lat.length; i++) {
        long q0 = System.nanoTime();
        var res = s.select(from, from + 3_600_000L, dev.ktel.store.api.Matcher.re("__name__", "node_.*"));
        long cnt = 0;
        for (var ser : res) {
          var it = ser.iterator();
          while (it.next()) {
            cnt++;
          }
        }
        lat[i] = System.nanoTime() - q0;
        assertThat(cnt).isBetween(500L * 239, 500L * 241);
      }
      java.util.Arrays.sort(lat);
      System.out.printf("select 1 h x 500 series (=~ matcher, from blocks, decode all): median %.2f ms%n",
          lat[lat.length / 2] / 1e6);
    }
    double bps = (double) st.blockBytes() / n;
    System.out.printf("blocks: %d series, %d samples, %d bytes in %d blocks (chunks+index): %.3f bytes/sample%n",
        series, n, st.blockBytes(), st.blocks(), bps);
    System.out.printf("append, 1 thread, WAL fsync per commit, %d samples/commit: %.0f samples/s%n", series,
        commitRate);
    System.out.printf("append, 1 thread, WAL fsync every 1 s, %d samples/commit: %.0f samples/s%n", series * 20,
        intervalRate);
    assertThat(bps).isLessThan(3.5); // measured 2.8
    assertThat(intervalRate).isGreaterThan(50_000);
  }
}
