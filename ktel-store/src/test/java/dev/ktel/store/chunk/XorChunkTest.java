package dev.ktel.store.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.store.api.StaleNaN;
import dev.ktel.store.testing.NodeLikeGenerator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class XorChunkTest {
  private static void roundTrip(long[] ts, double[] vs) {
    XorChunk c = new XorChunk();
    for (int i = 0; i < ts.length; i++) {
      c.append(ts[i], vs[i]);
    }
    assertThat(c.numSamples()).isEqualTo(ts.length);
    XorIterator it = new XorIterator(c.bytes());
    for (int i = 0; i < ts.length; i++) {
      assertThat(it.next()).as("sample %d", i).isTrue();
      assertThat(it.t()).as("t %d", i).isEqualTo(ts[i]);
      assertThat(Double.doubleToRawLongBits(it.v())).as("bits of v %d (%s)", i, vs[i])
          .isEqualTo(Double.doubleToRawLongBits(vs[i]));
    }
    assertThat(it.next()).isFalse();
  }

  @Test
  void specialValuesKeepTheirBits() {
    double otherNan = Double.longBitsToDouble(0x7ff8000000000123L);
    roundTrip(new long[] {1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000},
        new double[] {0, Double.NaN, StaleNaN.VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
            otherNan, Double.MIN_VALUE, Double.MAX_VALUE, 1.5});
  }

  @Test
  void everyDeltaOfDeltaBucketAndNegativeTimestamps() {
    long[] ts = new long[12];
    long[] gaps = {15_000, 15_000, 15_001, 14_000, 30_000, 100_000, 400_000, 9_000_000, 1, 2, 1L << 40};
    ts[0] = -5_000;
    for (int i = 1; i < ts.length; i++) {
      ts[i] = ts[i - 1] + gaps[i - 1];
    }
    double[] vs = new double[ts.length];
    for (int i = 0; i < vs.length; i++) {
      vs[i] = i * 1.1;
    }
    roundTrip(ts, vs);
  }

  @Test
  void randomSeriesRoundTrip() {
    SplittableRandom r = new SplittableRandom(42);
    for (int round = 0; round < 200; round++) {
      int n = 1 + r.nextInt(XorChunk.TARGET_SAMPLES * 2);
      long[] ts = new long[n];
      double[] vs = new double[n];
      long t = r.nextLong(-1L << 50, 1L << 50);
      for (int i = 0; i < n; i++) {
        t += 1 + (r.nextBoolean() ? r.nextInt(20) : r.nextLong(1L << (1 + r.nextInt(40))));
        ts[i] = t;
        vs[i] = switch (r.nextInt(4)) {
          case 0 -> r.nextDouble();
          case 1 -> Double.longBitsToDouble(r.nextLong());
          case 2 -> i > 0 ? vs[i - 1] : 0;
          default -> r.nextInt(1000);
        };
      }
      roundTrip(ts, vs);
    }
  }

  @Test
  void outOfOrderAndDuplicateTimestampsAreRejected() {
    XorChunk c = new XorChunk();
    c.append(100, 1);
    c.append(200, 2);
    assertThatThrownBy(() -> c.append(150, 3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("150").hasMessageContaining("200");
    assertThatThrownBy(() -> c.append(200, 3)).isInstanceOf(IllegalArgumentException.class);
    c.append(300, 3);
    roundTripOf(c, new long[] {100, 200, 300});
  }

  private static void roundTripOf(XorChunk c, long[] ts) {
    XorIterator it = new XorIterator(c.bytes());
    for (long t : ts) {
      assertThat(it.next()).isTrue();
      assertThat(it.t()).isEqualTo(t);
    }
    assertThat(it.next()).isFalse();
  }

  @Test
  void truncatedChunkThrowsInsteadOfReturningGarbage() {
    XorChunk c = new XorChunk();
    for (int i = 0; i < 50; i++) {
      c.append(i * 15_000L + (i % 3), i * 0.37);
    }
    byte[] full = c.bytes();
    byte[] cut = java.util.Arrays.copyOf(full, full.length / 2);
    XorIterator it = new XorIterator(cut);
    assertThatThrownBy(() -> {
      while (it.next()) {
        // drain
      }
    }).isInstanceOf(ChunkFormatException.class).hasMessageContaining("truncated");
  }

  /** Bytes per sample on node-like data; printed for the README and bounded so a regression fails. */
  @Test
  void bytesPerSampleOnNodeLikeData() {
    NodeLikeGenerator g = new NodeLikeGenerator(500, 7);
    int steps = 6 * 240; // 6 hours at 15 s
    XorChunk[] open = new XorChunk[g.size()];
    long[] kindBytes = new long[5];
    long[] kindSamples = new long[5];
    long bytes = 0;
    long samples = 0;
    long start = 1_700_000_000_000L;
    for (int s = 0; s < steps; s++) {
      long t = g.timestamp(start, s);
      for (int i = 0; i < g.size(); i++) {
        if (open[i] == null || open[i].numSamples() == XorChunk.TARGET_SAMPLES) {
          if (open[i] != null) {
            bytes += open[i].byteSize();
            kindBytes[g.kind(i)] += open[i].byteSize();
            kindSamples[g.kind(i)] += open[i].numSamples();
          }
          open[i] = new XorChunk();
        }
        open[i].append(t, g.next(i));
        samples++;
      }
    }
    for (int i = 0; i < open.length; i++) {
      bytes += open[i].byteSize();
      kindBytes[g.kind(i)] += open[i].byteSize();
      kindSamples[g.kind(i)] += open[i].numSamples();
    }
    for (int k = 0; k < 5; k++) {
      System.out.printf("  kind %-22s %.3f bytes/sample%n", NodeLikeGenerator.KINDS[k],
          (double) kindBytes[k] / kindSamples[k]);
    }
    double bps = (double) bytes / samples;
    System.out.printf("xor chunks, node-like data: %d series, %d samples, %d bytes, %.3f bytes/sample%n", g.size(),
        samples, bytes, bps);
    assertThat(bps).isLessThan(5.0); // measured 4.78 with this generator; a regression fails
  }
}
