package dev.ktel.collectors.proc.interrupts;

import java.util.Arrays;

/**
 * The rows of /proc/interrupts that carry per-CPU counts: {@link #rows} rows of {@link #cpus} values, row
 * {@code r} at {@code counts[r * cpus]}. Mutable holder reused between scrapes.
 */
public final class Interrupts {
    public int cpus;
    /** CPU numbers from the header ("0", "1", ...). */
    public String[] cpu = new String[8];
    public int rows;
    /** The IRQ number or name before the colon ("24", "LOC"). */
    public String[] type = new String[64];
    /** For numbered IRQs the chip name; for named ones the description ("Local timer interrupts"). */
    public String[] info = new String[64];
    /** For numbered IRQs the rest of the line joined by single spaces; "" for named ones. */
    public String[] devices = new String[64];
    public long[] counts = new long[64 * 8];

    void ensureCpus(int n) {
        if (n > cpu.length) {
            cpu = Arrays.copyOf(cpu, Math.max(n, cpu.length * 2));
        }
    }

    void ensureRow(int row) {
        if (row >= type.length) {
            int cap = type.length * 2;
            type = Arrays.copyOf(type, cap);
            info = Arrays.copyOf(info, cap);
            devices = Arrays.copyOf(devices, cap);
        }
        int need = (row + 1) * cpus;
        if (need > counts.length) {
            counts = Arrays.copyOf(counts, Math.max(need, counts.length * 2));
        }
    }
}
