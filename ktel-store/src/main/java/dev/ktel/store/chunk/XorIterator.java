package dev.ktel.store.chunk;

import dev.ktel.store.api.SampleIterator;

/** Decodes a {@link XorChunk}. Malformed data throws {@link ChunkFormatException}, never returns wrong samples. */
public final class XorIterator implements SampleIterator {
  private final BitReader r;
  private final int n;
  private int i;
  private long t;
  private long tDelta;
  private long vBits;
  private int leading;
  private int trailing;

  public XorIterator(byte[] data) {
    if (data.length < 2) {
      throw new ChunkFormatException("chunk of " + data.length + " bytes has no header");
    }
    this.n = XorChunk.numSamples(data);
    this.r = new BitReader(data, 0, data.length, XorChunk.HEADER_BITS);
  }

  @Override
  public boolean next() {
    if (i >= n) {
      return false;
    }
    if (i == 0) {
      t = r.readVarint();
      vBits = r.read(64);
    } else if (i == 1) {
      tDelta = r.readUvarint();
      t += tDelta;
      readValue();
    } else {
      tDelta += readDod(r);
      t += tDelta;
      readValue();
    }
    i++;
    return true;
  }

  static long readDod(BitReader r) {
    if (!r.readBit()) {
      return 0;
    }
    if (!r.readBit()) {
      return signExtend(r.read(7), 7);
    }
    if (!r.readBit()) {
      return signExtend(r.read(14), 14);
    }
    if (!r.readBit()) {
      return signExtend(r.read(20), 20);
    }
    return r.read(64);
  }

  static long signExtend(long v, int nbits) {
    int shift = 64 - nbits;
    return (v << shift) >> shift;
  }

  private void readValue() {
    if (!r.readBit()) {
      return;
    }
    if (r.readBit()) {
      leading = (int) r.read(5);
      int sig = (int) r.read(6);
      if (sig == 0) {
        sig = 64;
      }
      trailing = 64 - leading - sig;
    }
    int sig = 64 - leading - trailing;
    if (sig <= 0) {
      throw new ChunkFormatException("xor window of " + sig + " bits at sample " + i);
    }
    vBits ^= r.read(sig) << trailing;
  }

  @Override
  public long t() {
    return t;
  }

  @Override
  public double v() {
    return Double.longBitsToDouble(vBits);
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

  public int numSamples() {
    return n;
  }
}
