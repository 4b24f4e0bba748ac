package dev.ktel.store.api;

/**
 * A sample the store refuses, thrown by {@link Appender#append} with the series, the timestamp and the reason. The
 * appender stays usable; the rejected sample is simply not part of the batch.
 */
public final class SampleRejectedException extends RuntimeException {
  public enum Reason {
    /** Older than the series' newest sample and outside the out-of-order window. */
    OUT_OF_ORDER,
    /** Same timestamp as a stored sample but a different value. */
    DUPLICATE_TIMESTAMP,
    /** Older than the oldest time the store still accepts (persisted blocks or retention). */
    TOO_OLD
  }

  private final Reason reason;
  private final transient Labels labels;
  private final long timestamp;

  public SampleRejectedException(Reason reason, Labels labels, long timestamp, String detail) {
    super(labels + " @" + timestamp + ": " + reason.name().toLowerCase(java.util.Locale.ROOT) + " (" + detail + ")");
    this.reason = reason;
    this.labels = labels;
    this.timestamp = timestamp;
  }

  public Reason reason() {
    return reason;
  }

  public Labels labels() {
    return labels;
  }

  public long timestamp() {
    return timestamp;
  }
}
