package dev.ktel.store;

import dev.ktel.store.api.Appender;
import dev.ktel.store.api.Labels;
import dev.ktel.store.api.SampleIterator;
import dev.ktel.store.api.Series;
import java.nio.file.Path;

/**
 * Child process of {@link CrashSafetyTest}: opens the store, finds the last step already stored, then commits one
 * step (one sample for each of {@link #SERIES} series) at a time and prints {@code ACK <step>} after each commit
 * returns, until it is killed. A small block range makes head cuts and WAL checkpoints happen between kills.
 */
public final class CrashWriter {
  static final int SERIES = 50;
  static final long T0 = 1_700_000_000_000L;
  static final long STEP_MS = 1_000;
  static final long BLOCK_RANGE = 60_000;

  private CrashWriter() {
  }

  static TsdbSeriesStore open(Path dir) throws Exception {
    return open(dir, "commit");
  }

  /** {@code policy}: "commit" (fsync per commit) or "interval" (write per commit, fsync every second). */
  static TsdbSeriesStore open(Path dir, String policy) throws Exception {
    var b = TsdbSeriesStore.builder(dir).blockRangeMillis(BLOCK_RANGE);
    if (policy.equals("interval")) {
      b.wal(new dev.ktel.store.wal.WalOptions(dev.ktel.store.wal.WalOptions.Fsync.INTERVAL,
          java.time.Duration.ofSeconds(1), 32L << 20));
    }
    return b.open();
  }

  static Labels series(int i) {
    return Labels.metric("crash_test", "i", Integer.toString(i));
  }

  /** The highest step stored for series 0, or -1. */
  static long lastStep(TsdbSeriesStore s) {
    long last = -1;
    for (Series ser : s.select(Long.MIN_VALUE, Long.MAX_VALUE, dev.ktel.store.api.Matcher.eq("i", "0"))) {
      SampleIterator it = ser.iterator();
      while (it.next()) {
        last = (it.t() - T0) / STEP_MS;
      }
    }
    return last;
  }

  public static void main(String[] args) throws Exception {
    try (TsdbSeriesStore s = open(Path.of(args[0]), args.length > 1 ? args[1] : "commit")) {
      long step = lastStep(s) + 1;
      System.out.println("START " + step);
      System.out.flush();
      while (true) {
        Appender a = s.appender();
        for (int i = 0; i < SERIES; i++) {
          a.append(series(i), T0 + step * STEP_MS, step * 10.0 + i);
        }
        a.commit();
        System.out.println("ACK " + step);
        System.out.flush();
        step++;
      }
    }
  }
}
