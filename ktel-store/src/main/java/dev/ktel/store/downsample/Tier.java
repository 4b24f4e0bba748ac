package dev.ktel.store.downsample;

import dev.ktel.store.TsdbSeriesStore;
import dev.ktel.store.api.ArraySeries;
import dev.ktel.store.api.Labels;
import dev.ktel.store.api.Matcher;
import dev.ktel.store.api.SampleIterator;
import dev.ktel.store.api.Series;
import dev.ktel.store.block.BlockWriter;
import dev.ktel.store.chunk.Chunks;
import dev.ktel.store.head.SampleBuf;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One downsampled tier: a store of its own under {@code <data-dir>/downsample/<5m|1h>} whose blocks hold, per raw
 * series, five series (the raw labels plus {@code __rollup__=min|max|sum|count|last}), one sample per window. Blocks
 * are written by {@link #write} from raw blocks, merged like raw blocks, and expire by the tier's own retention. The
 * tier's WAL stays empty: everything enters as a block.
 */
public final class Tier implements Closeable {
  private final Resolution resolution;
  private final TsdbSeriesStore store;

  private Tier(Resolution resolution, TsdbSeriesStore store) {
    this.resolution = resolution;
    this.store = store;
  }

  public static Tier open(Path dir, Resolution r, long blockRange, long retentionMillis, long retentionBytes)
      throws IOException {
    return new Tier(r, TsdbSeriesStore.builder(dir).blockRangeMillis(blockRange).retentionMillis(retentionMillis)
        .retentionBytes(retentionBytes).open());
  }

  public Resolution resolution() {
    return resolution;
  }

  /** End (exclusive) of the raw time range already folded into this tier; {@code Long.MIN_VALUE} when empty. */
  public long coveredUntil() {
    return store.blocksMaxTime();
  }

  /** Oldest time this tier still holds; {@code Long.MAX_VALUE} when empty. */
  public long oldest() {
    return store.blocksMinTime();
  }

  /** Folds raw series of {@code [from, to)} into one tier block and merges tier blocks when due. */
  public int write(long from, long to, List<Series> raw) throws IOException {
    TreeMap<Labels, SampleBuf> out = new TreeMap<>();
    WindowAggregator agg = new WindowAggregator(resolution);
    for (Series s : raw) {
      agg.reset();
      agg.addAll(s.iterator());
      if (agg.n == 0) {
        continue;
      }
      for (Aggregate a : Aggregate.STORED) {
        SampleBuf b = new SampleBuf();
        b.t = Arrays.copyOf(agg.t, agg.n);
        b.v = agg.values(a);
        b.n = agg.n;
        out.put(s.labels().toBuilder().set(Aggregate.LABEL, a.label()).build(), b);
      }
    }
    List<BlockWriter.SeriesChunks> chunks = new ArrayList<>(out.size());
    for (Map.Entry<Labels, SampleBuf> e : out.entrySet()) {
      chunks.add(new BlockWriter.SeriesChunks(e.getKey(), Chunks.encodeForBlock(e.getValue())));
    }
    store.ingestBlock(from, to, chunks);
    store.compactBlocks();
    return chunks.size() / Aggregate.STORED.length;
  }

  /** One aggregate per window for the series matching {@code matchers}, labelled as the raw series. */
  public List<Series> select(long minT, long maxT, Aggregate a, Matcher... matchers) {
    Matcher[] m = Arrays.copyOf(matchers, matchers.length + 1);
    if (a != Aggregate.AVG) {
      m[matchers.length] = Matcher.eq(Aggregate.LABEL, a.label());
      List<Series> out = new ArrayList<>();
      for (Series s : store.select(minT, maxT, m)) {
        out.add(new ArraySeriesView(s.labels().toBuilder().remove(Aggregate.LABEL).build(), s));
      }
      out.sort(java.util.Comparator.comparing(Series::labels));
      return out;
    }
    m[matchers.length] = Matcher.re(Aggregate.LABEL, "sum|count");
    Map<Labels, Series[]> pairs = new HashMap<>();
    for (Series s : store.select(minT, maxT, m)) {
      Series[] p = pairs.computeIfAbsent(s.labels().toBuilder().remove(Aggregate.LABEL).build(), k -> new Series[2]);
      p[s.labels().get(Aggregate.LABEL).equals("sum") ? 0 : 1] = s;
    }
    TreeMap<Labels, Series> sorted = new TreeMap<>();
    for (Map.Entry<Labels, Series[]> e : pairs.entrySet()) {
      if (e.getValue()[0] == null || e.getValue()[1] == null) {
        continue;
      }
      SampleBuf b = new SampleBuf();
      SampleIterator sum = e.getValue()[0].iterator();
      SampleIterator count = e.getValue()[1].iterator();
      while (sum.next() && count.next()) {
        b.add(sum.t(), sum.v() / count.v());
      }
      sorted.put(e.getKey(), new ArraySeries(e.getKey(), b.t, b.v, b.n));
    }
    return new ArrayList<>(sorted.values());
  }

  public void applyRetention(long nowMillis) {
    store.applyRetention(nowMillis);
  }

  public long bytesOnDisk() {
    return store.stats().blockBytes();
  }

  public TsdbSeriesStore.Stats stats() {
    return store.stats();
  }

  @Override
  public void close() {
    store.close();
  }

  /** A tier series relabelled without {@code __rollup__}. */
  private record ArraySeriesView(Labels labels, Series inner) implements Series {
    @Override
    public SampleIterator iterator() {
      return inner.iterator();
    }
  }
}
