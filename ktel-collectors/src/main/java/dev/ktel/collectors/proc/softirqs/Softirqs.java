package dev.ktel.collectors.proc.softirqs;

import java.util.Arrays;

/**
 * The per-CPU counts of /proc/softirqs: {@link #types} rows of {@link #cpus} values, row {@code r} at
 * {@code counts[r * cpus]}. Mutable holder reused between scrapes.
 */
public final class Softirqs {
    public int cpus;
    /** CPU numbers from the header ("0", "1", ...). */
    public String[] cpu = new String[8];
    public int types;
    /** Softirq names as the kernel prints them (HI, TIMER, NET_TX, ...). */
    public String[] type = new String[16];
    public long[] counts = new long[16 * 8];

    void ensureCpus(int n) {
        if (n > cpu.length) {
            cpu = Arrays.copyOf(cpu, Math.max(n, cpu.length * 2));
        }
    }

    void ensureRow(int row) {
        if (row >= type.length) {
            type = Arrays.copyOf(type, type.length * 2);
        }
        int need = (row + 1) * cpus;
        if (need > counts.length) {
            counts = Arrays.copyOf(counts, Math.max(need, counts.length * 2));
        }
    }
}
