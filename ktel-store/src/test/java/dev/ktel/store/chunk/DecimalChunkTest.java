package dev.ktel.store.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.store.api.SampleIterator;
import dev.ktel.store.api.StaleNaN;
import dev.ktel.store.head.SampleBuf;
import dev.ktel.store.testing.NodeLikeGenerator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalChunkTest {
  private static void roundTrip(SampleBuf b) {
    List<EncodedChunk> chunks = Chunks.encodeForBlock(b);
    int i = 0;
    for (EncodedChunk c : chunks) {
      SampleIterator it = Chunks.iterator(c.encoding(), c.data());
      while (it.next()) {
        assertThat(it.t()).isEqualTo(b.t[i]);
        assertThat(Double.doubleToRawLongBits(it.v())).as("value %d: %s", i, b.v[i])
            .isEqualTo(Double.doubleToRawLongBits(b.v[i]));
        i++;
      }
      assertThat(c.minT()).isLessThanOrEqualTo(c.maxT());
    }
    assertThat(i).isEqualTo(b.n);
  }

  @Test
  void decimalValuesRoundTripExactly() {
    SampleBuf b = new SampleBuf();
    double[] vs = {0, 0.1, 0.2, 0.30000000000000004, 1e15, -3.25, 123456.78, 1e-9, 7, 7, 7, 8};
    for (int i = 0; i < vs.length; i++) {
      b.add(1000L * i, vs[i]);
    }
    roundTrip(b);
  }

  @Test
  void specialValuesFallBackToXor() {
    SampleBuf b = new SampleBuf();
    double[] vs = {1, 2, StaleNaN.VALUE, 3, -0.0, Double.POSITIVE_INFINITY, Double.NaN};
    for (int i = 0; i < vs.length; i++) {
      b.add(1000L * i, vs[i]);
    }
    List<EncodedChunk> chunks = Chunks.encodeForBlock(b);
    assertThat(chunks).allSatisfy(c -> assertThat(c.encoding()).isEqualTo(XorChunk.ENCODING));
    roundTrip(b);
  }

  @Test
  void randomDecimalsAndRandomBitsRoundTrip() {
    SplittableRandom r = new SplittableRandom(3);
    for (int round = 0; round < 300; round++) {
      SampleBuf b = new SampleBuf();
      int n = 1 + r.nextInt(400);
      long t = r.nextLong(-1L << 45, 1L << 45);
      int k = r.nextInt(6);
      double m = r.nextLong(-1_000_000_000L, 1_000_000_000L);
      for (int i = 0; i < n; i++) {
        t += 1 + r.nextInt(30_000);
        m += switch (r.nextInt(3)) {
          case 0 -> 0;
          case 1 -> r.nextInt(-100, 100);
          default -> r.nextLong(-(1L << 40), 1L << 40);
        };
        double v = round == 7 ? Double.longBitsToDouble(r.nextLong()) : m / Math.pow(10, k);
        b.add(t, v);
      }
      roundTrip(b);
    }
  }

  @Test
  void nodeLikeDataBytesPerSampleWithBestEncoding() {
    NodeLikeGenerator g = new NodeLikeGenerator(500, 7);
    int steps = 6 * 240;
    SampleBuf[] bufs = new SampleBuf[g.size()];
    for (int i = 0; i < bufs.length; i++) {
      bufs[i] = new SampleBuf();
    }
    long start = 1_700_000_000_000L;
    for (int s = 0; s < steps; s++) {
      long t = g.timestamp(start, s);
      for (int i = 0; i < g.size(); i++) {
        bufs[i].add(t, g.next(i));
      }
    }
    long bytes = 0;
    long[] kindBytes = new long[5];
    long[] kindSamples = new long[5];
    int decimal = 0;
    int total = 0;
    for (int i = 0; i < bufs.length; i++) {
      for (EncodedChunk c : Chunks.encodeForBlock(bufs[i])) {
        bytes += c.data().length;
        kindBytes[g.kind(i)] += c.data().length;
        kindSamples[g.kind(i)] += c.numSamples();
        decimal += c.encoding() == DecimalChunk.ENCODING ? 1 : 0;
        total++;
      }
    }
    long samples = (long) steps * g.size();
    for (int k = 0; k < 5; k++) {
      System.out.printf("  kind %-22s %.3f bytes/sample%n", NodeLikeGenerator.KINDS[k],
          (double) kindBytes[k] / kindSamples[k]);
    }
    double bps = (double) bytes / samples;
    System.out.printf("best encoding per chunk, node-like data: %.3f bytes/sample, %d of %d chunks decimal%n", bps,
        decimal, total);
    assertThat(bps).isLessThan(3.5);
  }
}
