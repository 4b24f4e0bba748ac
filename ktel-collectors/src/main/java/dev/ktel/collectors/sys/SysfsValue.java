package dev.ktel.collectors.sys;

import dev.ktel.core.text.ProcParseException;
import dev.ktel.core.text.StringCache;
import java.nio.charset.StandardCharsets;

/**
 * Decodes single-value sysfs attributes ({@code /sys/class/.../<attr>}): the content with surrounding
 * whitespace removed, as text or as an integer. Pure and allocation-free for cached strings.
 */
public final class SysfsValue {
    private SysfsValue() {
    }

    /** Index of the first non-blank byte of {@code b[0, n)}. */
    static int start(byte[] b, int n) {
        int s = 0;
        while (s < n && isBlank(b[s])) {
            s++;
        }
        return s;
    }

    /** Index after the last non-blank byte of {@code b[s, n)}. */
    static int end(byte[] b, int s, int n) {
        int e = n;
        while (e > s && isBlank(b[e - 1])) {
            e--;
        }
        return e;
    }

    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == 0x0b || c == '\f';
    }

    /** The trimmed content, via the cache. */
    public static String text(byte[] b, int n, StringCache cache) {
        int s = start(b, n);
        return cache.get(b, s, end(b, s, n));
    }

    /** The trimmed content as an unsigned decimal integer (node_exporter's readUintFromFile). */
    public static long unsigned(String source, byte[] b, int n) {
        int s = start(b, n);
        int e = end(b, s, n);
        long v = dev.ktel.core.text.TextScanner.parseUnsigned(b, s, e);
        if (v < 0) {
            throw new ProcParseException(source, 1, "value", "expected unsigned integer", str(b, s, e));
        }
        return v;
    }

    /**
     * The trimmed content as a signed 64-bit integer with Go's base prefixes ({@code 0x} hex, {@code 0o} or a
     * leading {@code 0} octal, {@code 0b} binary), as procfs' {@code strconv.ParseInt(s, 0, 64)} reads
     * sysfs attributes.
     */
    public static long integer(String source, byte[] b, int n) {
        int s = start(b, n);
        int e = end(b, s, n);
        int i = s;
        boolean neg = false;
        if (i < e && (b[i] == '-' || b[i] == '+')) {
            neg = b[i] == '-';
            i++;
        }
        int radix = 10;
        if (e - i > 1 && b[i] == '0') {
            byte p = (byte) (b[i + 1] | 0x20);
            if (p == 'x') {
                radix = 16;
                i += 2;
            } else if (p == 'b') {
                radix = 2;
                i += 2;
            } else if (p == 'o') {
                radix = 8;
                i += 2;
            } else {
                radix = 8;
                i += 1;
            }
        }
        if (i >= e) {
            throw new ProcParseException(source, 1, "value", "expected integer", str(b, s, e));
        }
        long v = 0;
        for (; i < e; i++) {
            int d = b[i] == '_' ? -2 : Character.digit(b[i], radix);
            if (d < 0) {
                throw new ProcParseException(source, 1, "value", "expected integer", str(b, s, e));
            }
            long next = v * radix + d;
            if (next < v || v > Long.MAX_VALUE / radix) {
                throw new ProcParseException(source, 1, "value", "integer out of range", str(b, s, e));
            }
            v = next;
        }
        return neg ? -v : v;
    }

    private static String str(byte[] b, int s, int e) {
        return new String(b, s, e - s, StandardCharsets.UTF_8);
    }
}
