package dev.ktel.store.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.store.TsdbSeriesStore;
import dev.ktel.store.api.Matcher;
import dev.ktel.store.api.SampleIterator;
import dev.ktel.store.api.Series;
import dev.ktel.store.api.StaleNaN;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenMetricsImporterTest {
  @TempDir
  Path dir;

  @Test
  void importsAllSamplesAcrossBlockRangesAndTheyAreQueryable() throws Exception {
    StringBuilder om = new StringBuilder();
    om.append("# HELP node_load1 1m load average.\n# TYPE node_load1 gauge\n");
    long start = 1_700_000_000L; // seconds
    int steps = 5 * 240; // 5 hours at 15 s -> 3 or 4 block ranges
    for (int i = 0; i < steps; i++) {
      om.append("node_load1{instance=\"a\"} ").append(i * 0.01).append(' ').append(start + i * 15L).append('\n');
    }
    om.append("# TYPE http_requests counter\n");
    for (int i = 0; i < steps; i++) {
      om.append("http_requests_total{code=\"200\",path=\"/a \\\"q\\\"\"} ").append(i).append(' ')
          .append(start + i * 15L).append(".5 # {trace_id=\"x\"} 1\n");
    }
    om.append("# EOF\n");
    Path f = dir.resolve("in.om");
    Files.writeString(f, om);
    OpenMetricsImporter.Result r = OpenMetricsImporter.run(f, dir.resolve("data"));
    assertThat(r.samples()).isEqualTo(2L * steps);
    assertThat(r.series()).isEqualTo(2);
    assertThat(r.blocks()).isBetween(3, 4);
    try (TsdbSeriesStore s = TsdbSeriesStore.builder(dir.resolve("data")).open()) {
      List<Series> got = s.select(Long.MIN_VALUE, Long.MAX_VALUE, Matcher.metricName("http_requests_total"));
      assertThat(got).hasSize(1);
      assertThat(got.get(0).labels().get("path")).isEqualTo("/a \"q\"");
      SampleIterator it = got.get(0).iterator();
      int n = 0;
      while (it.next()) {
        assertThat(it.t()).isEqualTo((start + n * 15L) * 1000 + 500);
        assertThat(it.v()).isEqualTo(n);
        n++;
      }
      assertThat(n).isEqualTo(steps);
      assertThat(s.stats().blocks()).isEqualTo(r.blocks());
    }
  }

  @Test
  void specialValuesAndErrorsNameTheLine() throws Exception {
    Path f = dir.resolve("x.om");
    Files.writeString(f, "a 1 10\na NaN 11\na +Inf 12\na -Inf 13\n# EOF\n");
    OpenMetricsImporter.run(f, dir.resolve("d1"));
    try (TsdbSeriesStore s = TsdbSeriesStore.builder(dir.resolve("d1")).open()) {
      SampleIterator it = s.select(0, Long.MAX_VALUE).get(0).iterator();
      it.next();
      it.next();
      assertThat(Double.isNaN(it.v()) && !StaleNaN.isStale(it.v())).isTrue();
      it.next();
      assertThat(it.v()).isEqualTo(Double.POSITIVE_INFINITY);
    }
    Path bad = dir.resolve("bad.om");
    Files.writeString(bad, "a 1 10\nb{x=\"1\"} 2\n");
    assertThatThrownBy(() -> OpenMetricsImporter.run(bad, dir.resolve("d2")))
        .hasMessageContaining("bad.om:2: expected value and timestamp");
  }

  @Test
  void refusesToOverlapExistingBlocks() throws Exception {
    Path f = dir.resolve("x.om");
    Files.writeString(f, "a 1 10\n# EOF\n");
    OpenMetricsImporter.run(f, dir.resolve("d"));
    assertThatThrownBy(() -> OpenMetricsImporter.run(f, dir.resolve("d"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overlaps block");
  }
}
