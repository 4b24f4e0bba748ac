package dev.ktel.store.testing;

import dev.ktel.store.api.Labels;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@link NodeLikeGenerator} data as files the peers import: OpenMetrics (timestamps in seconds with
 * milliseconds, {@code # EOF}) for {@code ktel tsdb import} and {@code promtool tsdb create-blocks-from openmetrics},
 * and the same samples as Prometheus text (timestamps in milliseconds) for VictoriaMetrics'
 * {@code /api/v1/import/prometheus}. Series-major order, as a dump of a TSDB would be.
 */
public final class NodeLikeOpenMetrics {
  private NodeLikeOpenMetrics() {
  }

  /** Returns the number of samples written to each file; {@code promText} may be null. */
  public static long write(Path openMetrics, Path promText, int series, int hours, long startMillis, long seed)
      throws IOException {
    NodeLikeGenerator g = new NodeLikeGenerator(series, seed);
    int steps = (int) (hours * 3_600_000L / NodeLikeGenerator.INTERVAL_MS);
    long[] ts = new long[steps];
    for (int s = 0; s < steps; s++) {
      ts[s] = g.timestamp(startMillis, s);
    }
    double[][] v = new double[series][steps];
    for (int s = 0; s < steps; s++) {
      for (int i = 0; i < series; i++) {
        v[i][s] = g.next(i);
      }
    }
    try (BufferedWriter om = Files.newBufferedWriter(openMetrics, StandardCharsets.UTF_8);
        BufferedWriter pt = promText == null ? null : Files.newBufferedWriter(promText, StandardCharsets.UTF_8)) {
      for (int i = 0; i < series; i++) {
        String prefix = seriesText(g.labels(i));
        for (int s = 0; s < steps; s++) {
          String value = Double.toString(v[i][s]);
          om.write(prefix);
          om.write(value);
          om.write(' ');
          om.write(Long.toString(ts[s] / 1000));
          om.write('.');
          om.write(String.format("%03d", ts[s] % 1000));
          om.write('\n');
          if (pt != null) {
            pt.write(prefix);
            pt.write(value);
            pt.write(' ');
            pt.write(Long.toString(ts[s]));
            pt.write('\n');
          }
        }
      }
      om.write("# EOF\n");
    }
    return (long) series * steps;
  }

  private static String seriesText(Labels l) {
    StringBuilder sb = new StringBuilder(l.metricName()).append('{');
    boolean first = true;
    for (int k = 0; k < l.size(); k++) {
      if (l.name(k).equals(Labels.METRIC_NAME)) {
        continue;
      }
      sb.append(first ? "" : ",").append(l.name(k)).append("=\"").append(l.value(k)).append('"');
      first = false;
    }
    return sb.append("} ").toString();
  }
}
