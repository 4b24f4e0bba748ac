package dev.ktel.store.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The reference {@link SeriesStore}: everything in memory, nothing durable, behaviour chosen to be obviously right
 * rather than fast. When it and another implementation disagree on the contract suite, the contract is what gets
 * fixed first.
 *
 * <pre>
 *   series:  TreeMap&lt;Labels, Data&gt;        sorted, so select returns series in label order
 *   Data:    long[] t, double[] v (sorted by t, unique t), maxT
 *   append:  t &gt; maxT                          in order
 *            t == stored t, same value bits      ignored (idempotent re-scrape)
 *            t == stored t, other value          DUPLICATE_TIMESTAMP
 *            t &lt; maxT, t ≥ storeMaxT - window  out-of-order, inserted in place
 *            t &lt; maxT otherwise                OUT_OF_ORDER
 *            t &lt; retention cutoff              TOO_OLD
 * </pre>
 */
public final class InMemorySeriesStore extends SeriesStore {
  private final long outOfOrderWindowMillis;
  private final long retentionMillis;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final TreeMap<Labels, Data> series = new TreeMap<>();
  private long storeMaxT = Long.MIN_VALUE;
  private long minValidT = Long.MIN_VALUE;
  private long rejected;
  private boolean closed;

  private InMemorySeriesStore(Builder b) {
    this.outOfOrderWindowMillis = b.outOfOrderWindowMillis;
    this.retentionMillis = b.retentionMillis;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options; defaults: no out-of-order window, no retention. */
  public static final class Builder {
    private long outOfOrderWindowMillis;
    private long retentionMillis;

    /** Accept samples older than a series' newest sample if no older than the store's newest minus this. */
    public Builder outOfOrderWindowMillis(long ms) {
      this.outOfOrderWindowMillis = ms;
      return this;
    }

    /** Keep data this long (0: forever) when {@link SeriesStore#applyRetention} runs. */
    public Builder retentionMillis(long ms) {
      this.retentionMillis = ms;
      return this;
    }

    public InMemorySeriesStore build() {
      return new InMemorySeriesStore(this);
    }
  }

  private static final class Data {
    long[] t = new long[8];
    double[] v = new double[8];
    int n;

    long maxT() {
      return n == 0 ? Long.MIN_VALUE : t[n - 1];
    }

    /** Index of t, or -(insertion point) - 1. */
    int find(long ts) {
      return Arrays.binarySearch(t, 0, n, ts);
    }

    void insert(long ts, double val) {
      int i = find(ts);
      if (i >= 0) {
        return;
      }
      i = -i - 1;
      if (n == t.length) {
        t = Arrays.copyOf(t, n * 2);
        v = Arrays.copyOf(v, n * 2);
      }
      System.arraycopy(t, i, t, i + 1, n - i);
      System.arraycopy(v, i, v, i + 1, n - i);
      t[i] = ts;
      v[i] = val;
      n++;
    }
  }

  /** Validates one sample against stored data; returns false for an ignored duplicate. Caller holds a lock. */
  private boolean validate(Labels l, Data d, long ts, double val, long maxTInBatch, long storeMax) {
    if (ts < minValidT) {
      throw new SampleRejectedException(SampleRejectedException.Reason.TOO_OLD, l, ts,
          "oldest accepted timestamp is " + minValidT);
    }
    if (d != null) {
      int i = d.find(ts);
      if (i >= 0) {
        if (Double.doubleToRawLongBits(d.v[i]) == Double.doubleToRawLongBits(val)) {
          return false;
        }
        throw new SampleRejectedException(SampleRejectedException.Reason.DUPLICATE_TIMESTAMP, l, ts,
            "stored value " + d.v[i] + ", new value " + val);
      }
    }
    long seriesMax = Math.max(d == null ? Long.MIN_VALUE : d.maxT(), maxTInBatch);
    if (ts < seriesMax && (outOfOrderWindowMillis <= 0 || ts < storeMax - outOfOrderWindowMillis)) {
      throw new SampleRejectedException(SampleRejectedException.Reason.OUT_OF_ORDER, l, ts,
          "series has samples up to " + seriesMax + ", out-of-order window " + outOfOrderWindowMillis + " ms");
    }
    return true;
  }

  @Override
  public Appender appender() {
    ensureOpen();
    return new Appender() {
      private final LinkedHashMap<Labels, Data> pending = new LinkedHashMap<>();
      private final List<Labels> order = new ArrayList<>();
      private final List<long[]> seq = new ArrayList<>();
      private long batchMax = Long.MIN_VALUE;

      @Override
      public void append(Labels l, long ts, double val) {
        if (l.size() == 0) {
          throw new IllegalArgumentException("series without labels @" + ts);
        }
        Data p = pending.get(l);
        lock.readLock().lock();
        try {
          if (p != null) {
            int i = p.find(ts);
            if (i >= 0) {
              if (Double.doubleToRawLongBits(p.v[i]) == Double.doubleToRawLongBits(val)) {
                return;
              }
              throw new SampleRejectedException(SampleRejectedException.Reason.DUPLICATE_TIMESTAMP, l, ts,
                  "value " + p.v[i] + " already in this batch, new value " + val);
            }
          }
          if (!validate(l, series.get(l), ts, val, p == null ? Long.MIN_VALUE : p.maxT(),
              Math.max(storeMaxT, batchMax))) {
            return;
          }
        } finally {
          lock.readLock().unlock();
        }
        if (p == null) {
          p = new Data();
          pending.put(l, p);
        }
        p.insert(ts, val);
        order.add(l);
        seq.add(new long[] {ts, Double.doubleToRawLongBits(val)});
        batchMax = Math.max(batchMax, ts);
      }

      @Override
      public int commit() {
        int stored = 0;
        lock.writeLock().lock();
        try {
          ensureOpen();
          for (int i = 0; i < order.size(); i++) {
            Labels l = order.get(i);
            long ts = seq.get(i)[0];
            double val = Double.longBitsToDouble(seq.get(i)[1]);
            Data d = series.get(l);
            try {
              if (!validate(l, d, ts, val, Long.MIN_VALUE, storeMaxT)) {
                continue;
              }
            } catch (SampleRejectedException e) {
              rejected++;
              continue;
            }
            if (d == null) {
              d = new Data();
              series.put(l, d);
            }
            d.insert(ts, val);
            storeMaxT = Math.max(storeMaxT, ts);
            stored++;
          }
        } finally {
          lock.writeLock().unlock();
          clear();
        }
        return stored;
      }

      @Override
      public void rollback() {
        clear();
      }

      private void clear() {
        pending.clear();
        order.clear();
        seq.clear();
      }
    };
  }

  @Override
  public List<Series> select(long minT, long maxT, Matcher... matchers) {
    lock.readLock().lock();
    try {
      ensureOpen();
      List<Series> out = new ArrayList<>();
      for (Map.Entry<Labels, Data> e : series.entrySet()) {
        if (!Matcher.matchesAll(e.getKey(), matchers)) {
          continue;
        }
        Data d = e.getValue();
        int from = d.find(minT);
        from = from >= 0 ? from : -from - 1;
        int to = d.find(maxT);
        to = to >= 0 ? to + 1 : -to - 1;
        if (to > from) {
          out.add(new ArraySeries(e.getKey(), Arrays.copyOfRange(d.t, from, to), Arrays.copyOfRange(d.v, from, to),
              to - from));
        }
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<String> labelNames(Matcher... matchers) {
    TreeSet<String> names = new TreeSet<>();
    lock.readLock().lock();
    try {
      for (Labels l : series.keySet()) {
        if (Matcher.matchesAll(l, matchers)) {
          for (int i = 0; i < l.size(); i++) {
            names.add(l.name(i));
          }
        }
      }
    } finally {
      lock.readLock().unlock();
    }
    return List.copyOf(names);
  }

  @Override
  public List<String> labelValues(String name, Matcher... matchers) {
    TreeSet<String> values = new TreeSet<>();
    lock.readLock().lock();
    try {
      for (Labels l : series.keySet()) {
        String v = l.get(name);
        if (!v.isEmpty() && Matcher.matchesAll(l, matchers)) {
          values.add(v);
        }
      }
    } finally {
      lock.readLock().unlock();
    }
    return List.copyOf(values);
  }

  @Override
  public long seriesCount() {
    lock.readLock().lock();
    try {
      return series.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void applyRetention(long nowMillis) {
    if (retentionMillis <= 0) {
      return;
    }
    long cutoff = nowMillis - retentionMillis;
    lock.writeLock().lock();
    try {
      minValidT = Math.max(minValidT, cutoff);
      Map<Labels, Data> keep = new HashMap<>();
      for (Map.Entry<Labels, Data> e : series.entrySet()) {
        Data d = e.getValue();
        int from = d.find(cutoff);
        from = from >= 0 ? from : -from - 1;
        if (from < d.n) {
          Data nd = new Data();
          nd.t = Arrays.copyOfRange(d.t, from, Math.max(d.n, from + 1));
          nd.v = Arrays.copyOfRange(d.v, from, Math.max(d.n, from + 1));
          nd.n = d.n - from;
          keep.put(e.getKey(), nd);
        }
      }
      series.clear();
      series.putAll(keep);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public long rejectedSamples() {
    lock.readLock().lock();
    try {
      return rejected;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public CheckResult check() {
    return closed ? CheckResult.failed(new IllegalStateException("store closed")) : CheckResult.OK;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("store closed");
    }
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      closed = true;
      series.clear();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
