package dev.ktel.server;

import java.time.Duration;

/**
 * How long each tier keeps data: raw samples, 5-minute and 1-hour aggregates (0 = forever), and an optional size
 * limit for the raw blocks (0 = none). Raw retention is the shortest, so old ranges are answered from aggregates.
 */
public record StoreRetention(Duration raw, Duration fiveMinutes, Duration oneHour, long rawBytes) {
  public static final StoreRetention DEFAULT = new StoreRetention(Duration.ofDays(15), Duration.ofDays(90),
      Duration.ofDays(365), 0);

  public StoreRetention {
    for (Duration d : new Duration[] {raw, fiveMinutes, oneHour}) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("retention must not be negative: " + d);
      }
    }
    if (rawBytes < 0) {
      throw new IllegalArgumentException("size retention must not be negative: " + rawBytes);
    }
  }
}
