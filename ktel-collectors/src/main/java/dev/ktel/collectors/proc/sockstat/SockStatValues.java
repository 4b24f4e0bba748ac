package dev.ktel.collectors.proc.sockstat;

import java.util.Arrays;

/**
 * Values of /proc/net/sockstat and sockstat6 as {@code PROTO_key} (cached Strings, e.g. {@code TCP_inuse},
 * {@code TCP6_inuse}, {@code sockets_used}). Mutable holder, reused.
 */
public final class SockStatValues {
    public int count;
    public String[] keys = new String[32];
    public long[] values = new long[32];

    public void clear() {
        count = 0;
    }

    void add(String key, long value) {
        if (count == keys.length) {
            keys = Arrays.copyOf(keys, count * 2);
            values = Arrays.copyOf(values, count * 2);
        }
        keys[count] = key;
        values[count++] = value;
    }

    /** The value of a key, or null; for tests and tools. */
    public Long get(String key) {
        for (int i = 0; i < count; i++) {
            if (keys[i].equals(key)) {
                return values[i];
            }
        }
        return null;
    }
}
