package dev.ktel.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ktel.store.api.Labels;
import dev.ktel.store.importer.OpenMetricsImporter;
import dev.ktel.store.testing.NodeLikeGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same OpenMetrics file into ktel (import) and into Prometheus ({@code promtool tsdb create-blocks-from openmetrics});
 * prints on-disk bytes per sample of both and the ratio. Skipped when promtool is not installed.
 */
class PrometheusComparisonTest {
  @TempDir
  Path dir;

  static Path promtool() {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(d, "promtool");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  static long sizeOfTree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/wal/"))
          .filter(p -> !p.getFileName().toString().equals("lock")).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  /** Writes {@code hours} of node-like data for {@code series} series as OpenMetrics with timestamps. */
  static long writeOpenMetrics(Path f, int series, int hours) throws IOException {
    NodeLikeGenerator g = new NodeLikeGenerator(series, 11);
    int steps = hours * 240;
    long start = 1_700_000_000_000L;
    long[] ts = new long[steps];
    for (int s = 0; s < steps; s++) {
      ts[s] = g.timestamp(start, s);
    }
    double[][] v = new double[series][steps];
    for (int s = 0; s < steps; s++) {
      for (int i = 0; i < series; i++) {
        v[i][s] = g.next(i);
      }
    }
    try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
      for (int i = 0; i < series; i++) {
        Labels l = g.labels(i);
        StringBuilder sb = new StringBuilder(l.metricName()).append('{');
        boolean first = true;
        for (int k = 0; k < l.size(); k++) {
          if (l.name(k).equals(Labels.METRIC_NAME)) {
            continue;
          }
          sb.append(first ? "" : ",").append(l.name(k)).append("=\"").append(l.value(k)).append('"');
          first = false;
        }
        String prefix = sb.append("} ").toString();
        for (int s = 0; s < steps; s++) {
          w.write(prefix);
          w.write(Double.toString(v[i][s]));
          w.write(' ');
          w.write(Long.toString(ts[s] / 1000));
          w.write('.');
          w.write(String.format("%03d", ts[s] % 1000));
          w.write('\n');
        }
      }
      w.write("# EOF\n");
    }
    return (long) series * steps;
  }

  @Test
  void bytesPerSampleAgainstPromtool() throws Exception {
    Path promtool = promtool();
    assumeTrue(promtool != null, "promtool not installed (Debian package prometheus)");
    Path om = dir.resolve("node.om");
    long samples = writeOpenMetrics(om, 524, 6);
    OpenMetricsImporter.Result r = OpenMetricsImporter.run(om, dir.resolve("ktel"));
    assertThat(r.samples()).isEqualTo(samples);
    Process p = new ProcessBuilder(promtool.toString(), "tsdb", "create-blocks-from", "openmetrics", om.toString(),
        dir.resolve("prom").toString()).redirectErrorStream(true).redirectOutput(dir.resolve("promtool.log").toFile())
        .start();
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("promtool.log"))).isZero();
    long ktel = sizeOfTree(dir.resolve("ktel"));
    long prom = sizeOfTree(dir.resolve("prom"));
    System.out.printf("same file, %d series, %d samples: ktel %d bytes (%.3f B/sample), prometheus %d bytes "
        + "(%.3f B/sample), ratio ktel/prometheus %.3f%n", 524, samples, ktel, (double) ktel / samples, prom,
        (double) prom / samples, (double) ktel / prom);
    assertThat((double) ktel / prom).isLessThan(0.7); // measured 0.48
  }
}
