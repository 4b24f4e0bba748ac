package dev.ktel.store.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LabelsAndMatcherTest {
  @Test
  void labelsAreSortedDeduplicatedAndDropEmptyValues() {
    Labels l = Labels.of("z", "1", "__name__", "m", "a", "2", "empty", "");
    assertThat(l.size()).isEqualTo(3);
    assertThat(l.name(0)).isEqualTo("__name__");
    assertThat(l.name(1)).isEqualTo("a");
    assertThat(l.get("empty")).isEmpty();
    assertThat(l.get("missing")).isEmpty();
    assertThat(l).isEqualTo(Labels.metric("m", "a", "2", "z", "1")).hasSameHashCodeAs(Labels.metric("m", "a", "2", "z", "1"));
    assertThat(l.toBuilder().set("a", "3").build().get("a")).isEqualTo("3");
    assertThat(l.toBuilder().remove("z").build()).isEqualTo(Labels.metric("m", "a", "2"));
    assertThat(Labels.metric("m", "v", "a\"b\\c\nd").toString()).isEqualTo("m{v=\"a\\\"b\\\\c\\nd\"}");
  }

  @Test
  void orderingComparesPairByPairThenLength() {
    assertThat(Labels.metric("a").compareTo(Labels.metric("b"))).isNegative();
    assertThat(Labels.metric("a").compareTo(Labels.metric("a", "x", "1"))).isNegative();
    assertThat(Labels.metric("a", "x", "2").compareTo(Labels.metric("a", "x", "10"))).isPositive();
  }

  @Test
  void badLabelsAreRejectedWithTheName() {
    assertThatThrownBy(() -> Labels.of("a")).hasMessageContaining("odd number");
    assertThatThrownBy(() -> Labels.of("", "v")).hasMessageContaining("empty label name");
  }

  @Test
  void matchersFollowPromqlSemantics() {
    Labels l = Labels.metric("m", "dev", "sda1");
    assertThat(Matcher.eq("dev", "sda1").matches(l)).isTrue();
    assertThat(Matcher.neq("dev", "sda1").matches(l)).isFalse();
    assertThat(Matcher.re("dev", "sd[a-z]\\d").matches(l)).isTrue();
    assertThat(Matcher.re("dev", "sd").matches(l)).isFalse(); // anchored
    assertThat(Matcher.nre("dev", "nvme.*").matches(l)).isTrue();
    assertThat(Matcher.eq("missing", "").matches(l)).isTrue();
    assertThat(Matcher.re("missing", ".*").matchesEmpty()).isTrue();
    assertThat(Matcher.re("dev", ".+").matchesEmpty()).isFalse();
    assertThat(Matcher.re("dev", "a.b").matches("a\nb")).isTrue(); // . matches newline, as in Go's RE2 with (?s)
    assertThat(Matcher.re("x", "1|2").toString()).isEqualTo("x=~\"1|2\"");
  }

  @Test
  void staleMarkerIsDistinctFromNaN() {
    assertThat(Double.isNaN(StaleNaN.VALUE)).isTrue();
    assertThat(StaleNaN.isStale(StaleNaN.VALUE)).isTrue();
    assertThat(StaleNaN.isStale(Double.NaN)).isFalse();
    assertThat(Double.doubleToRawLongBits(StaleNaN.VALUE)).isEqualTo(0x7ff0000000000002L);
  }

  @Test
  void histogramBoundsFormatLikePrometheusClients() {
    assertThat(ClassicHistogram.formatBound(1)).isEqualTo("1");
    assertThat(ClassicHistogram.formatBound(0.005)).isEqualTo("0.005");
    assertThat(ClassicHistogram.formatBound(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThatThrownBy(() -> new ClassicHistogram(new double[] {1, 0.5}, new double[] {1, 2}, 0, 2))
        .hasMessageContaining("not increasing");
  }
}
