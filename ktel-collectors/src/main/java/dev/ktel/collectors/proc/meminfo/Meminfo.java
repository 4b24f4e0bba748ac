package dev.ktel.collectors.proc.meminfo;

import java.util.Arrays;

/**
 * The lines of /proc/meminfo in file order: key (as printed, without the colon), value and whether it had a
 * unit (always kB). Mutable holder reused between scrapes.
 */
public final class Meminfo {
    public int count;
    public String[] key = new String[64];
    public long[] value = new long[64];
    public boolean[] kilobytes = new boolean[64];

    void ensure(int n) {
        if (n > key.length) {
            int cap = Math.max(n, key.length * 2);
            key = Arrays.copyOf(key, cap);
            value = Arrays.copyOf(value, cap);
            kilobytes = Arrays.copyOf(kilobytes, cap);
        }
    }
}
