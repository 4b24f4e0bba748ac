package dev.ktel.pipeline.fidelity;

import dev.ktel.core.metric.MetricSink;
import dev.ktel.pipeline.ForwardingSink;

/**
 * Merges every {@code merge} adjacent histogram buckets into one. With cumulative counts that is just keeping
 * every {@code merge}-th boundary (and the last one): the counts at the kept boundaries are exact, only the
 * resolution between them is lost. Reuses its arrays, so it allocates nothing per histogram.
 */
public final class HistogramCoarseningSink extends ForwardingSink {
    private final int merge;
    /** Scratch arrays by exact length: the sink API takes an array's length as the bucket count. */
    private final double[][] boundsByLength = new double[129][];
    private final long[][] countsByLength = new long[129][];

    public HistogramCoarseningSink(int merge, MetricSink next) {
        super(next);
        if (merge < 2) {
            throw new IllegalArgumentException("merge must be at least 2, got " + merge);
        }
        this.merge = merge;
    }

    @Override
    public void histogram(String[] labelValues, double[] upperBounds, long[] cumulativeCounts, long count, double sum) {
        int n = upperBounds.length;
        if (n <= 1) {
            next.histogram(labelValues, upperBounds, cumulativeCounts, count, sum);
            return;
        }
        int kept = (n + merge - 1) / merge;
        double[] bounds;
        long[] counts;
        if (kept < boundsByLength.length) {
            if (boundsByLength[kept] == null) {
                boundsByLength[kept] = new double[kept];
                countsByLength[kept] = new long[kept];
            }
            bounds = boundsByLength[kept];
            counts = countsByLength[kept];
        } else {
            bounds = new double[kept];
            counts = new long[kept];
        }
        int k = 0;
        for (int i = merge - 1; i < n; i += merge) {
            bounds[k] = upperBounds[i];
            counts[k++] = cumulativeCounts[i];
        }
        if (n % merge != 0) {
            bounds[k] = upperBounds[n - 1];
            counts[k++] = cumulativeCounts[n - 1];
        }
        next.histogram(labelValues, bounds, counts, count, sum);
    }
}
