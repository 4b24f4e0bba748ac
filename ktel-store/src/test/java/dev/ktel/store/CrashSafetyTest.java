package dev.ktel.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.store.api.SampleIterator;
import dev.ktel.store.api.Series;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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

  @Test
  void everyAcknowledgedSampleSurvivesKillNineExactlyOnce() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    long seed = Long.getLong("ktel.crash.seed", System.nanoTime());
    System.out.println("crash test seed (-Dktel.crash.seed): " + seed);
    SplittableRandom rnd = new SplittableRandom(seed);
    long acked = -1;
    int blocksSeen = 0;
    for (int round = 0; round < ROUNDS; round++) {
      Process p = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
          CrashWriter.class.getName(), dir.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      AtomicLong lastAck = new AtomicLong(acked);
      CountDownLatch started = new CountDownLatch(1);
      Thread reader = Thread.ofPlatform().daemon().start(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            if (line.startsWith("ACK ")) {
              lastAck.set(Long.parseLong(line.substring(4)));
              started.countDown();
            }
          }
        } catch (java.io.IOException e) {
          // process killed
        }
      });
      assertThat(started.await(30, TimeUnit.SECONDS)).as("round %d: child acknowledged a commit", round).isTrue();
      Thread.sleep(50 + rnd.nextInt(600));
      p.destroyForcibly(); // SIGKILL
      p.waitFor(10, TimeUnit.SECONDS);
      reader.join(5_000);
      acked = lastAck.get();

      try (TsdbSeriesStore s = CrashWriter.open(dir)) {
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
      System.out.printf("crash round %d: %d steps (%d samples) intact, %d blocks%n", round, acked + 1,
          (acked + 1) * CrashWriter.SERIES, blocksSeen);
    }
    assertThat(acked).isPositive();
  }
}
