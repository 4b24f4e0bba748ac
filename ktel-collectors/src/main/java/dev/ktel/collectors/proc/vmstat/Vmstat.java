package dev.ktel.collectors.proc.vmstat;

import java.util.Arrays;

/** The {@code key value} lines of /proc/vmstat in file order. Mutable holder reused between scrapes. */
public final class Vmstat {
    public int count;
    public String[] key = new String[256];
    public long[] value = new long[256];

    void ensure(int n) {
        if (n > key.length) {
            int cap = Math.max(n, key.length * 2);
            key = Arrays.copyOf(key, cap);
            value = Arrays.copyOf(value, cap);
        }
    }
}
