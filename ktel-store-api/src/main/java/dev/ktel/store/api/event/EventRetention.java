package dev.ktel.store.api.event;

/**
 * Retention limits of an event store. Zero means unlimited.
 *
 * @param maxAgeNanos events older than now minus this are dropped
 * @param maxBytes    the oldest events are dropped until the store's size is at most this
 */
public record EventRetention(long maxAgeNanos, long maxBytes) {
  public static final EventRetention NONE = new EventRetention(0, 0);

  public EventRetention {
    if (maxAgeNanos < 0 || maxBytes < 0) {
      throw new IllegalArgumentException("retention limits must not be negative: maxAgeNanos=" + maxAgeNanos
          + ", maxBytes=" + maxBytes);
    }
  }

  public static EventRetention ofAge(java.time.Duration maxAge) {
    return new EventRetention(maxAge.toNanos(), 0);
  }

  public static EventRetention ofBytes(long maxBytes) {
    return new EventRetention(0, maxBytes);
  }

  /** The cutoff for {@code nowNanos}: events strictly older are dropped; {@link Long#MIN_VALUE} if unlimited. */
  public long cutoffNanos(long nowNanos) {
    return maxAgeNanos == 0 ? Long.MIN_VALUE : nowNanos - maxAgeNanos;
  }
}
