package dev.ktel.collectors.proc.diskstats;

import java.util.Arrays;

/**
 * The lines of /proc/diskstats: per device its name, major/minor numbers and up to {@link #MAX_STATS}
 * counters in kernel order. Mutable holder, reused between scrapes; arrays grow with the device count.
 */
public final class DiskStats {
    /** Counters after major, minor and name: 11 (kernel < 4.18), 15 (discards, 4.18+), 17 (flush, 5.5+). */
    public static final int MAX_STATS = 17;

    public static final int READS = 0;
    public static final int READS_MERGED = 1;
    public static final int SECTORS_READ = 2;
    public static final int READ_TICKS = 3;
    public static final int WRITES = 4;
    public static final int WRITES_MERGED = 5;
    public static final int SECTORS_WRITTEN = 6;
    public static final int WRITE_TICKS = 7;
    public static final int IN_FLIGHT = 8;
    public static final int IO_TICKS = 9;
    public static final int TIME_IN_QUEUE = 10;
    public static final int DISCARDS = 11;
    public static final int DISCARDS_MERGED = 12;
    public static final int SECTORS_DISCARDED = 13;
    public static final int DISCARD_TICKS = 14;
    public static final int FLUSHES = 15;
    public static final int FLUSH_TICKS = 16;

    public int count;
    public String[] device = new String[16];
    public int[] major = new int[16];
    public int[] minor = new int[16];
    /** How many counters the device's line had (11, 15 or 17). */
    public int[] statCount = new int[16];
    /** Counters of device {@code i} at {@code i * MAX_STATS + k}. */
    public long[] stats = new long[16 * MAX_STATS];

    public long stat(int device, int k) {
        return stats[device * MAX_STATS + k];
    }

    void ensure(int n) {
        if (n > device.length) {
            int cap = Math.max(n, device.length * 2);
            device = Arrays.copyOf(device, cap);
            major = Arrays.copyOf(major, cap);
            minor = Arrays.copyOf(minor, cap);
            statCount = Arrays.copyOf(statCount, cap);
            stats = Arrays.copyOf(stats, cap * MAX_STATS);
        }
    }
}
