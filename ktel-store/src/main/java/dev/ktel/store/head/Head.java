package dev.ktel.store.head;

import dev.ktel.store.api.Labels;
import dev.ktel.store.api.SampleRejectedException;
import dev.ktel.store.api.SampleRejectedException.Reason;
import dev.ktel.store.index.IndexReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;

/**
 * The in-memory head: series by labels and by WAL reference, postings for matchers, and the ordering rules every
 * append goes through ({@link #validate}). Not thread-safe; {@code TsdbSeriesStore} guards it with its lock.
 */
public final class Head implements IndexReader {
  private final HashMap<Labels, MemSeries> byLabels = new HashMap<>();
  private final HashMap<Long, MemSeries> byRef = new HashMap<>();
  private final ArrayList<MemSeries> byId = new ArrayList<>();
  private final TreeMap<String, TreeMap<String, IntList>> postings = new TreeMap<>();
  private long minT = Long.MAX_VALUE;
  private final long outOfOrderWindow;
  private long nextRef = 1;
  /** Newest in-order timestamp over all series: the out-of-order window is measured back from it. */
  private long maxT = Long.MIN_VALUE;
  /** Samples before this are refused: they belong to persisted blocks or fell out of retention. */
  private long minValidT = Long.MIN_VALUE;

  public Head(long outOfOrderWindowMillis) {
    this.outOfOrderWindow = outOfOrderWindowMillis;
  }

  public MemSeries get(Labels l) {
    return byLabels.get(l);
  }

  public MemSeries byRef(long ref) {
    return byRef.get(ref);
  }

  /** Creates a series; {@code ref == 0} assigns the next reference (WAL replay passes the logged one). */
  public MemSeries create(Labels l, long ref) {
    MemSeries s = byLabels.get(l);
    if (s != null) {
      return s;
    }
    if (ref == 0) {
      ref = nextRef;
    }
    nextRef = Math.max(nextRef, ref + 1);
    s = new MemSeries(ref, l);
    s.id = byId.size();
    byId.add(s);
    byLabels.put(l, s);
    byRef.put(ref, s);
    for (int i = 0; i < l.size(); i++) {
      postings.computeIfAbsent(l.name(i), k -> new TreeMap<>()).computeIfAbsent(l.value(i), k -> new IntList())
          .add(s.id);
    }
    return s;
  }

  /**
   * Applies the ordering rules (same as the reference store) for a sample of series {@code s} (null if new).
   * Returns false for an exact duplicate to ignore, throws for a rejected sample.
   *
   * @param batchMaxT newest timestamp of this series earlier in the same uncommitted batch
   * @param storeMaxT newest timestamp in the store including the batch
   */
  public boolean validate(MemSeries s, Labels l, long t, double v, long batchMaxT, long storeMaxT) {
    if (t < minValidT) {
      throw new SampleRejectedException(Reason.TOO_OLD, l, t, "oldest accepted timestamp is " + minValidT);
    }
    long seriesMax = Math.max(s == null ? Long.MIN_VALUE : s.maxT, batchMaxT);
    if (t > seriesMax) {
      return true;
    }
    if (s != null && s.lookup(t)) {
      if (s.foundBits == Double.doubleToRawLongBits(v)) {
        return false;
      }
      throw new SampleRejectedException(Reason.DUPLICATE_TIMESTAMP, l, t,
          "stored value " + Double.longBitsToDouble(s.foundBits) + ", new value " + v);
    }
    if (t < seriesMax && (outOfOrderWindow <= 0 || t < Math.max(storeMaxT, maxT) - outOfOrderWindow)) {
      throw new SampleRejectedException(Reason.OUT_OF_ORDER, l, t,
          "series has samples up to " + seriesMax + ", out-of-order window " + outOfOrderWindow + " ms");
    }
    return true;
  }

  /** Adds a validated sample (or a replayed one: exact duplicates are ignored). */
  public void add(MemSeries s, long t, double v) {
    minT = Math.min(minT, t);
    if (t > s.maxT) {
      s.appendInOrder(t, v);
      maxT = Math.max(maxT, t);
    } else if (!s.lookup(t)) {
      s.insertOutOfOrder(t, v);
    }
  }

  public long maxT() {
    return maxT;
  }

  /** Oldest sample in the head, or Long.MAX_VALUE when empty. */
  public long minT() {
    return minT;
  }

  /** Newest sample in the head including out-of-order ones, or Long.MIN_VALUE when empty. */
  public long dataMaxT() {
    long m = Long.MIN_VALUE;
    for (MemSeries s : byId) {
      m = Math.max(m, Math.max(s.maxT, s.oooN > 0 ? s.oooT[s.oooN - 1] : Long.MIN_VALUE));
    }
    return m;
  }

  public long minValidT() {
    return minValidT;
  }

  public void setMinValidT(long t) {
    minValidT = Math.max(minValidT, t);
  }

  public void collect(int id, long from, long to, SampleBuf out) {
    byId.get(id).collect(from, to, out);
  }

  public List<MemSeries> series() {
    return byId;
  }

  /** Drops samples before {@code upTo} and series left empty; rebuilds ids and postings. */
  public void truncateBefore(long upTo) {
    List<MemSeries> all = new ArrayList<>(byId);
    byId.clear();
    byLabels.clear();
    byRef.clear();
    postings.clear();
    minT = Long.MAX_VALUE;
    for (MemSeries s : all) {
      s.truncateBefore(upTo);
      if (!s.isEmpty()) {
        create(s.labels, s.ref);
        MemSeries fresh = byLabels.get(s.labels);
        // keep the data object: move state over
        byId.set(fresh.id, s);
        s.id = fresh.id;
        byLabels.put(s.labels, s);
        byRef.put(s.ref, s);
        minT = Math.min(minT, s.minT);
      }
    }
    setMinValidT(upTo);
  }

  private static final class IntList {
    int[] a = new int[4];
    int n;

    void add(int v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }
  }

  @Override
  public int size() {
    return byId.size();
  }

  @Override
  public Labels labels(int id) {
    return byId.get(id).labels;
  }

  @Override
  public Collection<String> labelNames() {
    return postings.keySet();
  }

  @Override
  public Collection<String> labelValues(String name) {
    TreeMap<String, IntList> m = postings.get(name);
    return m == null ? List.of() : m.keySet();
  }

  @Override
  public int[] postings(String name, String value) {
    TreeMap<String, IntList> m = postings.get(name);
    IntList p = m == null ? null : m.get(value);
    return p == null ? new int[0] : Arrays.copyOf(p.a, p.n);
  }
}
