package dev.ktel.benchmarks.tsdb;

import dev.ktel.server.Server;
import dev.ktel.server.StoreRetention;
import dev.ktel.store.TsdbSeriesStore;
import dev.ktel.store.api.Matcher;
import dev.ktel.store.api.SampleIterator;
import dev.ktel.store.api.Series;
import dev.ktel.store.downsample.Resolution;
import dev.ktel.store.importer.OpenMetricsImporter;
import dev.ktel.store.testing.NodeLikeOpenMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The ktel side of {@code bench/tsdb-compare.sh}, one subcommand per step:
 *
 * <pre>
 *   generate OM PROMTEXT SERIES HOURS START_MS   node-like data as OpenMetrics and as Prometheus text
 *   import OM DATA_DIR                             import + merge + downsample as `ktel tsdb import`; prints bytes
 *   query DATA_DIR FROM_MS RUNS                    select 1 h of every node_* series from FROM_MS; median ms
 * </pre>
 */
public final class TsdbCompareTool {
  private TsdbCompareTool() {
  }

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "generate" -> System.out.println("samples " + NodeLikeOpenMetrics.write(Path.of(args[1]), Path.of(args[2]),
          Integer.parseInt(args[3]), Integer.parseInt(args[4]), Long.parseLong(args[5]), 11));
      case "import" -> importFile(Path.of(args[1]), Path.of(args[2]));
      case "query" -> query(Path.of(args[1]), Long.parseLong(args[2]), Integer.parseInt(args[3]));
      default -> throw new IllegalArgumentException("unknown step " + args[0]);
    }
  }

  private static StoreRetention forever() {
    return new StoreRetention(Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);
  }

  private static void importFile(Path om, Path dataDir) throws IOException {
    long t0 = System.nanoTime();
    try (TsdbSeriesStore store = Server.openStore(dataDir, forever())) {
      OpenMetricsImporter.Result r = OpenMetricsImporter.importInto(om, store);
      store.compactBlocks();
      store.downsample();
      System.out.printf("samples %d%nseries %d%nraw_bytes %d%nbytes_5m %d%nbytes_1h %d%nimport_ms %d%n", r.samples(),
          r.series(), store.bytesOnDisk(Resolution.RAW), store.bytesOnDisk(Resolution.FIVE_MINUTES),
          store.bytesOnDisk(Resolution.ONE_HOUR), (System.nanoTime() - t0) / 1_000_000);
    }
  }

  private static void query(Path dataDir, long from, int runs) throws IOException {
    try (TsdbSeriesStore store = Server.openStore(dataDir, forever())) {
      long to = from + 3_600_000L;
      Matcher m = Matcher.re("__name__", "node_.*");
      long[] ns = new long[runs];
      long samples = 0;
      int series = 0;
      for (int warm = 0; warm < 100; warm++) { // a server runs warm: let the JIT compile the read path first
        store.select(from, to, m);
      }
      for (int i = 0; i < runs; i++) {
        long t0 = System.nanoTime();
        List<Series> got = store.select(from, to, m);
        long n = 0;
        double sink = 0;
        for (Series s : got) {
          SampleIterator it = s.iterator();
          while (it.next()) {
            n++;
            sink += it.v();
          }
        }
        ns[i] = System.nanoTime() - t0;
        samples = n;
        series = got.size();
        if (sink == 42.4242) {
          System.out.print("");
        }
      }
      Arrays.sort(ns);
      System.out.printf("series %d%nsamples %d%nmedian_ms %.3f%n", series, samples, ns[runs / 2] / 1e6);
    }
  }
}
