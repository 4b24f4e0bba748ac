package dev.ktel.forward.server;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A classic histogram with exponential buckets (1 ms × 2^i up to ~33 s), exported in Prometheus form. Lock-free
 * (one atomic increment per observation) because it is updated by every ingest worker.
 */
public final class LatencyHistogram {
    static final double[] BOUNDS = new double[16];

    static {
        for (int i = 0; i < BOUNDS.length; i++) {
            BOUNDS[i] = 0.001 * (1L << i);
        }
    }

    private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS.length + 1);
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    public void observe(double seconds) {
        int i = 0;
        while (i < BOUNDS.length && seconds > BOUNDS[i]) {
            i++;
        }
        buckets.incrementAndGet(i);
        count.increment();
        sum.add(seconds);
    }

    public long count() {
        return count.sum();
    }

    public double sum() {
        return sum.sum();
    }

    public double[] bounds() {
        return BOUNDS.clone();
    }

    /** Cumulative counts per bound (without +Inf). */
    public long[] cumulative() {
        long[] c = new long[BOUNDS.length];
        long acc = 0;
        for (int i = 0; i < BOUNDS.length; i++) {
            acc += buckets.get(i);
            c[i] = acc;
        }
        return c;
    }

    /** The upper bound of the bucket holding quantile q (the usual histogram_quantile upper estimate). */
    public double quantileUpperBound(double q) {
        long total = count();
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(q * total);
        long[] c = cumulative();
        for (int i = 0; i < c.length; i++) {
            if (c[i] >= rank) {
                return BOUNDS[i];
            }
        }
        return Double.POSITIVE_INFINITY;
    }
}
