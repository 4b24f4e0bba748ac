package dev.ktel.promql.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ktel.promql.Engine;
import dev.ktel.promql.EngineOptions;
import dev.ktel.promql.Matrix;
import dev.ktel.promql.PromqlException;
import dev.ktel.promql.Result;
import dev.ktel.promql.Scalar;
import dev.ktel.promql.Vector;
import dev.ktel.store.api.Appender;
import dev.ktel.store.api.InMemorySeriesStore;
import dev.ktel.store.api.Labels;
import dev.ktel.store.api.StaleNaN;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The evaluator's subtle parts, on hand-built data with values worked out by hand. */
class EvaluatorTest {
  private final InMemorySeriesStore store = InMemorySeriesStore.builder().build();
  private final Engine engine = new Engine(store);

  @AfterEach
  void close() {
    store.close();
  }

  private void series(Labels l, long stepMs, double... values) {
    Appender a = store.appender();
    for (int i = 0; i < values.length; i++) {
      a.append(l, i * stepMs, values[i]);
    }
    a.commit();
  }

  private double single(String q, long t) {
    Vector v = (Vector) engine.instantQuery(q, t).value();
    assertThat(v.samples()).as(q).hasSize(1);
    return v.samples().get(0).v();
  }

  @Test
  void rateExtrapolatesToWindowEdgesButNotBelowZero() {
    // 0,10,...,60 every 10s: the counter started at 0 at t=0, so increase over [0..60s] is exactly 60.
    series(Labels.metric("c_total"), 10_000, 0, 10, 20, 30, 40, 50, 60);
    assertThat(single("increase(c_total[1m])", 60_000)).isCloseTo(60, within(1e-9));
    // Samples 10..60 at 10s..60s in window (0,60s]: 50 over 50s, extrapolated to start by zero point (10s) -> 60.
    assertThat(single("rate(c_total[1m])", 60_000)).isCloseTo(1.0, within(1e-9));
    // Window (30s, 60s]: 40, 50, 60 -> 20 over 20s; extrapolate 10s to start and 0 to end -> 30.
    assertThat(single("increase(c_total[30s])", 60_000)).isCloseTo(30, within(1e-9));
  }

  @Test
  void counterResetsAreCorrected() {
    series(Labels.metric("r_total"), 10_000, 5, 10, 2, 7);
    // 5->10 (+5), reset to 2 (+2), 2->7 (+5) = 12 over 30s, extrapolated 10s at the front (zero point 12.5s away).
    assertThat(single("resets(r_total[1m])", 30_000)).isEqualTo(1);
    assertThat(single("increase(r_total[40s])", 30_000)).isCloseTo(12 * 40.0 / 30, within(1e-9));
  }

  @Test
  void lookbackIsLeftOpenAndFiveMinutes() {
    series(Labels.metric("g"), 60_000, 1);
    assertThat(single("g", 299_999)).isEqualTo(1);
    assertThat(((Vector) engine.instantQuery("g", 300_000).value()).samples()).isEmpty();
    Engine shortLookback = new Engine(store, EngineOptions.DEFAULTS.withLookbackDelta(Duration.ofSeconds(30)));
    assertThat(((Vector) shortLookback.instantQuery("g", 31_000).value()).samples()).isEmpty();
  }

  @Test
  void staleMarkerEndsSeriesUntilNextSample() {
    series(Labels.metric("s"), 10_000, 1, StaleNaN.VALUE, 3);
    assertThat(single("s", 5_000)).isEqualTo(1);
    assertThat(((Vector) engine.instantQuery("s", 15_000).value()).samples()).isEmpty();
    assertThat(single("s", 25_000)).isEqualTo(3);
    // Range functions never see the marker.
    assertThat(single("count_over_time(s[1m])", 25_000)).isEqualTo(2);
  }

  @Test
  void oneToOneMatchingAndManyToManyError() {
    series(Labels.metric("a", "job", "x", "i", "1"), 10_000, 2);
    series(Labels.metric("b", "job", "x", "i", "1"), 10_000, 3);
    assertThat(single("a * b", 0)).isEqualTo(6);
    series(Labels.metric("b", "job", "x", "i", "2"), 10_000, 4);
    assertThatThrownBy(() -> engine.instantQuery("a * on(job) b", 0))
        .isInstanceOf(PromqlException.class)
        .hasMessageContaining("many-to-many matching not allowed")
        .extracting(e -> ((PromqlException) e).type()).isEqualTo(PromqlException.Type.EXECUTION);
    Vector grouped = (Vector) engine.instantQuery("b * on(job) group_left a", 0).value();
    assertThat(grouped.samples()).hasSize(2);
  }

  @Test
  void nameIsDroppedAfterArithmeticButKeptByLabelReplace() {
    series(Labels.metric("m_total", "k", "v"), 10_000, 1, 2);
    Vector v = (Vector) engine.instantQuery("m_total * 2", 10_000).value();
    assertThat(v.samples().get(0).labels()).isEqualTo(Labels.of("k", "v"));
    Vector kept = (Vector) engine.instantQuery(
        "label_replace(rate(m_total[1m]), \"__name__\", \"x_$1\", \"__name__\", \"(.*)\")", 10_000).value();
    assertThat(kept.samples().get(0).labels().metricName()).isEqualTo("x_m_total");
  }

  @Test
  void rangeQueryReturnsOnePointPerStep() {
    series(Labels.metric("p"), 10_000, 1, 2, 3, 4, 5, 6);
    Matrix m = (Matrix) engine.rangeQuery("p * 10", 0, 50_000, 10_000).value();
    assertThat(m.series()).hasSize(1);
    assertThat(m.series().get(0).v()).containsExactly(10, 20, 30, 40, 50, 60);
    assertThat(((Scalar) engine.instantQuery("time()", 42_000).value()).v()).isEqualTo(42);
  }

  @Test
  void sampleLimitIsEnforced() {
    series(Labels.metric("big"), 1_000, new double[1000]);
    Engine limited = new Engine(store, EngineOptions.DEFAULTS.withMaxSamples(100));
    assertThatThrownBy(() -> limited.instantQuery("sum_over_time(big[20m])", 999_000))
        .isInstanceOf(PromqlException.class).hasMessageContaining("too many samples");
  }

  @Test
  void annotationsCarryPositions() {
    series(Labels.metric("gauge"), 10_000, 1, 2, 3);
    Result r = engine.instantQuery("rate(gauge[1m])", 20_000);
    assertThat(r.infos()).containsExactly("PromQL info: metric might not be a counter, name does not end in "
        + "_total/_sum/_count/_bucket: \"gauge\" (1:6)");
  }

  @Test
  void failuresAreCountedByType() {
    series(Labels.metric("x"), 10_000, 1);
    engine.instantQuery("x", 0);
    assertThatThrownBy(() -> engine.instantQuery("x +", 0)).isInstanceOf(PromqlException.class);
    assertThat(engine.stats().queries()).isEqualTo(2);
    assertThat(engine.stats().failures(PromqlException.Type.BAD_DATA)).isEqualTo(1);
    assertThat(engine.stats().failures(PromqlException.Type.EXECUTION)).isZero();
  }

  @Test
  void re2OnlyRegexSpellingsWork() {
    series(Labels.metric("r", "v", "abc"), 10_000, 1);
    series(Labels.metric("r", "v", "a1"), 10_000, 2);
    assertThat(single("r{v=~\"[[:alpha:]]+\"}", 0)).isEqualTo(1);
    assertThat(single("label_replace(r{v=\"a1\"}, \"d\", \"$n\", \"v\", \"(?P<n>[[:digit:]])?a(.*)\")", 0))
        .isEqualTo(2);
  }
}
