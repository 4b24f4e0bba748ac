package dev.ktel.store.api;

/** A {@link Series} over copied arrays of timestamps and values (a materialised selection). */
public final class ArraySeries implements Series {
  private final Labels labels;
  private final long[] ts;
  private final double[] vs;
  private final int n;

  /** Takes ownership of the arrays; only the first {@code n} entries are used. Timestamps must increase. */
  public ArraySeries(Labels labels, long[] ts, double[] vs, int n) {
    this.labels = labels;
    this.ts = ts;
    this.vs = vs;
    this.n = n;
  }

  @Override
  public Labels labels() {
    return labels;
  }

  public int size() {
    return n;
  }

  @Override
  public SampleIterator iterator() {
    return new SampleIterator() {
      private int i = -1;

      @Override
      public boolean next() {
        if (i < n) {
          i++;
        }
        return i < n;
      }

      @Override
      public boolean seek(long target) {
        if (i < 0) {
          i = 0;
        }
        if (i < n && ts[i] >= target) {
          return true;
        }
        int lo = i, hi = n;
        while (lo < hi) {
          int mid = (lo + hi) >>> 1;
          if (ts[mid] < target) {
            lo = mid + 1;
          } else {
            hi = mid;
          }
        }
        i = lo;
        return i < n;
      }

      @Override
      public long t() {
        return ts[i];
      }

      @Override
      public double v() {
        return vs[i];
      }
    };
  }

  @Override
  public String toString() {
    return labels + " (" + n + " samples)";
  }
}
