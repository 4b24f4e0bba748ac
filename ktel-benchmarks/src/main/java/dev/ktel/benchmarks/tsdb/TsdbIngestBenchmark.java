package dev.ktel.benchmarks.tsdb;

import dev.ktel.store.TsdbSeriesStore;
import dev.ktel.store.api.Appender;
import dev.ktel.store.api.Labels;
import dev.ktel.store.testing.NodeLikeGenerator;
import dev.ktel.store.wal.WalOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ingest rate of the store on one thread with the WAL on: each invocation appends and commits {@link #STEPS}
 * scrapes of {@link #SERIES} node-like series (10,000 samples), timestamps advancing 15 s per scrape.
 * Head cuts, block writes, merges and WAL checkpoints happen inside the measured commits, as in production; retention
 * keeps the data directory bounded. Score: samples per second (ops = samples). {@code fsync}: INTERVAL (WAL written
 * on every commit, fsynced every second, as Prometheus) or COMMIT (fsync per commit).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class TsdbIngestBenchmark {
  static final int STEPS = 20;
  /** Fixed, not a parameter: {@code @OperationsPerInvocation} must know the samples per commit. */
  static final int SERIES = 500;

  @Param({"INTERVAL"})
  String fsync;

  private Path dir;
  private TsdbSeriesStore store;
  private Labels[] labels;
  private double[][] values;
  private long t;
  private int cursor;
  private int invocations;

  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = Files.createTempDirectory("ktel-ingest-bench");
    store = TsdbSeriesStore.builder(dir).retentionMillis(Duration.ofHours(12).toMillis())
        .wal(new WalOptions(WalOptions.Fsync.valueOf(fsync), Duration.ofSeconds(1), 32L << 20)).open();
    NodeLikeGenerator g = new NodeLikeGenerator(SERIES, 7);
    labels = new Labels[SERIES];
    values = new double[SERIES][1024]; // a realistic value sequence per series, replayed in a loop
    for (int i = 0; i < SERIES; i++) {
      labels[i] = g.labels(i);
    }
    for (int s = 0; s < 1024; s++) {
      for (int i = 0; i < SERIES; i++) {
        values[i][s] = g.next(i);
      }
    }
    t = 1_700_000_000_000L;
  }

  @Benchmark
  @OperationsPerInvocation(STEPS * SERIES)
  public int appendAndCommit() {
    Appender a = store.appender();
    for (int s = 0; s < STEPS; s++) {
      t += 15_000;
      int c = cursor++ & 1023;
      for (int i = 0; i < labels.length; i++) {
        a.append(labels[i], t, values[i][c] + (cursor >>> 10) * 1e6 * (i & 1)); // counters keep growing
      }
    }
    int n = a.commit();
    if (++invocations % 200 == 0) {
      store.applyRetention(t);
    }
    return n;
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    store.close();
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
