package dev.ktel.store.chunk;

/**
 * Chunk encoding 2, used for persisted blocks: values that are all exactly {@code m / 10^k} for integers {@code m}
 * (counters of whole units, gauges with a few decimals: most host metrics) are stored as integer deltas (mode 1) or
 * deltas of deltas (mode 2) in variable-width buckets, timestamps exactly as in {@link XorChunk}. The encoder proves
 * exactness per value ({@code (double) m / 10^k} must reproduce the original bits), so NaN, ±Inf, -0.0 and
 * non-decimal values make the chunk ineligible and it stays XOR. Layout: {@code docs/format/chunks.md}.
 */
public final class DecimalChunk {
  public static final byte ENCODING = 2;
  static final int MAX_K = 12;
  static final double[] POW10 = new double[MAX_K + 1];
  static final int HEADER_BITS = 32;

  static {
    double p = 1;
    for (int i = 0; i <= MAX_K; i++) {
      POW10[i] = p;
      p *= 10;
    }
  }

  private DecimalChunk() {
  }

  /** The smallest k for which every value is exactly m/10^k, or -1. */
  static int exponent(double[] v, int from, int to) {
    outer:
    for (int k = 0; k <= MAX_K; k++) {
      for (int i = from; i < to; i++) {
        double scaled = v[i] * POW10[k];
        if (!(Math.abs(scaled) < 0x1p53)) {
          return -1;
        }
        long m = Math.round(scaled);
        if (Double.doubleToRawLongBits(m / POW10[k]) != Double.doubleToRawLongBits(v[i])) {
          continue outer;
        }
      }
      return k;
    }
    return -1;
  }

  /** Encodes samples [from, to) (increasing timestamps) in the given mode, or returns null if not decimal. */
  static byte[] encode(long[] t, double[] v, int from, int to, int mode) {
    int k = exponent(v, from, to);
    if (k < 0) {
      return null;
    }
    int n = to - from;
    BitWriter w = new BitWriter(64, HEADER_BITS);
    long prevT = 0;
    long tDelta = 0;
    long prevM = 0;
    long mDelta = 0;
    for (int i = 0; i < n; i++) {
      long ts = t[from + i];
      long m = Math.round(v[from + i] * POW10[k]);
      if (i == 0) {
        w.writeVarint(ts);
        w.writeVarint(m);
      } else {
        long d = ts - prevT;
        if (i == 1) {
          w.writeUvarint(d);
        } else {
          XorChunk.writeDod(w, d - tDelta);
        }
        tDelta = d;
        long md = m - prevM;
        writeInt(w, mode == 2 && i >= 2 ? md - mDelta : md);
        mDelta = md;
      }
      prevT = ts;
      prevM = m;
    }
    byte[] out = java.util.Arrays.copyOf(w.buf, w.byteLength());
    out[0] = (byte) (n >>> 8);
    out[1] = (byte) n;
    out[2] = (byte) k;
    out[3] = (byte) mode;
    return out;
  }

  static void writeInt(BitWriter w, long x) {
    if (x == 0) {
      w.write(0, 1);
    } else if (XorChunk.fits(x, 6)) {
      w.write(0b10, 2);
      w.write(x, 6);
    } else if (XorChunk.fits(x, 13)) {
      w.write(0b110, 3);
      w.write(x, 13);
    } else if (XorChunk.fits(x, 20)) {
      w.write(0b1110, 4);
      w.write(x, 20);
    } else if (XorChunk.fits(x, 32)) {
      w.write(0b11110, 5);
      w.write(x, 32);
    } else {
      w.write(0b11111, 5);
      w.write(x, 64);
    }
  }

  static long readInt(BitReader r) {
    if (!r.readBit()) {
      return 0;
    }
    if (!r.readBit()) {
      return XorIterator.signExtend(r.read(6), 6);
    }
    if (!r.readBit()) {
      return XorIterator.signExtend(r.read(13), 13);
    }
    if (!r.readBit()) {
      return XorIterator.signExtend(r.read(20), 20);
    }
    if (!r.readBit()) {
      return XorIterator.signExtend(r.read(32), 32);
    }
    return r.read(64);
  }

  /** Decoder. */
  public static final class Iterator implements dev.ktel.store.api.SampleIterator {
    private final BitReader r;
    private final int n;
    private final int k;
    private final int mode;
    private int i;
    private long t;
    private long tDelta;
    private long m;
    private long mDelta;

    public Iterator(byte[] data) {
      if (data.length < 4) {
        throw new ChunkFormatException("decimal chunk of " + data.length + " bytes has no header");
      }
      n = ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
      k = data[2];
      mode = data[3];
      if (k < 0 || k > MAX_K || (mode != 1 && mode != 2)) {
        throw new ChunkFormatException("decimal chunk header: exponent " + k + ", mode " + mode);
      }
      r = new BitReader(data, 0, data.length, HEADER_BITS);
    }

    @Override
    public boolean next() {
      if (i >= n) {
        return false;
      }
      if (i == 0) {
        t = r.readVarint();
        m = r.readVarint();
      } else {
        if (i == 1) {
          tDelta = r.readUvarint();
        } else {
          tDelta += XorIterator.readDod(r);
        }
        t += tDelta;
        long x = readInt(r);
        long md = mode == 2 && i >= 2 ? mDelta + x : x;
        m += md;
        mDelta = md;
      }
      i++;
      return true;
    }

    @Override
    public long t() {
      return t;
    }

    @Override
    public double v() {
      return m / POW10[k];
    }

    @Override
    public boolean seek(long target) {
      if (i > 0 && t >= target) {
        return true;
      }
      while (next()) {
        if (t >= target) {
          return true;
        }
      }
      return false;
    }
  }
}
