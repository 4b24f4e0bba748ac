package dev.ktel.store.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.store.api.Labels;
import dev.ktel.store.api.SampleIterator;
import dev.ktel.store.api.SeriesStore;
import org.junit.jupiter.api.Test;

/** Retention by age, with the implementation's declared granularity. */
public abstract class RetentionContract extends SeriesStoreContract {
  @Test
  public void dataOlderThanRetentionIsDroppedNewerKept() throws Exception {
    SeriesStore s = open(new StoreFactory.Options(0, 6 * HOUR));
    Labels l = Labels.metric("m");
    Labels gone = Labels.metric("only_old");
    for (int h = 0; h < 12; h++) {
      long[] ts = new long[4];
      double[] vs = new double[4];
      for (int i = 0; i < 4; i++) {
        ts[i] = T0 + h * HOUR + i * 15 * 60_000L;
        vs[i] = h * 4 + i;
      }
      write(s, l, ts, vs);
      if (h == 0) {
        write(s, gone, T0, 1);
      }
      if (h % 2 == 1) {
        factory().persist(s);
      }
    }
    long now = T0 + 12 * HOUR;
    long cutoff = now - 6 * HOUR;
    s.applyRetention(now);
    long gran = s.retentionGranularityMillis();
    SampleIterator it = s.select(Long.MIN_VALUE, Long.MAX_VALUE, dev.ktel.store.api.Matcher.metricName("m")).get(0)
        .iterator();
    long first = Long.MAX_VALUE;
    int kept = 0;
    while (it.next()) {
      first = Math.min(first, it.t());
      kept++;
    }
    assertThat(first).isBetween(cutoff - gran, cutoff);
    int expectedAtLeast = 6 * 4;
    assertThat(kept).isGreaterThanOrEqualTo(expectedAtLeast);
    assertThat(s.select(Long.MIN_VALUE, Long.MAX_VALUE, dev.ktel.store.api.Matcher.metricName("only_old"))).isEmpty();
  }
}
