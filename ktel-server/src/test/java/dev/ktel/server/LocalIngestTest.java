package dev.ktel.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.store.TsdbSeriesStore;
import dev.ktel.store.api.Labels;
import dev.ktel.store.api.Matcher;
import dev.ktel.store.api.SampleIterator;
import dev.ktel.store.api.Series;
import dev.ktel.store.api.StaleNaN;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scrape-loop semantics of local ingest against the real store: one timestamp per collection, a staleness marker
 * for a series that disappeared, histograms as classic float series, a rolled-back collector leaves nothing, refused
 * samples are counted and the rest is stored.
 */
class LocalIngestTest {
  static final MetricFamily GAUGE = MetricFamily.gauge("test_gauge", "A gauge.", "dev");
  static final MetricFamily HIST = MetricFamily.histogram("test_latency_seconds", "A histogram.", "op");

  @TempDir
  Path dir;

  @Test
  void collectionsBecomeCommitsWithStalenessMarkersAndHistogramSeries() throws Exception {
    AtomicInteger round = new AtomicInteger();
    Consumer<MetricSink> source = sink -> {
      sink.family(GAUGE);
      sink.sample("a", 1.5 + round.get());
      if (round.get() == 0) {
        sink.sample("b", 7); // disappears in the second collection
      }
      sink.family(HIST);
      sink.histogram(new String[] {"read"}, new double[] {0.001, 0.5}, new long[] {3, 5}, 6, 0.9);
      sink.checkpoint();
      sink.family(MetricFamily.gauge("test_failed", "Rolled back."));
      sink.sample(99);
      sink.rollback();
    };
    AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    try (TsdbSeriesStore store = TsdbSeriesStore.builder(dir).open()) {
      RejectionCounter rejections = new RejectionCounter();
      LocalIngest ingest = new LocalIngest(store, rejections, source, Duration.ofSeconds(15), clock::get);
      assertThat(ingest.collectOnce()).isEqualTo(2 + 3 + 2);
      round.incrementAndGet();
      clock.addAndGet(15_000);
      assertThat(ingest.collectOnce()).as("a, 3 histogram series + 2, one staleness marker").isEqualTo(1 + 5 + 1);

      Series a = only(store, "test_gauge", "dev", "a");
      assertThat(samples(a)).containsExactly(new double[] {1_700_000_000_000L, 1.5},
          new double[] {1_700_000_015_000L, 2.5});
      List<double[]> b = samples(only(store, "test_gauge", "dev", "b"));
      assertThat(b).hasSize(2);
      assertThat(b.get(1)[0]).isEqualTo(1_700_000_015_000L);
      assertThat(StaleNaN.isStale(b.get(1)[1])).as("staleness marker at the second collection").isTrue();
      assertThat(samples(only(store, "test_latency_seconds_bucket", "op", "read", "le", "0.001")).getFirst()[1])
          .isEqualTo(3);
      assertThat(samples(only(store, "test_latency_seconds_bucket", "op", "read", "le", "+Inf")).getFirst()[1])
          .isEqualTo(6);
      assertThat(samples(only(store, "test_latency_seconds_sum", "op", "read")).getFirst()[1]).isEqualTo(0.9);
      assertThat(store.select(0, Long.MAX_VALUE, Matcher.metricName("test_failed"))).isEmpty();

      // a collection at an older timestamp is refused sample by sample, counted, and nothing breaks
      clock.addAndGet(-60_000);
      assertThat(ingest.collectOnce()).isZero();
      assertThat(ingest.errors()).isEqualTo(6);
      assertThat(rejections.total()).isEqualTo(6);
      clock.addAndGet(120_000);
      assertThat(ingest.collectOnce()).isEqualTo(6);
    }
  }

  static Series only(TsdbSeriesStore store, String name, String... pairs) {
    Matcher[] m = new Matcher[pairs.length / 2 + 1];
    m[0] = Matcher.metricName(name);
    for (int i = 0; i < pairs.length; i += 2) {
      m[i / 2 + 1] = Matcher.eq(pairs[i], pairs[i + 1]);
    }
    List<Series> s = store.select(0, Long.MAX_VALUE, m);
    assertThat(s).as("%s %s", name, Labels.of(pairs)).hasSize(1);
    return s.getFirst();
  }

  static List<double[]> samples(Series s) {
    List<double[]> out = new java.util.ArrayList<>();
    SampleIterator it = s.iterator();
    while (it.next()) {
      out.add(new double[] {it.t(), it.v()});
    }
    return out;
  }
}
