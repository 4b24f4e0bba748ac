package dev.ktel.store.encoding;

import java.nio.charset.StandardCharsets;

/**
 * Reader over a byte range; every read checks bounds and throws {@link FormatException} naming the offset, so
 * truncated or garbled input is an error, never a wrong value.
 */
public final class Decbuf {
  private final byte[] b;
  private final int end;
  private int pos;

  public Decbuf(byte[] b, int off, int len) {
    this.b = b;
    this.pos = off;
    this.end = off + len;
  }

  public int pos() {
    return pos;
  }

  public int remaining() {
    return end - pos;
  }

  private void need(int n, String what) {
    if (end - pos < n) {
      throw new FormatException(what + ": need " + n + " bytes at offset " + pos + ", have " + (end - pos));
    }
  }

  public int getByte() {
    need(1, "byte");
    return b[pos++] & 0xFF;
  }

  public int getU32() {
    need(4, "u32");
    int v = ((b[pos] & 0xFF) << 24) | ((b[pos + 1] & 0xFF) << 16) | ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
    pos += 4;
    return v;
  }

  public long getU64() {
    long hi = getU32() & 0xFFFFFFFFL;
    return (hi << 32) | (getU32() & 0xFFFFFFFFL);
  }

  public long getUvarint() {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      need(1, "varint");
      int x = b[pos++] & 0xFF;
      v |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return v;
      }
    }
    throw new FormatException("varint longer than 10 bytes at offset " + pos);
  }

  public int getUvarintInt() {
    long v = getUvarint();
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw new FormatException("count " + v + " out of range at offset " + pos);
    }
    return (int) v;
  }

  public long getVarint() {
    long u = getUvarint();
    return (u >>> 1) ^ -(u & 1);
  }

  public String getString() {
    int n = getUvarintInt();
    need(n, "string");
    String s = new String(b, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  public byte[] getBytes(int n) {
    need(n, "bytes");
    byte[] out = new byte[n];
    System.arraycopy(b, pos, out, 0, n);
    pos += n;
    return out;
  }
}
