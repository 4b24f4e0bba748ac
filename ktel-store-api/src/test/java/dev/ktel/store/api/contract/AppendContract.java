package dev.ktel.store.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.store.api.Appender;
import dev.ktel.store.api.ClassicHistogram;
import dev.ktel.store.api.Labels;
import dev.ktel.store.api.Matcher;
import dev.ktel.store.api.SeriesStore;
import org.junit.jupiter.api.Test;

/** Appending: commit makes samples visible, rollback discards them, histograms become float series. */
public abstract class AppendContract extends SeriesStoreContract {
  static final Labels UP = Labels.metric("up", "job", "node", "instance", "a:9100");

  @Test
  public void committedSamplesAreSelected() throws Exception {
    SeriesStore s = open();
    write(s, UP, times(0, 15_000, 30_000), new double[] {1, 0, 1});
    assertThat(dump(s, T0, T0 + HOUR)).containsExactly(
        "up{instance=\"a:9100\", job=\"node\"} 0=1.0",
        "up{instance=\"a:9100\", job=\"node\"} 15000=0.0",
        "up{instance=\"a:9100\", job=\"node\"} 30000=1.0");
    assertThat(s.seriesCount()).isEqualTo(1);
  }

  @Test
  public void uncommittedSamplesAreInvisibleAndRollbackDiscards() throws Exception {
    SeriesStore s = open();
    Appender a = s.appender();
    a.append(UP, T0, 1);
    assertThat(s.select(T0, T0)).isEmpty();
    a.rollback();
    assertThat(s.select(Long.MIN_VALUE, Long.MAX_VALUE)).isEmpty();
    assertThat(s.seriesCount()).isZero();
    Appender b = s.appender();
    b.append(UP, T0, 2);
    assertThat(b.commit()).isEqualTo(1);
    assertThat(dump(s, T0, T0)).containsExactly("up{instance=\"a:9100\", job=\"node\"} 0=2.0");
  }

  @Test
  public void manySeriesInOneBatchAndAcrossBatches() throws Exception {
    SeriesStore s = open();
    for (int batch = 0; batch < 5; batch++) {
      Appender a = s.appender();
      for (int cpu = 0; cpu < 40; cpu++) {
        a.append(Labels.metric("node_cpu_seconds_total", "cpu", Integer.toString(cpu), "mode", "idle"),
            T0 + batch * 15_000L, batch * 10.0 + cpu);
      }
      assertThat(a.commit()).isEqualTo(40);
    }
    assertThat(s.seriesCount()).isEqualTo(40);
    var series = s.select(T0, T0 + HOUR, Matcher.metricName("node_cpu_seconds_total"));
    assertThat(series).hasSize(40);
    assertSorted(series);
    assertThat(dump(s, T0, T0 + HOUR, Matcher.eq("cpu", "7"))).containsExactly(
        "node_cpu_seconds_total{cpu=\"7\", mode=\"idle\"} 0=7.0",
        "node_cpu_seconds_total{cpu=\"7\", mode=\"idle\"} 15000=17.0",
        "node_cpu_seconds_total{cpu=\"7\", mode=\"idle\"} 30000=27.0",
        "node_cpu_seconds_total{cpu=\"7\", mode=\"idle\"} 45000=37.0",
        "node_cpu_seconds_total{cpu=\"7\", mode=\"idle\"} 60000=47.0");
  }

  @Test
  public void classicHistogramIsStoredAsBucketSumCountSeries() throws Exception {
    SeriesStore s = open();
    Appender a = s.appender();
    Labels base = Labels.metric("ktel_io_latency_seconds", "device", "sda");
    a.appendHistogram(base, T0, new ClassicHistogram(new double[] {0.001, 0.01, 1}, new double[] {2, 5, 9}, 1.25, 10));
    assertThat(a.commit()).isEqualTo(6);
    assertThat(dump(s, T0, T0, Matcher.re(Labels.METRIC_NAME, "ktel_io_latency_seconds_.*"))).containsExactly(
        "ktel_io_latency_seconds_bucket{device=\"sda\", le=\"+Inf\"} 0=10.0",
        "ktel_io_latency_seconds_bucket{device=\"sda\", le=\"0.001\"} 0=2.0",
        "ktel_io_latency_seconds_bucket{device=\"sda\", le=\"0.01\"} 0=5.0",
        "ktel_io_latency_seconds_bucket{device=\"sda\", le=\"1\"} 0=9.0",
        "ktel_io_latency_seconds_count{device=\"sda\"} 0=10.0",
        "ktel_io_latency_seconds_sum{device=\"sda\"} 0=1.25");
  }

  @Test
  public void persistedAndHeadDataAreSelectedTogether() throws Exception {
    SeriesStore s = open();
    write(s, UP, times(0, 60_000), new double[] {1, 2});
    factory().persist(s);
    write(s, UP, times(3 * HOUR), new double[] {3});
    assertThat(dump(s, T0, T0 + 4 * HOUR)).containsExactly(
        "up{instance=\"a:9100\", job=\"node\"} 0=1.0",
        "up{instance=\"a:9100\", job=\"node\"} 60000=2.0",
        "up{instance=\"a:9100\", job=\"node\"} 10800000=3.0");
    assertThat(s.seriesCount()).isEqualTo(1);
  }
}
