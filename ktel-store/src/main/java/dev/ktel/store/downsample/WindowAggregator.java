package dev.ktel.store.downsample;

import dev.ktel.store.api.SampleIterator;
import java.util.Arrays;

/**
 * Folds one series' samples into aligned windows of a resolution: min, max, sum, count and last per window, stamped
 * with the timestamp of the window's last sample (so a "last" read is exact). NaN values, and so staleness markers,
 * are skipped: an aggregate describes the values that were there.
 */
public final class WindowAggregator {
  public int n;
  public long[] t = new long[16];
  public final double[][] v = new double[Aggregate.STORED.length][16];

  private final long window;
  private long currentWindow = Long.MIN_VALUE;

  public WindowAggregator(Resolution r) {
    this.window = r.millis();
  }

  public void reset() {
    n = 0;
    currentWindow = Long.MIN_VALUE;
  }

  public void addAll(SampleIterator it) {
    while (it.next()) {
      add(it.t(), it.v());
    }
  }

  public void add(long ts, double value) {
    if (Double.isNaN(value)) {
      return;
    }
    long w = Math.floorDiv(ts, window);
    if (w != currentWindow || n == 0) {
      if (n == t.length) {
        t = Arrays.copyOf(t, n * 2);
        for (int a = 0; a < v.length; a++) {
          v[a] = Arrays.copyOf(v[a], n * 2);
        }
      }
      currentWindow = w;
      v[0][n] = value;
      v[1][n] = value;
      v[2][n] = value;
      v[3][n] = 1;
      v[4][n] = value;
      t[n++] = ts;
      return;
    }
    int i = n - 1;
    v[0][i] = Math.min(v[0][i], value);
    v[1][i] = Math.max(v[1][i], value);
    v[2][i] += value;
    v[3][i] += 1;
    v[4][i] = value;
    t[i] = ts;
  }

  /** Values of one aggregate (AVG computed) as a fresh array of length {@link #n}. */
  public double[] values(Aggregate a) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = a == Aggregate.AVG ? v[2][i] / v[3][i] : v[a.ordinal()][i];
    }
    return out;
  }
}
