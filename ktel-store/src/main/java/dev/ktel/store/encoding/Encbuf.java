package dev.ktel.store.encoding;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/** Growable big-endian byte buffer with LEB128 varints, reused between records (call {@link #reset()}). */
public final class Encbuf {
  private byte[] b;
  private int len;

  public Encbuf(int capacity) {
    b = new byte[capacity];
  }

  public void reset() {
    len = 0;
  }

  public int len() {
    return len;
  }

  public byte[] array() {
    return b;
  }

  public byte[] toArray() {
    return Arrays.copyOf(b, len);
  }

  private void ensure(int n) {
    if (len + n > b.length) {
      b = Arrays.copyOf(b, Math.max(len + n, b.length * 2));
    }
  }

  public void putByte(int v) {
    ensure(1);
    b[len++] = (byte) v;
  }

  public void putU32(int v) {
    ensure(4);
    b[len++] = (byte) (v >>> 24);
    b[len++] = (byte) (v >>> 16);
    b[len++] = (byte) (v >>> 8);
    b[len++] = (byte) v;
  }

  public void putU64(long v) {
    putU32((int) (v >>> 32));
    putU32((int) v);
  }

  /** Overwrites 4 bytes at {@code pos}. */
  public void setU32(int pos, int v) {
    b[pos] = (byte) (v >>> 24);
    b[pos + 1] = (byte) (v >>> 16);
    b[pos + 2] = (byte) (v >>> 8);
    b[pos + 3] = (byte) v;
  }

  public void putUvarint(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      b[len++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    b[len++] = (byte) v;
  }

  /** Zig-zag signed varint. */
  public void putVarint(long v) {
    putUvarint((v << 1) ^ (v >> 63));
  }

  public void putString(String s) {
    byte[] u = s.getBytes(StandardCharsets.UTF_8);
    putUvarint(u.length);
    putBytes(u, 0, u.length);
  }

  public void putBytes(byte[] src, int off, int n) {
    ensure(n);
    System.arraycopy(src, off, b, len, n);
    len += n;
  }

  /** CRC32C of bytes [from, len). */
  public int crc32c(int from) {
    CRC32C c = new CRC32C();
    c.update(b, from, len - from);
    return (int) c.getValue();
  }
}
