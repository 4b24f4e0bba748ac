package dev.ktel.core.text;

import java.nio.charset.StandardCharsets;

/**
 * Turns byte ranges (device names, interface names, keys) into Strings, returning the same String instance
 * for the same bytes so that steady-state parsing allocates nothing. Open addressing on a fixed table; when
 * it fills up (names churn) it is cleared, which costs allocations, never correctness.
 */
public final class StringCache {
    private final String[] strings;
    private final byte[][] keys;
    private final int mask;
    private int size;

    public StringCache(int capacityPowerOfTwo) {
        int cap = Integer.highestOneBit(Math.max(16, capacityPowerOfTwo - 1) << 1);
        strings = new String[cap];
        keys = new byte[cap][];
        mask = cap - 1;
    }

    public StringCache() {
        this(256);
    }

    public String get(byte[] buf, int start, int end) {
        int len = end - start;
        int h = 1;
        for (int i = start; i < end; i++) {
            h = 31 * h + buf[i];
        }
        h ^= h >>> 16;
        int slot = h & mask;
        while (true) {
            byte[] k = keys[slot];
            if (k == null) {
                break;
            }
            if (k.length == len && equal(k, buf, start)) {
                return strings[slot];
            }
            slot = (slot + 1) & mask;
        }
        if (size * 2 >= strings.length) {
            java.util.Arrays.fill(keys, null);
            java.util.Arrays.fill(strings, null);
            size = 0;
            slot = h & mask;
        }
        byte[] key = java.util.Arrays.copyOfRange(buf, start, end);
        String s = new String(key, StandardCharsets.UTF_8);
        keys[slot] = key;
        strings[slot] = s;
        size++;
        return s;
    }

    private static boolean equal(byte[] k, byte[] buf, int start) {
        for (int i = 0; i < k.length; i++) {
            if (k[i] != buf[start + i]) {
                return false;
            }
        }
        return true;
    }
}
