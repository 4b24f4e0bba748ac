package dev.ktel.store.downsample;

import dev.ktel.store.api.ArraySeries;
import dev.ktel.store.api.Labels;
import dev.ktel.store.api.Matcher;
import dev.ktel.store.api.SampleIterator;
import dev.ktel.store.api.Series;
import dev.ktel.store.head.SampleBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A tiered answer: the tier's stored windows before {@code coveredUntil}, then the raw data the tier does not cover
 * yet aggregated on the fly with the same windows, so an answer does not depend on when downsampling ran.
 */
public final class TierStitch {
  /** Raw selection of the store the tier belongs to. */
  @FunctionalInterface
  public interface RawSelect {
    List<Series> select(long minT, long maxT, Matcher... matchers);
  }

  private TierStitch() {
  }

  public static List<Series> select(Tier tier, long coveredUntil, Aggregate a, long minT, long maxT, RawSelect raw,
      Matcher... matchers) {
    TreeMap<Labels, SampleBuf> out = new TreeMap<>();
    if (coveredUntil > minT) {
      for (Series s : tier.select(minT, Math.min(maxT, coveredUntil - 1), a, matchers)) {
        SampleBuf b = out.computeIfAbsent(s.labels(), k -> new SampleBuf());
        SampleIterator it = s.iterator();
        while (it.next()) {
          b.add(it.t(), it.v());
        }
      }
    }
    if (maxT >= coveredUntil) {
      WindowAggregator agg = new WindowAggregator(tier.resolution());
      for (Series s : raw.select(Math.max(minT, coveredUntil), maxT, matchers)) {
        agg.reset();
        agg.addAll(s.iterator());
        if (agg.n == 0) {
          continue;
        }
        double[] vs = agg.values(a);
        SampleBuf b = out.computeIfAbsent(s.labels(), k -> new SampleBuf());
        for (int i = 0; i < agg.n; i++) {
          b.add(agg.t[i], vs[i]);
        }
      }
    }
    List<Series> result = new ArrayList<>(out.size());
    out.forEach((l, b) -> result.add(new ArraySeries(l, b.t, b.v, b.n)));
    return result;
  }
}
