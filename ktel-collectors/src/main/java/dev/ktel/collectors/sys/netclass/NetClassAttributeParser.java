package dev.ktel.collectors.sys.netclass;

import dev.ktel.core.text.ProcParseException;
import dev.ktel.core.text.StringCache;
import dev.ktel.core.text.TextScanner;
import java.nio.charset.StandardCharsets;

/**
 * Parses one attribute file of /sys/class/net/&lt;iface&gt;/ (see
 * <a href="https://docs.kernel.org/admin-guide/abi-testing.html">ABI sysfs-class-net</a>): a single value
 * and a newline. Integers are decimal or {@code 0x} hexadecimal ({@code dev_id}, {@code flags}) and may be
 * negative ({@code speed} is -1 when unknown). Pure and allocation-free (strings come from a cache).
 */
public final class NetClassAttributeParser {
    private final StringCache strings = new StringCache();

    /** The integer in {@code data[0, length)}, ignoring trailing whitespace. */
    public long integer(String source, byte[] data, int length) {
        int end = trimmedEnd(data, length);
        int s = 0;
        boolean neg = end > 0 && data[0] == '-';
        if (neg) {
            s = 1;
        }
        long v;
        if (end - s > 2 && data[s] == '0' && (data[s + 1] == 'x' || data[s + 1] == 'X')) {
            v = hex(data, s + 2, end);
        } else {
            v = TextScanner.parseUnsigned(data, s, end);
        }
        if (v < 0) {
            throw new ProcParseException(source, 1, "value", "expected integer",
                    new String(data, 0, end, StandardCharsets.UTF_8));
        }
        return neg ? -v : v;
    }

    /** The text in {@code data[0, length)} without its trailing newline, as a cached String. */
    public String string(byte[] data, int length) {
        return strings.get(data, 0, trimmedEnd(data, length));
    }

    private static long hex(byte[] data, int s, int e) {
        if (s >= e || e - s > 15) {
            return -1;
        }
        long v = 0;
        for (int i = s; i < e; i++) {
            int d = Character.digit(data[i], 16);
            if (d < 0) {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    private static int trimmedEnd(byte[] data, int length) {
        int end = length;
        while (end > 0 && (data[end - 1] == '\n' || data[end - 1] == ' ' || data[end - 1] == '\t')) {
            end--;
        }
        return end;
    }
}
