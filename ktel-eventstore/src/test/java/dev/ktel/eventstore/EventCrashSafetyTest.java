package dev.ktel.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.event.Event;
import dev.ktel.store.api.event.EventQuery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes, real kill -9: a child JVM ({@link CrashEventWriter}) appends batches and prints each acknowledged
 * event; it is killed at a random moment, the store is reopened here, and every acknowledged event must be there
 * exactly once. Events of the one batch in flight may also be there, but then whole (a batch is one WAL record),
 * and nothing is ever duplicated, including the events the child re-sends after each restart.
 */
class EventCrashSafetyTest {
  static final int MIN_ROUNDS = 3;
  static final int BUDGET_SECONDS = 15;

  @TempDir
  Path dir;

  /** The highest event number on a complete "ACK n" line (a line cut by the kill is not counted), or -1. */
  static long lastAck(Path out) throws IOException {
    if (!Files.exists(out)) {
      return -1;
    }
    String text = Files.readString(out, StandardCharsets.UTF_8);
    long last = -1;
    int start = 0;
    int nl;
    while ((nl = text.indexOf('\n', start)) >= 0) {
      String line = text.substring(start, nl);
      if (line.startsWith("ACK ")) {
        last = Math.max(last, Long.parseLong(line.substring(4).trim()));
      }
      start = nl + 1;
    }
    return last;
  }

  @Test
  void everyAcknowledgedEventSurvivesKillNineExactlyOnce() throws Exception {
    rounds("batch", 10);
  }

  /** With fsync on an interval an append returns after write(2): still durable against kill -9 (not power loss). */
  @Test
  void intervalFsyncAlsoSurvivesKillNine() throws Exception {
    rounds("interval", 2);
  }

  private void rounds(String policy, int rounds) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    long seed = Long.getLong("ktel.crash.seed", System.nanoTime());
    System.out.println("event crash test seed (-Dktel.crash.seed): " + seed);
    SplittableRandom rnd = new SplittableRandom(seed);
    Path store = dir.resolve("events");
    long acked = -1;
    long corruptions = 0;
    long started = System.nanoTime();
    int round = 0;
    // bounded in rounds and, on a loaded machine, in time: at least MIN_ROUNDS, then no new round past the budget
    for (; round < rounds; round++) {
      boolean overBudget = System.nanoTime() - started > TimeUnit.SECONDS.toNanos(BUDGET_SECONDS);
      if (round >= Math.min(MIN_ROUNDS, rounds) && overBudget) {
        break;
      }
      Path out = dir.resolve("round" + round + ".out");
      Process p = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          "--enable-native-access=ALL-UNNAMED", "-cp",
          System.getProperty("java.class.path"), CrashEventWriter.class.getName(), store.toString(), policy)
          .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(out.toFile()).start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (lastAck(out) <= acked && System.nanoTime() < deadline && p.isAlive()) {
        Thread.sleep(10);
      }
      assertThat(lastAck(out)).as("round %d: child acknowledged new events", round).isGreaterThan(acked);
      Thread.sleep(20 + rnd.nextInt(500));
      p.destroyForcibly(); // SIGKILL
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
      acked = Math.max(acked, lastAck(out));

      try (LuceneEventStore s = CrashEventWriter.open(store, policy)) {
        long total = s.count();
        List<Event> all = s.query(EventQuery.builder().limit((int) total + 1).oldestFirst().build());
        assertThat(all).hasSize((int) total);
        // numbers 0..k, each exactly once, in order: nothing acknowledged is missing, nothing is duplicated
        for (int i = 0; i < all.size(); i++) {
          assertThat(all.get(i)).as("round %d: event %d", round, i).isEqualTo(CrashEventWriter.event(i));
        }
        assertThat(total - 1).as("round %d: stored events vs last acknowledged %d", round, acked)
            .isGreaterThanOrEqualTo(acked).isLessThanOrEqualTo(acked + 20);
        corruptions += s.stats().corruptions();
        System.out.printf("event crash (%s) round %d: %d acknowledged, %d stored, %d replayed, %d WAL tails "
            + "truncated%n", policy, round, acked + 1, total, s.stats().replayed(), s.stats().corruptions());
        acked = total - 1; // an unacknowledged batch that made it counts as sent from now on
      }
    }
    assertThat(acked).isPositive();
    System.out.printf("event crash (%s): %d rounds in %d ms, %d WAL tails truncated%n", policy, round,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), corruptions);
  }
}
