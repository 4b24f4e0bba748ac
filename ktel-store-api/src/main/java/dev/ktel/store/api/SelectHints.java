package dev.ktel.store.api;

/**
 * What a query will do with a selection, so that a store may answer from a downsampled tier instead of raw samples.
 * {@code stepMillis} is the query's resolution (0 for an instant or raw read); {@code function} is the PromQL range
 * function applied to the selection ({@code "max_over_time"}, {@code "rate"}, ...; empty when none). Stores without
 * tiers ignore hints and return raw samples.
 */
public record SelectHints(long stepMillis, String function) {
  /** Raw samples: no step, no function. */
  public static final SelectHints RAW = new SelectHints(0, "");

  public SelectHints {
    if (stepMillis < 0) {
      throw new IllegalArgumentException("step must not be negative: " + stepMillis);
    }
    function = function == null ? "" : function;
  }

  public static SelectHints step(long stepMillis, String function) {
    return new SelectHints(stepMillis, function);
  }
}
