package dev.ktel.store.chunk;

/** Reads bit fields written by {@link BitWriter}; reading past the end throws {@link ChunkFormatException}. */
final class BitReader {
  private final byte[] buf;
  private final int limitBits;
  private long bitPos;

  BitReader(byte[] buf, int offset, int length, long startBit) {
    if (offset != 0) {
      throw new IllegalArgumentException("offset must be 0");
    }
    this.buf = buf;
    this.limitBits = length * 8;
    this.bitPos = startBit;
  }

  long read(int n) {
    if (bitPos + n > limitBits) {
      throw new ChunkFormatException("chunk truncated: need " + n + " bits at bit " + bitPos + " of " + limitBits);
    }
    long v = 0;
    while (n > 0) {
      int idx = (int) (bitPos >>> 3);
      int avail = 8 - (int) (bitPos & 7);
      int take = Math.min(avail, n);
      int bits = ((buf[idx] & 0xFF) >>> (avail - take)) & ((1 << take) - 1);
      v = (v << take) | bits;
      bitPos += take;
      n -= take;
    }
    return v;
  }

  boolean readBit() {
    return read(1) != 0;
  }

  long readUvarint() {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      long b = read(8);
      v |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new ChunkFormatException("varint longer than 10 bytes at bit " + bitPos);
  }

  long readVarint() {
    long u = readUvarint();
    return (u >>> 1) ^ -(u & 1);
  }
}
