package dev.ktel.core.exposition;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte array that is reused between scrapes; the writer's output. Not thread-safe. */
public final class ByteBuf {
    private byte[] bytes;
    private int length;

    public ByteBuf(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    public byte[] array() {
        return bytes;
    }

    public int length() {
        return length;
    }

    public void clear() {
        length = 0;
    }

    /** Cuts the content back to {@code newLength} (used to roll back a failed collector). */
    public void truncate(int newLength) {
        if (newLength < 0 || newLength > length) {
            throw new IllegalArgumentException("truncate to " + newLength + " of " + length);
        }
        length = newLength;
    }

    /** Accounts for {@code n} bytes written directly into {@link #array()} after {@link #ensure}. */
    public void skip(int n) {
        if (n < 0 || length + n > bytes.length) {
            throw new IllegalArgumentException("skip " + n + " at " + length + " of " + bytes.length);
        }
        length += n;
    }

    public void ensure(int extra) {
        int needed = length + extra;
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
        }
    }

    public ByteBuf put(byte b) {
        ensure(1);
        bytes[length++] = b;
        return this;
    }

    public ByteBuf put(byte[] src) {
        return put(src, 0, src.length);
    }

    public ByteBuf put(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, bytes, length, len);
        length += len;
        return this;
    }

    /** Appends a string as UTF-8 without allocating for ASCII content. */
    public ByteBuf put(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                putUtf8Slow(s, i);
                return this;
            }
            bytes[length++] = (byte) c;
        }
        return this;
    }

    private void putUtf8Slow(String s, int from) {
        byte[] rest = s.substring(from).getBytes(StandardCharsets.UTF_8);
        put(rest);
    }

    public ByteBuf putLong(long v) {
        if (v == Long.MIN_VALUE) {
            return put("-9223372036854775808");
        }
        ensure(20);
        if (v < 0) {
            bytes[length++] = '-';
            v = -v;
        }
        int digits = digits(v);
        int end = length + digits;
        int p = end;
        do {
            bytes[--p] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v != 0);
        length = end;
        return this;
    }

    private static int digits(long v) {
        int d = 1;
        while (v >= 10) {
            v /= 10;
            d++;
        }
        return d;
    }

    public ByteBuf putDouble(double v) {
        DoubleFormat.append(this, v);
        return this;
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
