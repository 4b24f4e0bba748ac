package dev.ktel.promql;

import java.time.Duration;

/**
 * Engine limits and defaults, as Prometheus' command-line flags: lookback delta (how far back an instant selector
 * looks for the latest sample), maximum samples held by one query, query timeout, and the default subquery step.
 */
public record EngineOptions(Duration lookbackDelta, long maxSamples, Duration timeout, Duration defaultSubqueryStep) {
  public static final EngineOptions DEFAULTS =
      new EngineOptions(Duration.ofMinutes(5), 50_000_000L, Duration.ofMinutes(2), Duration.ofMinutes(1));

  public EngineOptions {
    if (lookbackDelta.isNegative() || lookbackDelta.isZero()) {
      throw new IllegalArgumentException("lookbackDelta must be positive: " + lookbackDelta);
    }
    if (maxSamples <= 0) {
      throw new IllegalArgumentException("maxSamples must be positive: " + maxSamples);
    }
  }

  public EngineOptions withLookbackDelta(Duration d) {
    return new EngineOptions(d, maxSamples, timeout, defaultSubqueryStep);
  }

  public EngineOptions withMaxSamples(long n) {
    return new EngineOptions(lookbackDelta, n, timeout, defaultSubqueryStep);
  }

  public EngineOptions withTimeout(Duration d) {
    return new EngineOptions(lookbackDelta, maxSamples, d, defaultSubqueryStep);
  }
}
