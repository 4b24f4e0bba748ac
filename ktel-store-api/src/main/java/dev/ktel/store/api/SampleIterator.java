package dev.ktel.store.api;

/**
 * Cursor over one series' samples in increasing timestamp order. Usage: {@code while (it.next()) use(it.t(), it.v())}.
 * Values keep their exact bits (see {@link StaleNaN}).
 */
public interface SampleIterator {
  /** Advances to the next sample; false when exhausted. */
  boolean next();

  /** Timestamp in milliseconds since the epoch of the current sample. */
  long t();

  /** Value of the current sample. */
  double v();

  /**
   * Advances to the first sample with timestamp ≥ t; stays put if the current sample already qualifies (never moves
   * backwards). False when there is none.
   */
  boolean seek(long t);
}
