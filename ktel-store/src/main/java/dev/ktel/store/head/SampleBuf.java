package dev.ktel.store.head;

import java.util.Arrays;

/** Growable parallel arrays of timestamps and values. */
public final class SampleBuf {
  public long[] t = new long[16];
  public double[] v = new double[16];
  public int n;

  public void add(long ts, double val) {
    if (n == t.length) {
      t = Arrays.copyOf(t, n * 2);
      v = Arrays.copyOf(v, n * 2);
    }
    t[n] = ts;
    v[n] = val;
    n++;
  }

  public void clear() {
    n = 0;
  }
}
