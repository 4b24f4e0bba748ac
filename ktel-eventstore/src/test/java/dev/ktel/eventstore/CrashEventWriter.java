package dev.ktel.eventstore;

import dev.ktel.core.event.CorrelationKey;
import dev.ktel.core.event.Event;
import dev.ktel.core.event.Severity;
import dev.ktel.eventstore.wal.FsyncPolicy;
import dev.ktel.store.api.event.EventQuery;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Child process of {@link EventCrashSafetyTest}: opens the store, re-sends the last few events already stored (as an
 * at-least-once sender would after a crash), then appends batches of 1 to 20 new events numbered 0, 1, 2, ... and
 * prints {@code ACK <n>} for each event once its append returned, until it is killed. Frequent commits and a small
 * WAL limit make index commits and WAL rotations happen between kills.
 */
public final class CrashEventWriter {
  static final long T0 = 1_700_000_000_000_000_000L;

  private CrashEventWriter() {
  }

  static LuceneEventStore open(Path dir, String policy) throws Exception {
    LuceneEventStore.Builder b = LuceneEventStore.builder(dir).commitInterval(Duration.ofMillis(150))
        .maxWalBytes(64 << 10);
    if (policy.equals("interval")) {
      b.fsync(FsyncPolicy.INTERVAL, Duration.ofMillis(200));
    }
    return b.open();
  }

  static Event event(long n) {
    return new Event(T0 + n * 1_000_000L, "crash-host", n % 7 == 0 ? "oom_kill" : "log", Severity.fromLevel((int) (n % 8)),
        n % 3 == 0 ? CorrelationKey.ofCgroup("/crash/" + (n % 10)) : CorrelationKey.NONE,
        Map.of("n", Long.toString(n)), "crash test event number " + n + " " + "x".repeat((int) (n % 40)), "test", n);
  }

  /** Number of the newest stored event, or -1. */
  static long lastStored(LuceneEventStore s) {
    List<Event> newest = s.query(EventQuery.builder().limit(1).build());
    return newest.isEmpty() ? -1 : newest.getFirst().sequence();
  }

  public static void main(String[] args) throws Exception {
    try (LuceneEventStore s = open(Path.of(args[0]), args[1])) {
      long n = lastStored(s) + 1;
      List<Event> resend = new ArrayList<>();
      for (long i = Math.max(0, n - 5); i < n; i++) {
        resend.add(event(i));
      }
      s.append(resend);
      System.out.println("START " + n);
      System.out.flush();
      SplittableRandom rnd = new SplittableRandom();
      while (true) {
        int size = 1 + rnd.nextInt(20);
        List<Event> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          batch.add(event(n + i));
        }
        s.append(batch);
        StringBuilder acks = new StringBuilder();
        for (int i = 0; i < size; i++) {
          acks.append("ACK ").append(n + i).append('\n');
        }
        System.out.print(acks);
        System.out.flush();
        n += size;
      }
    }
  }
}
