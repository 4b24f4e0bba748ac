package dev.ktel.store.downsample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.store.TsdbSeriesStore;
import dev.ktel.store.api.Appender;
import dev.ktel.store.api.Labels;
import dev.ktel.store.api.Matcher;
import dev.ktel.store.api.SampleIterator;
import dev.ktel.store.api.SelectHints;
import dev.ktel.store.api.Series;
import dev.ktel.store.api.StaleNaN;
import dev.ktel.store.wal.WalOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tier contract: the 5 m and 1 h tiers hold exactly the min, max, sum, count and last of the raw samples per window
 * (staleness markers excluded); a query picks its tier by step and falls back to a coarser tier where retention
 * dropped the finer data; tiers survive a reopen and expire by their own retention.
 */
class TierTest {
  static final long HOUR = 3_600_000L;
  static final long T0 = 1_700_000_000_000L / (24 * HOUR) * (24 * HOUR);
  static final int STEPS = 10 * 240; // 10 h at 15 s

  @TempDir
  Path dir;

  private TsdbSeriesStore open(long rawRetention, long fiveMinRetention) throws IOException {
    // fsync per interval and 40 scrapes per commit: the tiers are under test here, not the WAL
    return TsdbSeriesStore.builder(dir).retentionMillis(rawRetention)
        .wal(new WalOptions(WalOptions.Fsync.INTERVAL, java.time.Duration.ofSeconds(1), 32L << 20))
        .tier(Resolution.FIVE_MINUTES, fiveMinRetention, 0).tier(Resolution.ONE_HOUR, 0, 0).open();
  }

  private static double value(int series, int step) {
    return series == 0 ? step * 0.25 : series == 1 ? Math.sin(step / 7.0) * 100 : (step * 37 % 101);
  }

  private static void fill(TsdbSeriesStore s) {
    Appender a = s.appender();
    for (int step = 0; step < STEPS; step++) {
      for (int i = 0; i < 3; i++) {
        // series 2 goes stale for a while: markers must not count as values
        double v = i == 2 && step % 240 == 100 ? StaleNaN.VALUE : value(i, step);
        a.append(Labels.metric("m", "i", Integer.toString(i)), T0 + step * 15_000L + (step % 3), v);
      }
      if (step % 40 == 39) {
        a.commit();
        a = s.appender();
      }
    }
    a.commit();
  }

  /** Expected aggregates computed by the test itself from the raw series. */
  private static Map<Long, double[]> expected(Series raw, long window) {
    TreeMap<Long, double[]> out = new TreeMap<>();
    SampleIterator it = raw.iterator();
    while (it.next()) {
      if (Double.isNaN(it.v())) {
        continue;
      }
      double[] e = out.get(Math.floorDiv(it.t(), window));
      if (e == null) {
        out.put(Math.floorDiv(it.t(), window), new double[] {it.v(), it.v(), it.v(), 1, it.v(), it.t()});
      } else {
        e[0] = Math.min(e[0], it.v());
        e[1] = Math.max(e[1], it.v());
        e[2] += it.v();
        e[3]++;
        e[4] = it.v();
        e[5] = it.t();
      }
    }
    return out;
  }

  private static List<double[]> samples(Series s) {
    List<double[]> out = new ArrayList<>();
    SampleIterator it = s.iterator();
    while (it.next()) {
      out.add(new double[] {it.t(), it.v()});
    }
    return out;
  }

  @Test
  void tiersHoldTheAggregatesOfTheirRawWindows() throws IOException {
    try (TsdbSeriesStore s = open(0, 0)) {
      fill(s);
      s.downsample();
      List<Series> raw = s.select(Long.MIN_VALUE, Long.MAX_VALUE);
      for (Resolution r : new Resolution[] {Resolution.FIVE_MINUTES, Resolution.ONE_HOUR}) {
        for (Aggregate a : Aggregate.values()) {
          List<Series> tier = s.selectTier(r, a, Long.MIN_VALUE, Long.MAX_VALUE);
          assertThat(tier).hasSize(3);
          for (int i = 0; i < 3; i++) {
            assertThat(tier.get(i).labels()).isEqualTo(raw.get(i).labels());
            Map<Long, double[]> exp = expected(raw.get(i), r.millis());
            List<double[]> got = samples(tier.get(i));
            // raw blocks cover whole 2 h ranges up to the newest cut; the rest is still in the head
            assertThat(got).isNotEmpty().hasSizeLessThanOrEqualTo(exp.size());
            for (double[] g : got) {
              double[] e = exp.get(Math.floorDiv((long) g[0], r.millis()));
              assertThat(g[0]).as("%s %s timestamp is the window's last sample", r, a).isEqualTo(e[5]);
              double want = a == Aggregate.AVG ? e[2] / e[3] : e[a.ordinal()];
              assertThat(g[1]).as("%s %s of %s at %d", r, a, raw.get(i).labels(), (long) g[0])
                  .isCloseTo(want, org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(want))));
            }
          }
        }
      }
      assertThat(s.bytesOnDisk(Resolution.FIVE_MINUTES)).isPositive().isLessThan(s.bytesOnDisk(Resolution.RAW));
    }
    try (TsdbSeriesStore s = open(0, 0)) {
      assertThat(s.selectTier(Resolution.ONE_HOUR, Aggregate.COUNT, Long.MIN_VALUE, Long.MAX_VALUE))
          .as("tiers survive a reopen").hasSize(3);
    }
  }

  @Test
  void stepPicksTheTierAndTheUncoveredRestIsAggregatedFromRaw() throws IOException {
    try (TsdbSeriesStore s = open(0, 0)) {
      fill(s);
      long end = T0 + STEPS * 15_000L;
      Matcher m = Matcher.eq("i", "0");
      Series raw = s.select(T0, end, m).getFirst();
      assertThat(samples(s.select(T0, end, SelectHints.step(15_000, ""), m).getFirst())).hasSize(STEPS);
      Map<Long, double[]> exp5 = expected(raw, Resolution.FIVE_MINUTES.millis());
      List<double[]> five = samples(s.select(T0, end, SelectHints.step(300_000, "max_over_time"), m).getFirst());
      assertThat(five).hasSize(exp5.size()); // whole range: tier part plus the head part aggregated on the fly
      for (double[] g : five) {
        assertThat(g[1]).isEqualTo(exp5.get(Math.floorDiv((long) g[0], 300_000L))[1]);
      }
      List<double[]> hourly = samples(s.select(T0, end, SelectHints.step(2 * HOUR, "rate"), m).getFirst());
      assertThat(hourly).hasSize(10);
      assertThat(hourly.getLast()[1]).as("last value of the last hour").isEqualTo(value(0, STEPS - 1));
    }
  }

  @Test
  void eachTierExpiresByItsOwnRetentionAndOldRangesFallBackToCoarserTiers() throws IOException {
    long end = T0 + STEPS * 15_000L;
    try (TsdbSeriesStore s = open(3 * HOUR, 6 * HOUR)) {
      fill(s);
      s.applyRetention(end);
      assertThat(s.select(T0, T0 + HOUR)).as("raw of the first hour expired").isEmpty();
      assertThat(s.selectTier(Resolution.FIVE_MINUTES, Aggregate.LAST, T0, T0 + 2 * HOUR)).isEmpty();
      assertThat(s.selectTier(Resolution.ONE_HOUR, Aggregate.LAST, T0, T0 + HOUR)).hasSize(3);
      Matcher m = Matcher.eq("i", "1");
      List<double[]> got = samples(s.select(T0, end, SelectHints.step(15_000, ""), m).getFirst());
      assertThat(got.getFirst()[0]).as("the 1 h tier answers from the start").isLessThan(T0 + HOUR);
      assertThat(got.size()).isLessThanOrEqualTo(11);
      List<double[]> recent = samples(s.select(end - HOUR, end, SelectHints.step(15_000, ""), m).getFirst());
      assertThat(recent).as("raw still answers where it reaches back far enough").hasSize(240);
    }
  }

  @Test
  void choiceRule() {
    Map<Resolution, Long> all = Map.of(Resolution.RAW, 100L, Resolution.FIVE_MINUTES, 50L, Resolution.ONE_HOUR, 10L);
    assertThat(TierChoice.choose(15_000, 200, all)).isEqualTo(Resolution.RAW);
    assertThat(TierChoice.choose(300_000, 200, all)).isEqualTo(Resolution.FIVE_MINUTES);
    assertThat(TierChoice.choose(3_600_000, 200, all)).isEqualTo(Resolution.ONE_HOUR);
    assertThat(TierChoice.choose(15_000, 60, all)).isEqualTo(Resolution.FIVE_MINUTES);
    assertThat(TierChoice.choose(15_000, 40, all)).isEqualTo(Resolution.ONE_HOUR);
    assertThat(TierChoice.choose(15_000, 90, Map.of(Resolution.RAW, 100L, Resolution.FIVE_MINUTES, 50L)))
        .isEqualTo(Resolution.FIVE_MINUTES);
    assertThat(TierChoice.choose(3_600_000, 0, Map.of(Resolution.RAW, 100L))).isEqualTo(Resolution.RAW);
  }
}
