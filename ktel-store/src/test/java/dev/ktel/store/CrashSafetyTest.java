package dev.ktel.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.store.api.SampleIterator;
import dev.ktel.store.api.Series;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes, real kill -9: a child JVM ({@link CrashWriter}) commits steps and prints each acknowledged one; it
 * is killed at a random moment, the store is reopened here, and every acknowledged sample must be present exactly
 * once (at most the one in-flight, unacknowledged step may also be there, completely).
 */
class CrashSafetyTest {
  static final int ROUNDS = 8;

  @TempDir
  Path dir;

  /** The last complete "ACK n" line (a line cut by the kill has no newline and is not counted), or -1. */
  static long lastAck(Path out) throws java.io.IOException {
    if (!java.nio.file.Files.exists(out)) {
      return -1;
    }
    String text = java.nio.file.Files.readString(out, StandardCharsets.UTF_8);
    long last = -1;
    int start = 0;
    int nl;
    while ((nl = text.indexOf('\n', start)) >= 0) {
      String line = text.substring(start, nl);
      if (line.startsWith("ACK ")) {
        last = Long.parseLong(line.substring(4).trim());
      }
      start = nl + 1;
    }
    return last;
  }

  @Test
  void everyAcknowledgedSampleSurvivesKillNineExactlyOnce() throws Exception {
    rounds("commit", ROUNDS);
  }

  /** With fsync on an interval, commit returns after write(2): still durable against kill -9 (not power loss). */
  @Test
  void intervalFsyncAlsoSurvivesKillNine() throws Exception {
    rounds("interval", 4);
  }

  private void rounds(String policy, int rounds) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    long seed = Long.getLong("ktel.crash.seed", System.nanoTime());
    System.out.println("crash test seed (-Dktel.crash.seed): " + seed);
    SplittableRandom rnd = new SplittableRandom(seed);
    long acked = -1;
    int blocksSeen = 0;
    for (int round = 0; round < rounds; round++) {
      // stdout goes to a file: every line written before the kill is in it, with no pipe draining to race against
      Path out = dir.resolveSibling(dir.getFileName() + "-round" + round + ".out");
      Process p = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
          CrashWriter.class.getName(), dir.toString(), policy).redirectError(ProcessBuilder.Redirect.DISCARD)
          .redirectOutput(out.toFile()).start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (lastAck(out) < 0 && System.nanoTime() < deadline && p.isAlive()) {
        Thread.sleep(10);
      }
      assertThat(lastAck(out)).as("round %d: child acknowledged a commit", round).isGreaterThanOrEqualTo(0);
      Thread.sleep(50 + rnd.nextInt(600));
      p.destroyForcibly(); // SIGKILL
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
      acked = lastAck(out);

      try (TsdbSeriesStore s = CrashWriter.open(dir, policy)) {
        List<Series> all = s.select(Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(all).hasSize(CrashWriter.SERIES);
        long stored = CrashWriter.lastStep(s);
        assertThat(stored).as("round %d: last stored step vs last acknowledged", round).isBetween(acked, acked + 1);
        for (Series ser : all) {
          int i = Integer.parseInt(ser.labels().get("i"));
          SampleIterator it = ser.iterator();
          long expect = 0;
          while (it.next()) {
            assertThat(it.t()).isEqualTo(CrashWriter.T0 + expect * CrashWriter.STEP_MS);
            assertThat(it.v()).isEqualTo(expect * 10.0 + i);
            expect++;
          }
          assertThat(expect - 1).as("round %d series %d: steps 0..%d exactly once", round, i, stored)
              .isEqualTo(stored);
        }
        blocksSeen = (int) s.stats().blocks();
        acked = stored;
      }
      System.out.printf("crash (%s) round %d: %d steps (%d samples) intact, %d blocks%n", policy, round, acked + 1,
          (acked + 1) * CrashWriter.SERIES, blocksSeen);
    }
    assertThat(acked).isPositive();
  }
}
