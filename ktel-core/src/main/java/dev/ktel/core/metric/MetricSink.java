package dev.ktel.core.metric;

/**
 * Where collectors put what they read. A collector announces a family with {@link #family} and then writes
 * its samples; all samples of one family are written before the next family starts. Label values are given
 * in the order of the family's label names.
 *
 * <p>Implementations: the exposition writer (bytes for /metrics), the sample recorder (tests, doctor) and,
 * later, the pipeline towards the store and the forwarder. The fixed-arity methods exist so that collectors
 * need no array per sample on the hot path.
 */
public interface MetricSink {

    void family(MetricFamily family);

    void sample(double value);

    void sample(String labelValue, double value);

    void sample(String labelValue1, String labelValue2, double value);

    void sample(String labelValue1, String labelValue2, String labelValue3, double value);

    /** Any number of label values, in the family's label order. */
    void sample(String[] labelValues, double value);

    /**
     * One classic histogram series: {@code upperBounds} ascending without +Inf, {@code cumulativeCounts} of the
     * same length (counts of observations ≤ each bound), then the total count and sum.
     */
    void histogram(String[] labelValues, double[] upperBounds, long[] cumulativeCounts, long count, double sum);

    /** Marks the start of one collector's output, so that a failing collector can be rolled back. */
    default void checkpoint() {
    }

    /** Drops everything written since the last {@link #checkpoint()}. */
    default void rollback() {
    }
}
