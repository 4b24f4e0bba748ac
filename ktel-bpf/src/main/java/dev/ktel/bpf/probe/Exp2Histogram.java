package dev.ktel.bpf.probe;

/**
 * Turns log2 slots (slot s counts values v with 2^(s-1) < v ≤ 2^s, slot 0 v ≤ 1, see include/bits.bpf.h)
 * into a Prometheus classic histogram: cumulative counts for the exported bounds 2^minSlot..2^maxSlot
 * (times {@code unit}, e.g. 1e-9 for ns → seconds). Slots below minSlot fold into the first bucket, slots
 * above maxSlot appear only in +Inf (the total). Every bound is always written (backfilled), so each scrape
 * has the same bucket set. Allocation-free after construction.
 */
public final class Exp2Histogram {
    private final int minSlot;
    private final int maxSlot;
    private final double[] bounds;
    private final long[] cumulative;
    private long count;

    public Exp2Histogram(int minSlot, int maxSlot, double unit) {
        if (minSlot < 0 || maxSlot < minSlot || maxSlot > 62) {
            throw new IllegalArgumentException("slots " + minSlot + ".." + maxSlot);
        }
        this.minSlot = minSlot;
        this.maxSlot = maxSlot;
        this.bounds = new double[maxSlot - minSlot + 1];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = (double) (1L << (minSlot + i)) * unit;
        }
        this.cumulative = new long[bounds.length];
    }

    /** Fills {@link #cumulative()} and {@link #count()} from {@code slots[0..n)}. */
    public void fill(long[] slots, int n) {
        long running = 0;
        int b = 0;
        for (int s = 0; s < n; s++) {
            running += slots[s];
            if (s >= minSlot && s <= maxSlot) {
                cumulative[b++] = running;
            }
        }
        while (b < cumulative.length) {
            cumulative[b++] = running;
        }
        count = running;
    }

    /** Upper bounds (ascending, without +Inf). Do not modify. */
    public double[] bounds() {
        return bounds;
    }

    /** Cumulative counts matching {@link #bounds()}. Do not modify. */
    public long[] cumulative() {
        return cumulative;
    }

    public long count() {
        return count;
    }
}
