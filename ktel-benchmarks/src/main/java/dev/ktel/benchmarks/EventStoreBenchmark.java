package dev.ktel.benchmarks;

import dev.ktel.core.event.CorrelationKey;
import dev.ktel.core.event.Event;
import dev.ktel.core.event.Severity;
import dev.ktel.eventstore.LuceneEventStore;
import dev.ktel.eventstore.wal.FsyncPolicy;
import dev.ktel.store.api.event.EventQuery;
import dev.ktel.store.api.event.InMemoryEventStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The event store: append throughput (events per second, batches of {@link #BATCH}, under each fsync policy) and a
 * one-hour time range plus two message words over a day of {@link #QUERY_EVENTS} events, Lucene against the
 * in-memory reference (which scans everything). Events look like kernel log records: a few templates with varying
 * numbers and names.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx1g"})
public class EventStoreBenchmark {
  static final int BATCH = 100;
  static final int QUERY_EVENTS = 200_000;
  static final long T0 = 1_795_564_800_000_000_000L;
  static final long DAY = 86_400_000_000_000L;
  static final String[] COMMS = {"java", "nginx", "postgres", "stress", "chrome", "python3", "node", "kworker"};

  static Event event(long n, long t, SplittableRandom r) {
    String comm = COMMS[r.nextInt(COMMS.length)];
    int pid = 1000 + r.nextInt(60_000);
    String msg = switch (r.nextInt(6)) {
      case 0 -> "Out of memory: Killed process " + pid + " (" + comm + ") total-vm:" + r.nextInt(1 << 20)
          + "kB, anon-rss:" + r.nextInt(1 << 20) + "kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:" + r.nextInt(4096)
          + "kB oom_score_adj:0";
      case 1 -> "eth" + r.nextInt(4) + ": NIC Link is " + (r.nextBoolean() ? "Down" : "Up 1000 Mbps Full Duplex");
      case 2 -> "INFO: task " + comm + ":" + pid + " blocked for more than 120 seconds.";
      case 3 -> comm + "[" + pid + "]: segfault at " + Long.toHexString(r.nextLong()) + " ip "
          + Long.toHexString(r.nextLong()) + " sp " + Long.toHexString(r.nextLong()) + " error 4 in libc.so.6";
      case 4 -> "EXT4-fs error (device sda" + r.nextInt(8) + "): ext4_find_entry:1455: inode #" + r.nextInt(1 << 24)
          + ": comm " + comm + ": reading directory lblock 0";
      default -> "audit: type=1400 audit(" + (t / 1_000_000_000L) + ".123:" + n + "): apparmor=\"DENIED\" "
          + "operation=\"open\" profile=\"" + comm + "\" pid=" + pid;
    };
    Severity sev = Severity.fromLevel(2 + r.nextInt(5));
    CorrelationKey key = r.nextInt(3) == 0 ? CorrelationKey.NONE
        : new CorrelationKey("/kubepods/burstable/pod" + r.nextInt(50) + "/c" + r.nextInt(200), "c" + r.nextInt(200),
            "containerd", "uid-" + r.nextInt(50), "pod-" + r.nextInt(50), "ns" + r.nextInt(5), "Burstable", comm);
    return new Event(t, "node-" + r.nextInt(4), msg.startsWith("Out") ? "oom_kill" : "log", sev, key,
        Map.of("pid", Integer.toString(pid), "comm", comm), msg, "kmsg", n);
  }

  static void delete(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** A store that grows for the whole trial, one batch per invocation. */
  @State(Scope.Thread)
  public static class Append {
    @Param({"batch", "interval"})
    public String fsync;

    LuceneEventStore store;
    Path dir;
    long n;
    final SplittableRandom r = new SplittableRandom(42);
    List<Event> batch;

    @Setup(Level.Trial)
    public void open() throws IOException {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
      dir = Files.createTempDirectory("ktel-eventstore-bench");
      store = LuceneEventStore.builder(dir)
          .fsync(fsync.equals("batch") ? FsyncPolicy.EVERY_BATCH : FsyncPolicy.INTERVAL, Duration.ofSeconds(1))
          .open();
    }

    @Setup(Level.Invocation)
    public void nextBatch() {
      batch = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++) {
        batch.add(event(n, T0 + n * 1_000_000L, r));
        n++;
      }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      store.close();
      delete(dir);
    }
  }

  /** A day of events in both stores, filled once. */
  @State(Scope.Benchmark)
  public static class Filled {
    LuceneEventStore lucene;
    InMemoryEventStore memory;
    Path dir;
    EventQuery hourAndWords;

    @Setup(Level.Trial)
    public void fill() throws IOException {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
      dir = Files.createTempDirectory("ktel-eventstore-bench");
      lucene = LuceneEventStore.builder(dir).fsync(FsyncPolicy.INTERVAL, Duration.ofSeconds(1)).open();
      memory = new InMemoryEventStore();
      SplittableRandom r = new SplittableRandom(7);
      List<Event> batch = new ArrayList<>();
      for (int n = 0; n < QUERY_EVENTS; n++) {
        batch.add(event(n, T0 + n * (DAY / QUERY_EVENTS), r));
        if (batch.size() == 1000) {
          lucene.append(batch);
          memory.append(batch);
          batch.clear();
        }
      }
      lucene.commit();
      long from = T0 + DAY / 2;
      hourAndWords = EventQuery.builder().between(from, from + DAY / 24).text("killed java").limit(100).build();
      long hits = lucene.count(hourAndWords);
      if (hits == 0 || hits != memory.count(hourAndWords)) {
        throw new IllegalStateException("stores disagree or find nothing: " + hits + " vs "
            + memory.count(hourAndWords));
      }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      lucene.close();
      delete(dir);
    }
  }

  /** Events appended per second (one op = one event). */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int append(Append a) {
    return a.store.append(a.batch).accepted();
  }

  @Benchmark
  public List<Event> queryHourAndTextLucene(Filled f) {
    return f.lucene.query(f.hourAndWords);
  }

  @Benchmark
  public List<Event> queryHourAndTextInMemory(Filled f) {
    return f.memory.query(f.hourAndWords);
  }
}
