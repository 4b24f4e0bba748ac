package dev.ktel.store.chunk;

import java.util.Arrays;

/** Appends bit fields, most significant bit first, to a growable byte array. */
final class BitWriter {
  byte[] buf;
  long bitPos;

  BitWriter(int initialBytes, long startBit) {
    buf = new byte[initialBytes];
    bitPos = startBit;
  }

  /** Writes the low {@code n} bits of {@code v} (1 ≤ n ≤ 64), most significant first. */
  void write(long v, int n) {
    ensure(n);
    while (n > 0) {
      int idx = (int) (bitPos >>> 3);
      int free = 8 - (int) (bitPos & 7);
      int take = Math.min(free, n);
      int bits = (int) ((v >>> (n - take)) & ((1 << take) - 1));
      buf[idx] |= (byte) (bits << (free - take));
      bitPos += take;
      n -= take;
    }
  }

  void writeBit(boolean bit) {
    write(bit ? 1 : 0, 1);
  }

  /** Unsigned LEB128 varint, byte-aligned within the bit stream. */
  void writeUvarint(long v) {
    while ((v & ~0x7FL) != 0) {
      write((v & 0x7F) | 0x80, 8);
      v >>>= 7;
    }
    write(v, 8);
  }

  void writeVarint(long v) {
    writeUvarint((v << 1) ^ (v >> 63));
  }

  private void ensure(int nbits) {
    int need = (int) ((bitPos + nbits + 7) >>> 3);
    if (need > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }
  }

  int byteLength() {
    return (int) ((bitPos + 7) >>> 3);
  }
}
