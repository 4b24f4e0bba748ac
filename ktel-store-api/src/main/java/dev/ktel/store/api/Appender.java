package dev.ktel.store.api;

/**
 * A batch of samples with commit semantics. Samples appended here are invisible to readers until {@link #commit()}
 * returns; after it returns they are acknowledged (durable under the store's documented policy). {@link #rollback()}
 * discards the batch. An appender is used by one thread and is finished by exactly one commit or rollback.
 *
 * <p>{@link #append} checks a sample against the store's current state and this batch and throws
 * {@link SampleRejectedException} for a sample that can never be stored (out of order, duplicate timestamp with a
 * different value, too old); the rest of the batch is unaffected. A sample with the same timestamp and the same value
 * bits as a stored one is accepted and ignored (re-scrapes are idempotent). If two appenders race, a sample that
 * became invalid between append and commit is dropped at commit and counted by {@link SeriesStore#rejectedSamples()}.
 */
public interface Appender {
  /** Adds a float sample (timestamp in epoch milliseconds) to the batch. */
  void append(Labels series, long timestampMillis, double value);

  /**
   * Adds a classic histogram as its float series, as Prometheus stores classic histograms: one
   * {@code <name>_bucket{le="..."}} per bound (cumulative), {@code <name>_sum} and {@code <name>_count}. A missing
   * +Inf bucket is added with the total count. {@code series} carries the base metric name.
   */
  default void appendHistogram(Labels series, long timestampMillis, ClassicHistogram h) {
    String base = series.metricName();
    boolean sawInf = false;
    for (int i = 0; i < h.upperBounds().length; i++) {
      double le = h.upperBounds()[i];
      sawInf |= le == Double.POSITIVE_INFINITY;
      append(series.toBuilder().set(Labels.METRIC_NAME, base + "_bucket").set("le", ClassicHistogram.formatBound(le))
          .build(), timestampMillis, h.cumulativeCounts()[i]);
    }
    if (!sawInf) {
      append(series.toBuilder().set(Labels.METRIC_NAME, base + "_bucket").set("le", "+Inf").build(),
          timestampMillis, h.count());
    }
    append(series.toBuilder().set(Labels.METRIC_NAME, base + "_sum").build(), timestampMillis, h.sum());
    append(series.toBuilder().set(Labels.METRIC_NAME, base + "_count").build(), timestampMillis, h.count());
  }

  /** Makes the batch visible and durable; returns the number of samples stored (ignored duplicates excluded). */
  int commit();

  /** Discards the batch. */
  void rollback();
}
