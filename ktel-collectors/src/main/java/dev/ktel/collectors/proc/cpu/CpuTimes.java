package dev.ktel.collectors.proc.cpu;

import java.util.Arrays;

/**
 * Per-CPU time counters of /proc/stat, in USER_HZ ticks, for {@link #count} CPUs. Mutable holder reused between
 * scrapes: row {@code i} holds {@link #COLUMNS} values starting at {@code i * COLUMNS}, in the kernel's column
 * order (user, nice, system, idle, iowait, irq, softirq, steal, guest, guest_nice).
 */
public final class CpuTimes {
    public static final int USER = 0;
    public static final int NICE = 1;
    public static final int SYSTEM = 2;
    public static final int IDLE = 3;
    public static final int IOWAIT = 4;
    public static final int IRQ = 5;
    public static final int SOFTIRQ = 6;
    public static final int STEAL = 7;
    public static final int GUEST = 8;
    public static final int GUEST_NICE = 9;
    public static final int COLUMNS = 10;

    public int count;
    /** CPU numbers as label values ("0", "1", ...). */
    public String[] cpu = new String[8];
    public long[] ticks = new long[8 * COLUMNS];

    void ensure(int n) {
        if (n > cpu.length) {
            int cap = Math.max(n, cpu.length * 2);
            cpu = Arrays.copyOf(cpu, cap);
            ticks = Arrays.copyOf(ticks, cap * COLUMNS);
        }
    }

    public long get(int row, int column) {
        return ticks[row * COLUMNS + column];
    }
}
